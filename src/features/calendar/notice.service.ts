// Entering a year's State Council notice (国务院办公厅关于某年部分节假日安排的通知): the holidays and make-up working
// days replace the year's stored days, the year is confirmed, and open cases whose dates change are recomputed, each
// with an event, in one audited transaction. A paste error (fewer than 200 or more than 260 working days) → 400;
// a year already confirmed → 409.
import type { Db } from '../../db/database.js'
import { isIsoDate, isWorkday, makeCalendar, type Calendar, type IsoDate } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './calendar.repository.js'
import { PROVISIONAL, type CalendarCache } from './calendar.service.js'

export interface NoticeDay { date: IsoDate; workday: boolean; name: string }

/** Recomputes the open cases whose dates lie in the confirmed year, in its transaction; the number whose dates moved.
 * The cases feature's recomputeOpenCases, given by the composition root (cases sit above the calendar). */
export type RecomputeOpenCases = (trx: Db, cal: Calendar, year: number, at: Date, today: IsoDate, actorId: number) => Promise<number>

export const MIN_WORKDAYS = 200
export const MAX_WORKDAYS = 260

/** Working days of `year` under the notice's days alone (Monday–Friday otherwise). */
export function workdaysOf(year: number, days: readonly NoticeDay[]): number {
  const cal = makeCalendar(days, [year])
  let n = 0
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    if (isWorkday(cal, d.toISOString().slice(0, 10))) n += 1
  }
  return n
}

export function checkNotice(year: number, days: readonly NoticeDay[]): number {
  const problems: FieldProblem[] = []
  // 元旦 of the new year may reach back into the last week of December (2018-12-29..31 were in the 2019 notice).
  days.forEach((d, i) => {
    const inYear = d.date.startsWith(`${year}-`) || (d.date >= `${year - 1}-12-25` && d.date <= `${year - 1}-12-31`)
    if (!isIsoDate(d.date) || !inYear) problems.push({ field: `body.days.${i}.date`, message: `不是 ${year} 年的日期: ${d.date}` })
  })
  if (new Set(days.map((d) => d.date)).size !== days.length) problems.push({ field: 'body.days', message: '同一日期出现了两次' })
  if (problems.length) throw errors.validation(problems)
  const n = workdaysOf(year, days)
  if (n < MIN_WORKDAYS || n > MAX_WORKDAYS) {
    throw errors.validation([{ field: 'body.days', message: `按此安排 ${year} 年共有 ${n} 个工作日，不在 ${MIN_WORKDAYS}–${MAX_WORKDAYS} 之间，请检查是否粘贴有误` }])
  }
  return n
}

export async function confirmNotice(db: Db, cache: CalendarCache, actor: Actor, now: Date, year: number, days: readonly NoticeDay[], recomputeOpenCases: RecomputeOpenCases) {
  const workdays = checkNotice(year, days)
  const result = await db.transaction().execute(async (trx) => {
    const before = await repo.lockYear(trx, year)
    if (before?.confirmed) throw errors.conflict('calendar_year_confirmed', `${year} 年的放假安排已确认；如需更正请逐日修改`, { year })
    await repo.deleteYearDays(trx, `${year}-01-01`, `${year}-12-31`)
    for (const d of days) await repo.upsertDay(trx, { ...d, name: d.name.trim(), source: 'admin', userId: actor.userId })
    await repo.upsertYear(trx, { year, confirmed: true, userId: actor.userId })
    const loaded = await repo.loadAll(trx)
    const cal = makeCalendar(loaded.days, loaded.confirmedYears, PROVISIONAL)
    const changedCases = await recomputeOpenCases(trx, cal, year, now, chinaDate(now), actor.userId)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'calendar.notice.confirm', entity: 'calendar_year', entityId: year,
      data: { before: before ?? null, days, workdays, changedCases },
    })
    return { year, confirmed: true, workdays, changedCases }
  })
  await cache.changed()
  return result
}
