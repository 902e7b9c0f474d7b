// The operations report (运行情况): live figures of the network, the district center and each town center as of a
// date, read from the network, catalog and case tables; never stored numbers.
import { isIsoDate, type IsoDate } from '../../domain/calendar.js'
import { today } from '../../domain/clock.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../server/app.js'
import * as repo from './operations.repository.js'
import { historyStatus } from '../../demo/history/generate.js'

export interface OperationsQuery { asOf?: string; casesFrom?: string; visitsFrom?: string; centerId?: number }
export interface ReportDates { asOf: IsoDate; casesFrom: IsoDate; visitsFrom: IsoDate }

/** The report's dates: each a real date, the two starts not after `asOf`; defaults per the contract. */
export function reportDates(q: OperationsQuery, todayIs: IsoDate): ReportDates {
  const problems: FieldProblem[] = []
  const bad = (field: keyof OperationsQuery) => problems.push({ field: `querystring.${field}`, message: '日期无效，应为真实存在的 YYYY-MM-DD' })
  for (const f of ['asOf', 'casesFrom', 'visitsFrom'] as const) if (q[f] !== undefined && !isIsoDate(q[f]!)) bad(f)
  if (problems.length) throw errors.validation(problems)
  const asOf = q.asOf ?? todayIs
  const year = Number(asOf.slice(0, 4))
  const casesFrom = q.casesFrom ?? `${year - 1}-01-01`
  const visitsFrom = q.visitsFrom ?? `${year}-01-01`
  if (casesFrom > asOf) problems.push({ field: 'querystring.casesFrom', message: `起始日期 ${casesFrom} 晚于截止日期 ${asOf}` })
  if (visitsFrom > asOf) problems.push({ field: 'querystring.visitsFrom', message: `起始日期 ${visitsFrom} 晚于截止日期 ${asOf}` })
  if (problems.length) throw errors.validation(problems)
  return { asOf, casesFrom, visitsFrom }
}

/** 梁子镇便民服务中心 → 梁子镇: the report names the town. */
export const townName = (centerName: string) => centerName.replace(/(便民服务中心|服务中心)$/, '') || centerName

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null)

export async function operationsReport(ctx: AppContext, actor: Actor, q: OperationsQuery) {
  assertCan(actor, 'reports.read')
  const dates = reportDates(q, today(ctx.clock))
  const db = ctx.db
  let scopePath = actor.centerPath
  if (q.centerId !== undefined) {
    const c = await db.selectFrom('centers').select(['path', 'level']).where('id', '=', q.centerId).executeTakeFirst()
    if (!c) throw errors.notFound('服务中心', q.centerId)
    assertCovers(actor, c.path)
    scopePath = c.path
  }
  const levels = await repo.networkCounts(db)
  const count = (l: string) => levels.find((r) => r.level === l)?.n ?? 0
  const district = (await repo.centersAt(db, 'district', '/'))[0]
  const towns = (await repo.centersAt(db, 'town', '/')).filter((t) => t.path.startsWith(scopePath) || scopePath.startsWith(t.path))
  return {
    asOf: dates.asOf,
    network: { districtCenters: count('district'), townCenters: count('town'), villageRooms: count('village') },
    district: district ? await districtFigures(db, district.id, dates.asOf) : null,
    towns: await Promise.all(towns.map((t) => townFigures(db, t, dates))),
    measures: await measuresOf(db, scopePath, dates.casesFrom, dates.asOf),
    demoHistory: await demoHistoryOf(db),
  }
}

/** Whether the demo district's history is still being generated (the figures then keep growing). */
async function demoHistoryOf(db: AppContext['db']) {
  const s = await historyStatus(db)
  return s ? { status: s.status, from: s.from, to: s.to, through: s.through < s.from ? null : s.through } : null
}

async function districtFigures(db: AppContext['db'], centerId: number, asOf: IsoDate) {
  const [units, windows, staff, byDept] = await Promise.all([
    repo.requiredUnits(db, centerId, asOf), repo.windowsOf(db, centerId), repo.staffOf(db, centerId), repo.itemsByDepartment(db, centerId)])
  return {
    requiredUnits: units.required, enteredUnits: units.entered, windows: windows.length,
    items: byDept.reduce((s, d) => s + d.items, 0),
    itemsByDepartment: byDept.map((d) => ({ department: d.name, items: d.items })),
    windowStaff: staff.clerks, managers: staff.managers,
  }
}

async function townFigures(db: AppContext['db'], t: { id: number; name: string }, d: ReportDates) {
  const [windows, staff, items, cases, visits] = await Promise.all([
    repo.windowsOf(db, t.id), repo.staffOf(db, t.id), repo.offeredItems(db, t.id),
    repo.casesAccepted(db, t.id, d.casesFrom, d.asOf), repo.ticketsIssued(db, t.id, d.visitsFrom, d.asOf)])
  return {
    centerId: t.id, name: townName(t.name), centerName: t.name, windows: windows.length, windowNames: windows.map((w) => w.name), staff: staff.clerks,
    items: items.items, itemCategories: items.categories,
    casesSince: { from: d.casesFrom, count: cases }, visits: { from: d.visitsFrom, to: d.asOf, count: visits },
  }
}

async function measuresOf(db: AppContext['db'], scopePath: string, from: IsoDate, to: IsoDate) {
  const m = await repo.measures(db, scopePath, from, to)
  return {
    from, to, decided: m.decided, onTimeRate: rate(m.on_time, m.decided), oneTripRate: rate(m.one_trip, m.decided),
    villageRooms: m.rooms, villageRoomsUsed: m.used, villageCoverage: rate(m.used, m.rooms),
    ratings: m.rated, satisfaction: rate(m.satisfied, m.rated),
  }
}

export type OperationsReport = Awaited<ReturnType<typeof operationsReport>>
