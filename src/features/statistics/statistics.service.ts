// GET /api/statistics: the measures of the statistics (统计分析) grouped by center, department, window, person, item
// or month over a date range, scoped by jurisdiction, read from the aggregates (folded + unfolded deltas).
import { isIsoDate, type IsoDate } from '../../domain/calendar.js'
import { today } from '../../domain/clock.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import * as repo from './statistics.repository.js'
import type { GroupBy, Measures } from './statistics.repository.js'
import type { CenterLevel } from '../../domain/vocabulary.js'
import { entryRate, villageCoverageRate, withRates } from '../../domain/statistics-measures.js'

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

const NO_KEY: Record<GroupBy, string> = {
  center: '', department: '未分部门', window: '未经窗口（代办、取号等）', person: '未记录办理人', item: '未指定事项', month: '',
}

export async function statistics(ctx: AppContext, actor: Actor, q: StatisticsQuery) {
  assertCan(actor, 'reports.read')
  const { from, to } = statisticsDates(q, today(ctx.clock))
  const groupBy = q.groupBy ?? 'center'
  let scope: { id: number; path: string } = { id: actor.centerId, path: actor.centerPath }
  if (q.centerId !== undefined) {
    const c = await repo.centerById(ctx.db, q.centerId)
    if (!c) throw errors.notFound('服务中心', q.centerId)
    assertCovers(actor, c.path)
    scope = c
  }
  return { from, to, groupBy, centerId: scope.id, ...await figures(ctx.db, scope, from, to, groupBy) }
}

/**
 * The figures of a scope (a center and what is under it) over [from, to], grouped: the rows, their totals, village
 * coverage and the center's 应进必进 entry. The statistics page, its workbook, the workbench card and the operations
 * report all read them here, so each measure has one value.
 */
export async function figures(db: AppContext['db'], scope: { id: number; path: string }, from: IsoDate, to: IsoDate, groupBy: GroupBy) {
  const [rows, coverage, entry] = await Promise.all([
    repo.aggregateRows(db, { scopePath: scope.path, from, to, groupBy }), repo.villageCoverage(db, scope.path, from, to), repo.entryUnits(db, scope.id, to),
  ])
  const ids = rows.map((r) => r.key).filter((k): k is number => typeof k === 'number')
  const [names, levels] = await Promise.all([repo.keyNames(db, groupBy, ids), groupBy === 'center' ? repo.centerLevels(db, ids) : new Map<number, CenterLevel>()])
  const total = emptyMeasures()
  for (const r of rows) for (const k of Object.keys(total) as (keyof Measures)[]) total[k] += r[k]
  return {
    rows: rows.map((r) => ({
      key: r.key, name: r.key === null ? NO_KEY[groupBy] : typeof r.key === 'string' ? r.key : names.get(r.key) ?? String(r.key),
      ...(typeof r.key === 'number' && levels.has(r.key) ? { level: levels.get(r.key) } : {}), ...withRates(r),
    })),
    totals: withRates(total),
    coverage: { villageRooms: coverage.rooms, villageRoomsUsed: coverage.used, rate: villageCoverageRate(coverage.used, coverage.rooms), usedIds: coverage.usedIds },
    entry: { requiredUnits: entry.required, enteredUnits: entry.entered, rate: entryRate(entry.entered, entry.required) },
  }
}

function emptyMeasures(): Measures {
  return { received: 0, accepted: 0, refused: 0, finished: 0, on_time: 0, early: 0, late: 0, workdays: 0, trips: 0, one_trip: 0, visits: 0, rated: 0, satisfied: 0 }
}

export type Statistics = Awaited<ReturnType<typeof statistics>>
