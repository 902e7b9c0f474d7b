// The official working-day calendar: deadlines from an in-process copy, and the administrator's corrections.
// A change reloads this process's copy and notifies the others (LISTEN/NOTIFY on 'yizhan_calendar').
import type { Db } from '../../db/database.js'
import {
  addWorkingDays, isProvisional, makeCalendar, unconfirmedYears, type Calendar, type IsoDate,
} from '../../domain/calendar.js'
import { provisionalYear } from '../../domain/provisional-calendar.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { Bus } from '../../kernel/bus.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './calendar.repository.js'

export const CALENDAR_CHANNEL = 'yizhan_calendar'

/** Unconfirmed years in this span count on the statutory rules (provisional) instead of the bare weekday rule. */
export const PROVISIONAL = { rule: provisionalYear, years: [2000, 2099] as const }

/**
 * The calendar held in memory (under a thousand rows). Reloaded after a change here, on a notification from
 * another process, and at the latest after `ttlMs`, in case a notification was lost while the listener reconnected.
 */
export class CalendarCache {
  private current: { cal: Calendar; until: number } | undefined
  private loading: Promise<Calendar> | undefined
  private generation = 0

  constructor(private db: Db, private bus?: Bus, private ttlMs = 5 * 60_000) {
    bus?.subscribe(CALENDAR_CHANNEL, () => this.invalidate())
  }

  async get(): Promise<Calendar> {
    if (this.current && this.current.until > Date.now()) return this.current.cal
    if (this.loading) return this.loading
    const generation = this.generation
    const loading = repo.loadAll(this.db).then(({ days, confirmedYears }) => {
      const cal = makeCalendar(days, confirmedYears, PROVISIONAL)
      // A change made while this load ran wins: keep the result for this caller only.
      if (generation === this.generation) this.current = { cal, until: Date.now() + this.ttlMs }
      return cal
    }).finally(() => { if (this.loading === loading) this.loading = undefined })
    this.loading = loading
    return loading
  }

  invalidate(): void {
    this.generation += 1
    this.current = undefined
    this.loading = undefined
  }

  /** After a committed change: reload here, tell the other processes. */
  async changed(): Promise<void> {
    this.invalidate()
    // The change is committed; a failed notification must not turn it into an error. The TTL bounds the staleness.
    await this.bus?.publish(CALENDAR_CHANNEL, {}).catch(() => undefined)
  }
}

const caches = new WeakMap<Db, CalendarCache>()

/** The one calendar cache of an app (keyed by its database), for every feature that computes due dates. */
/** A transaction reads the calendar of the database it runs on (one intake of several cases in one transaction). */
export function shareCalendarCache(from: { db: Db; bus?: Bus }, trx: Db): void {
  caches.set(trx, calendarCache(from))
}

export function calendarCache(ctx: { db: Db; bus?: Bus }): CalendarCache {
  let c = caches.get(ctx.db)
  if (!c) caches.set(ctx.db, (c = new CalendarCache(ctx.db, ctx.bus)))
  return c
}

/**
 * The Nth working day after `from`, and whether the official schedule of every year it depends on is known.
 * days = 0 (即办) is `from` itself and depends on no schedule, so it is always confirmed.
 */
export async function deadline(cache: CalendarCache, from: IsoDate, days: number) {
  const cal = await cache.get()
  const due = addWorkingDays(cal, from, days)
  const missing = days === 0 ? [] : unconfirmedYears(cal, from, due)
  return { due, confirmed: missing.length === 0, unconfirmedYears: missing, provisional: isProvisional(cal, missing) }
}

/**
 * A year's holidays and make-up workdays: the stored ones, and for a year not confirmed the statutory days of the
 * provisional rule (`source: 'provisional'`) on every date not stored.
 */
export async function listYear(db: Db, year: number) {
  const [row, stored] = await Promise.all([repo.findYear(db, year), repo.listDays(db, `${year}-01-01`, `${year}-12-31`)])
  const confirmed = row?.confirmed ?? false
  const [from, to] = PROVISIONAL.years
  if (confirmed || year < from || year > to) return { year, confirmed, days: stored }
  const taken = new Set(stored.map((d) => d.date))
  const provisional = PROVISIONAL.rule(year).filter((d) => !taken.has(d.date))
    .map((d) => ({ date: d.date, workday: false, name: d.name, source: 'provisional' as const }))
  return { year, confirmed, days: [...stored, ...provisional].sort((a, b) => (a.date < b.date ? -1 : 1)) }
}

export async function setDay(db: Db, cache: CalendarCache, actor: Actor, date: IsoDate, input: { workday: boolean; name: string }) {
  const day = await db.transaction().execute(async (trx) => {
    const before = await repo.lockDay(trx, date)
    const after = await repo.upsertDay(trx, { date, workday: input.workday, name: input.name, source: 'admin', userId: actor.userId })
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'calendar.day.set', entity: 'calendar_day', entityId: date,
      data: { before: before ?? null, after },
    })
    return after
  })
  await cache.changed()
  return day
}

/** Remove a stored day: it follows the weekday rule again. */
export async function deleteDay(db: Db, cache: CalendarCache, actor: Actor, date: IsoDate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.lockDay(trx, date)
    if (!before) throw errors.notFound('日历日期', date)
    await repo.deleteDay(trx, date)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'calendar.day.delete', entity: 'calendar_day', entityId: date,
      data: { before },
    })
  })
  await cache.changed()
}

/**
 * Confirm (or withdraw) a year's schedule. Every real year has weekday holidays, so a year with no stored day
 * has not been entered: confirming it would silently certify the bare weekday rule.
 */
export async function setYear(db: Db, cache: CalendarCache, actor: Actor, year: number, input: { confirmed: boolean }) {
  const result = await db.transaction().execute(async (trx) => {
    const before = await repo.lockYear(trx, year)
    if (input.confirmed) {
      const { n } = await repo.countDays(trx, `${year}-01-01`, `${year}-12-31`)
      if (Number(n) === 0) throw errors.conflict('calendar_year_empty', `${year} 年尚未录入任何节假日或调休日，不能确认`, { year })
    }
    const after = await repo.upsertYear(trx, { year, confirmed: input.confirmed, userId: actor.userId })
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'calendar.year.set', entity: 'calendar_year', entityId: year,
      data: { before: before ?? null, after },
    })
    return after
  })
  await cache.changed()
  return result
}
