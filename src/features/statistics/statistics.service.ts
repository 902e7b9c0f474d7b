// GET /api/statistics: the measures of the statistics (统计分析) grouped by center, department, window, person, item
// or month over a date range, scoped by jurisdiction, read from the aggregates (folded + unfolded deltas).
import { isIsoDate, type IsoDate } from '../../domain/calendar.js'
import { today } from '../../domain/clock.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../server/app.js'
import * as repo from './statistics.repository.js'
import type { GroupBy, Measures } from './statistics.repository.js'

export interface StatisticsQuery { from?: string; to?: string; groupBy?: GroupBy; centerId?: number }

/** The dates: real dates, `from` not after `to`; by default January 1 of today's year to today. */
export function statisticsDates(q: Pick<StatisticsQuery, 'from' | 'to'>, todayIs: IsoDate): { from: IsoDate; to: IsoDate } {
  const problems: FieldProblem[] = []
  for (const f of ['from', 'to'] as const) {
    if (q[f] !== undefined && !isIsoDate(q[f]!)) problems.push({ field: `querystring.${f}`, message: '日期无效，应为真实存在的 YYYY-MM-DD' })
  }
  if (problems.length) throw errors.validation(problems)
  const to = q.to ?? todayIs
  const from = q.from ?? `${to.slice(0, 4)}-01-01`
  if (from > to) throw errors.validation([{ field: 'querystring.from', message: `起始日期 ${from} 晚于截止日期 ${to}` }])
  return { from, to }
}

const rate = (n: number, d: number, digits = 3) => (d ? Math.round((n / d) * 10 ** digits) / 10 ** digits : null)

/** The rates a reader wants beside the counts. */
export function withRates(m: Measures) {
  return {
    received: m.received, accepted: m.accepted, refused: m.refused, finished: m.finished,
    onTime: m.on_time, early: m.early, late: m.late, onTimeRate: rate(m.on_time, m.finished), earlyRate: rate(m.early, m.finished),
    lateRate: rate(m.late, m.finished), workdays: m.workdays, avgWorkdays: rate(m.workdays, m.finished, 1),
    trips: m.trips, tripsPerCase: rate(m.trips, m.finished, 2), oneTrip: m.one_trip, oneTripRate: rate(m.one_trip, m.finished),
    visits: m.visits, rated: m.rated, satisfied: m.satisfied, satisfaction: rate(m.satisfied, m.rated),
  }
}

const NO_KEY: Record<GroupBy, string> = {
  center: '', department: '未分部门', window: '未经窗口（代办、取号等）', person: '未记录办理人', item: '未指定事项', month: '',
}

export async function statistics(ctx: AppContext, actor: Actor, q: StatisticsQuery) {
  assertCan(actor, 'reports.read')
  const { from, to } = statisticsDates(q, today(ctx.clock))
  const groupBy = q.groupBy ?? 'center'
  let scope = { id: actor.centerId, path: actor.centerPath }
  if (q.centerId !== undefined) {
    const c = await repo.centerById(ctx.db, q.centerId)
    if (!c) throw errors.notFound('服务中心', q.centerId)
    assertCovers(actor, c.path)
    scope = c
  }
  const range = { scopePath: scope.path, from, to, groupBy }
  const [rows, coverage, entry] = await Promise.all([
    repo.aggregateRows(ctx.db, range), repo.villageCoverage(ctx.db, scope.path, from, to), repo.entryUnits(ctx.db, scope.path, to),
  ])
  const names = await repo.keyNames(ctx.db, groupBy, rows.map((r) => r.key).filter((k): k is number => typeof k === 'number'))
  const total = emptyMeasures()
  for (const r of rows) for (const k of Object.keys(total) as (keyof Measures)[]) total[k] += r[k]
  return {
    from, to, groupBy, centerId: scope.id,
    rows: rows.map((r) => ({
      key: r.key, name: r.key === null ? NO_KEY[groupBy] : typeof r.key === 'string' ? r.key : names.get(r.key) ?? String(r.key), ...withRates(r),
    })),
    totals: withRates(total),
    coverage: { villageRooms: coverage.rooms, villageRoomsUsed: coverage.used, rate: rate(coverage.used, coverage.rooms) },
    entry: { requiredUnits: entry.required, enteredUnits: entry.entered, rate: rate(entry.entered, entry.required) },
  }
}

function emptyMeasures(): Measures {
  return { received: 0, accepted: 0, refused: 0, finished: 0, on_time: 0, early: 0, late: 0, workdays: 0, trips: 0, one_trip: 0, visits: 0, rated: 0, satisfied: 0 }
}

export type Statistics = Awaited<ReturnType<typeof statistics>>
