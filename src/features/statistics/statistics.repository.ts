// SQL of the statistics (统计分析): the fold of delta rows into the daily aggregate, the grouped read over folded +
// unfolded rows, the same figures by a full scan of the base tables (the benchmark's baseline), names for the keys,
// village-room coverage and the 应进必进 entry rate.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { MeasureCounts } from '../../domain/statistics-measures.js'
import type { CenterLevel } from '../../domain/vocabulary.js'
import { eventDeltasSelect, STAT_KEYS, STAT_MEASURES } from '../../db/migrations/0080_statistics.js'

export const GROUP_BYS = ['center', 'department', 'window', 'person', 'item', 'month'] as const
export type GroupBy = (typeof GROUP_BYS)[number]
export type Measures = MeasureCounts
export type AggregateRow = Measures & { key: number | string | null }

const KEY_EXPR: Record<GroupBy, string> = {
  center: 'center_id', department: 'department_id', window: 'window_id', person: 'person_id', item: 'item_id',
  month: `to_char(day, 'YYYY-MM')`,
}
/** stat_monthly holds one dimension per row; center and month totals add up its department rows. */
const MONTHLY_DIM: Record<GroupBy, string> = { center: 'department', month: 'department', department: 'department', window: 'window', person: 'person', item: 'item' }
const MONTHLY_KEY: Record<GroupBy, string> = { ...KEY_EXPR, department: 'dim_id', window: 'dim_id', person: 'dim_id', item: 'dim_id' }
const keys = STAT_KEYS.join(', ')
const measures = STAT_MEASURES.join(', ')
const sums = STAT_MEASURES.map((m) => `coalesce(sum(${m}), 0)::int as ${m}`).join(', ')

/**
 * Moves up to `batch` deltas into stat_daily and stat_monthly in one statement (delete … returning, then two upserts). SKIP LOCKED lets
 * two folders (two processes on one database) take disjoint rows; a reader sees a delta either unfolded or folded,
 * never both, because the delete and the upsert commit together. Returns how many deltas were folded.
 */
export async function foldDeltas(db: Db, batch = 20_000): Promise<number> {
  const r = await sql.raw<{ n: number }>(`
    with moved as (
      delete from stat_deltas where id in (select id from stat_deltas order by id limit ${Math.floor(batch)} for update skip locked)
      returning ${keys}, ${measures}
    ), daily as (
      ${upsert('stat_daily', 'day')}
    ), monthly as (
      insert into stat_monthly (day, center_id, dim, dim_id, ${measures})
      select date_trunc('month', day)::date, center_id, d.dim, d.dim_id, ${sums}
      from moved cross join lateral (values ('department', department_id), ('window', window_id), ('person', person_id), ('item', item_id)) d(dim, dim_id)
      group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict on constraint stat_monthly_key do update set ${STAT_MEASURES.map((m) => `${m} = stat_monthly.${m} + excluded.${m}`).join(', ')}
      returning 1
    )
    select (select count(*) from moved)::int as n, (select count(*) from daily)::int + (select count(*) from monthly)::int as rows`).execute(db)
  return r.rows[0].n
}

function upsert(table: string, day: string) {
  return `insert into ${table} (${keys}, ${measures})
      select ${day}, ${STAT_KEYS.slice(1).join(', ')}, ${sums} from moved group by ${keys} order by ${keys}
      on conflict on constraint ${table}_key do update set ${STAT_MEASURES.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')}
      returning 1`
}

/** Folds until no delta is left (tests, the benchmark, a manual catch-up). */
export async function foldAll(db: Db): Promise<number> {
  let total = 0
  for (;;) {
    const n = await foldDeltas(db)
    total += n
    if (n === 0) return total
  }
}

export interface RangeQuery { scopePath: string; from: string; to: string; groupBy: GroupBy; level?: 'village' }

/**
 * The measures per key from the aggregates: whole months of the range from stat_monthly, the days of its partial
 * months from stat_daily, and every delta not yet folded.
 */
export async function aggregateRows(db: Db, q: RangeQuery): Promise<AggregateRow[]> {
  const { monthsFrom, monthsTo } = wholeMonths(q.from, q.to)
  const scope = `center_id in (select id from scope)`
  const r = sql.raw<AggregateRow>(`
    with scope as (select id from centers where path like $1 and ($6::text is null or level = $6))
    select key, ${sums} from (
      select ${MONTHLY_KEY[q.groupBy]} as key, ${measures} from stat_monthly
      where dim = '${MONTHLY_DIM[q.groupBy]}' and day >= $4::date and day < $5::date and ${scope}
      union all
      select ${KEY_EXPR[q.groupBy]}, ${measures} from stat_daily where day between $2::date and $3::date and (day < $4::date or day >= $5::date) and ${scope}
      union all
      select ${KEY_EXPR[q.groupBy]}, ${measures} from stat_deltas where day between $2::date and $3::date and ${scope}
    ) x group by 1 order by 1 nulls last`).compile(db)
  return (await db.executeQuery<AggregateRow>({ ...r, parameters: [q.scopePath + '%', q.from, q.to, monthsFrom, monthsTo, q.level ?? null] })).rows
}

