// The operations report (运行情况): live figures of the network, the district center and each town center as of a
// date, read from the network, catalog and case tables; never stored numbers.
import { isIsoDate, type IsoDate } from '../../domain/calendar.js'
import { today } from '../../domain/clock.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import * as repo from './operations.repository.js'
import { historyStatus } from './demo-history.repository.js'
import { figures } from '../statistics/statistics.service.js'
import { entryUnits } from '../statistics/statistics.repository.js'
import { channelStatistics } from '../statistics/channels.js'

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
  // The same figures as the statistics page over [casesFrom, asOf]: the towns' 受理 and the measures.
  const scopeCenter = await db.selectFrom('centers').select(['id', 'path', 'name', 'level']).where('path', '=', scopePath).executeTakeFirstOrThrow()
  const [stats, byMonth, channels] = await Promise.all([figures(db, scopeCenter, dates.casesFrom, dates.asOf, 'center'), figures(db, scopeCenter, dates.casesFrom, dates.asOf, 'month'),
    channelStatistics(ctx, actor, { from: dates.casesFrom, to: dates.asOf, centerId: scopeCenter.id })])
  const accepted = (id: number) => stats.rows.find((r) => r.key === id)?.accepted ?? 0
  const townRows = await Promise.all(towns.map((t) => townFigures(db, t, dates, accepted(t.id))))
  return {
    asOf: dates.asOf, casesFrom: dates.casesFrom, visitsFrom: dates.visitsFrom,
    scope: { centerId: scopeCenter.id, name: scopeCenter.name, level: scopeCenter.level, government: governmentOf(scopeCenter.level, scopeCenter.name) },
    network: { districtCenters: count('district'), townCenters: count('town'), villageRooms: count('village') },
    district: district ? await districtFigures(db, district, dates.asOf) : null,
    towns: townRows,
    measures: {
      from: dates.casesFrom, to: dates.asOf, received: stats.totals.received, accepted: stats.totals.accepted, refused: stats.totals.refused,
      decided: stats.totals.finished, onTime: stats.totals.onTime, late: stats.totals.late, onTimeRate: stats.totals.onTimeRate,
      avgWorkdays: stats.totals.avgWorkdays, oneTripRate: stats.totals.oneTripRate,
      villageRooms: stats.coverage.villageRooms, villageRoomsUsed: stats.coverage.villageRoomsUsed, villageCoverage: stats.coverage.rate,
      ratings: stats.totals.rated, good: stats.totals.satisfied, satisfaction: stats.totals.satisfaction,
      requiredUnits: stats.entry.requiredUnits, enteredUnits: stats.entry.enteredUnits, entryRate: stats.entry.rate,
    },
    // trips per case with and without 容缺 and 一件事 (the channels measure, GET /api/statistics/channels)
    trips: { total: channels.total, withCommitment: channels.withCommitment, bundled: channels.bundled, withoutEither: channels.withoutEither },
    months: byMonth.rows.map((x) => ({ month: String(x.key), accepted: x.accepted, finished: x.finished })),
    problems: await problemsOf(db, scopePath, district && district.path.startsWith(scopePath) ? district.id : null, dates, stats.coverage.usedIds, townRows),
    demoHistory: await demoHistoryOf(db),
  }
}

/** 主送: the government the center reports to (区人民政府 for the district center, the town's for a town). */
const governmentOf = (level: string, name: string) => (level === 'district' ? '区人民政府' : `${townName(name).replace(/村$/, '')}人民政府`)

/** What the report's problems section says, each from live rows: units not entered, late steps, the least used town, idle rooms. */
async function problemsOf(db: AppContext['db'], scopePath: string, districtId: number | null, d: ReportDates, usedRooms: number[],
  towns: Awaited<ReturnType<typeof townFigures>>[]) {
  const [notEntered, lateSteps, idle] = await Promise.all([
    districtId === null ? [] : repo.unitsNotEntered(db, districtId, d.asOf),
    repo.lateStepsByDepartment(db, scopePath, d.casesFrom, d.asOf),
    repo.idleVillageRooms(db, scopePath, usedRooms),
  ])
  const least = towns.length > 1 ? [...towns].sort((a, b) => a.casesSince.count - b.casesSince.count)[0] : null
  const others = least ? towns.filter((t) => t !== least) : []
  return {
    unitsNotEntered: notEntered.map((u) => u.name),
    lateSteps: lateSteps.filter((x) => x.late > 0).map((x) => ({ department: x.department, steps: x.steps, late: x.late })),
    leastUsedTown: least && {
      name: least.name, cases: least.casesSince.count, visits: least.visits.count, windows: least.windows, staff: least.staff,
      othersAverage: others.length ? Math.round(others.reduce((n, t) => n + t.casesSince.count, 0) / others.length) : 0,
    },
    idleVillageRooms: idle.map((x) => ({ town: townName(x.town), rooms: x.rooms, names: x.names })),
  }
}

/** Whether the demo district's history is still being generated (the figures then keep growing). */
async function demoHistoryOf(db: AppContext['db']) {
  const s = await historyStatus(db)
  return s ? { status: s.status, from: s.from, to: s.to, through: s.through < s.from ? null : s.through } : null
}

async function districtFigures(db: AppContext['db'], center: { id: number; founded_on: string | null }, asOf: IsoDate) {
  const [units, windows, staff, byDept] = await Promise.all([
    entryUnits(db, center.id, asOf), repo.windowsOf(db, center.id), repo.staffOf(db, center.id), repo.itemsByDepartment(db, center.id)])
  return {
    foundedOn: center.founded_on,
    requiredUnits: units.required, enteredUnits: units.entered, windows: windows.length,
    items: byDept.reduce((s, d) => s + d.items, 0),
    itemsByDepartment: byDept.map((d) => ({ department: d.name, items: d.items })),
    windowStaff: staff.clerks, managers: staff.managers,
  }
}

async function townFigures(db: AppContext['db'], t: { id: number; name: string }, d: ReportDates, accepted: number) {
  const [windows, staff, items, visits] = await Promise.all([
    repo.windowsOf(db, t.id), repo.staffOf(db, t.id), repo.offeredItems(db, t.id), repo.ticketsIssued(db, t.id, d.visitsFrom, d.asOf)])
  return {
    centerId: t.id, name: townName(t.name), centerName: t.name, windows: windows.length, windowNames: windows.map((w) => w.name), staff: staff.clerks,
    items: items.items, itemCategories: items.categories,
    casesSince: { from: d.casesFrom, count: accepted }, visits: { from: d.visitsFrom, to: d.asOf, count: visits },
  }
}

export type OperationsReport = Awaited<ReturnType<typeof operationsReport>>