/** The whole months inside [from, to] as [monthsFrom, monthsTo): first days of months; empty when monthsFrom ≥ monthsTo. */
export function wholeMonths(from: string, to: string): { monthsFrom: string; monthsTo: string } {
  const first = (d: string) => `${d.slice(0, 7)}-01`
  const nextMonth = (d: string) => {
    const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))]
    return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${d.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`
  }
  const monthsFrom = from.endsWith('-01') ? from : nextMonth(from)
  const afterTo = nextMonth(to)
  const lastOfMonth = addDay(to) === afterTo
  return { monthsFrom, monthsTo: lastOfMonth ? afterTo : first(to) }
}

function addDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() + 1)
  return t.toISOString().slice(0, 10)
}

/** The same figures by a full scan of case events, tickets and ratings (no aggregate): the benchmark's baseline. */
export async function scanRows(db: Db, q: RangeQuery): Promise<AggregateRow[]> {
  const r = sql.raw<AggregateRow>(`
    with scope as (select id from centers where path like $1)
    select ${KEY_EXPR[q.groupBy]} as key, ${sums} from (
      select * from (${eventDeltasSelect('case_events')}) ev
      union all
      select t.day, t.center_id, i.department_id, null, null, t.item_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
      from tickets t left join service_items i on i.id = t.item_id
      union all
      select rated_on, center_id, department_id, window_id, staff_id, item_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (score >= 3)::int -- isGoodScore (rating-measures.ts)
      from ratings where not set_aside
    ) x where day between $2::date and $3::date and center_id in (select id from scope)
    group by 1 order by 1 nulls last`).compile(db)
  return (await db.executeQuery<AggregateRow>({ ...r, parameters: [q.scopePath + '%', q.from, q.to] })).rows
}

/** Display names of the keys of one grouping (items by their latest version's name). */
export async function keyNames(db: Db, groupBy: GroupBy, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0 || groupBy === 'month') return new Map()
  const rows = groupBy === 'center' ? await db.selectFrom('centers').select(['id', 'name']).where('id', 'in', ids).execute()
    : groupBy === 'department' ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()
    : groupBy === 'person' ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
    : groupBy === 'window' ? await db.selectFrom('windows as w').innerJoin('centers as c', 'c.id', 'w.center_id')
      .select(['w.id', sql<string>`c.name || ' ' || w.name`.as('name')]).where('w.id', 'in', ids).execute()
    : await db.selectFrom('item_versions').distinctOn('item_id').select(['item_id as id', 'name'])
      .where('item_id', 'in', ids).orderBy('item_id').orderBy('version', 'desc').execute()
  return new Map(rows.map((r) => [Number(r.id), r.name]))
}

/** The level of each center (the statistics page charts one level at a time). */
export async function centerLevels(db: Db, ids: number[]): Promise<Map<number, CenterLevel>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('centers').select(['id', 'level']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.level]))
}

/** Village rooms in scope and how many started at least one case in the dates (from the aggregates). */
export async function villageCoverage(db: Db, scopePath: string, from: string, to: string) {
  const [rooms, used] = await Promise.all([
    db.selectFrom('centers').where('level', '=', 'village').where('status', '=', 'active').where('path', 'like', `${scopePath}%`)
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    aggregateRows(db, { scopePath, from, to, groupBy: 'center', level: 'village' }),
  ])
  const usedIds = used.filter((r) => r.received > 0).map((r) => Number(r.key))
  return { rooms: Number(rooms.n), used: usedIds.length, usedIds }
}

/** 应进必进 of one center: its units that must be present, and how many had entered by `asOf` (entryRate's counts). */
export async function entryUnits(db: Db, centerId: number, asOf: string) {
  return db.selectFrom('departments').where('center_id', '=', centerId).where('required', '=', true).where('status', '=', 'active')
    .select((eb) => [
      eb.fn.countAll<number>().as('required'),
      eb.fn.count<number>(eb.case().when('entered_on', '<=', asOf).then(1).end()).as('entered'),
    ]).executeTakeFirstOrThrow()
}

export function centerById(db: Db, id: number) {
  return db.selectFrom('centers').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst()
}
