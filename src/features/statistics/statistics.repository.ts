// SQL of the statistics (统计分析): the fold of delta rows into the daily aggregate, the grouped read over folded +
// unfolded rows, the same figures by a full scan of the base tables (the benchmark's baseline), names for the keys,
// village-room coverage and the 应进必进 entry rate.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { eventDeltasSelect, STAT_KEYS, STAT_MEASURES } from '../../db/migrations/0080_statistics.js'

export const GROUP_BYS = ['center', 'department', 'window', 'person', 'item', 'month'] as const
export type GroupBy = (typeof GROUP_BYS)[number]
export type Measures = Record<(typeof STAT_MEASURES)[number], number>
export type AggregateRow = Measures & { key: number | string | null }

const KEY_EXPR: Record<GroupBy, string> = {
  center: 'center_id', department: 'department_id', window: 'window_id', person: 'person_id', item: 'item_id',
  month: `to_char(day, 'YYYY-MM')`,
}
const keys = STAT_KEYS.join(', ')
const measures = STAT_MEASURES.join(', ')
const sums = STAT_MEASURES.map((m) => `coalesce(sum(${m}), 0)::int as ${m}`).join(', ')

/**
 * Moves up to `batch` deltas into stat_daily in one transaction (delete … returning, then upsert). SKIP LOCKED lets
 * two folders (two processes on one database) take disjoint rows; a reader sees a delta either unfolded or folded,
 * never both, because the delete and the upsert commit together. Returns how many deltas were folded.
 */
export async function foldDeltas(db: Db, batch = 20_000): Promise<number> {
  const r = await sql.raw<{ n: number }>(`
    with moved as (
      delete from stat_deltas where id in (select id from stat_deltas order by id limit ${Math.floor(batch)} for update skip locked)
      returning ${keys}, ${measures}
    ), folded as (
      insert into stat_daily (${keys}, ${measures})
      select ${keys}, ${sums} from moved group by ${keys} order by ${keys}
      on conflict on constraint stat_daily_key do update set
        ${STAT_MEASURES.map((m) => `${m} = stat_daily.${m} + excluded.${m}`).join(', ')}
      returning 1
    )
    select (select count(*) from moved)::int as n, (select count(*) from folded)::int as rows`).execute(db)
  return r.rows[0].n
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

export interface RangeQuery { scopePath: string; from: string; to: string; groupBy: GroupBy }

/** The measures per key from the aggregates: folded rows plus the deltas not yet folded. */
export async function aggregateRows(db: Db, q: RangeQuery): Promise<AggregateRow[]> {
  const where = `day between $2::date and $3::date and center_id in (select id from scope)`
  const r = await sql.raw<AggregateRow>(`
    with scope as (select id from centers where path like $1)
    select ${KEY_EXPR[q.groupBy]} as key, ${sums} from (
      select ${keys}, ${measures} from stat_daily where ${where}
      union all
      select ${keys}, ${measures} from stat_deltas where ${where}
    ) x group by 1 order by 1 nulls last`).compile(db)
  return (await db.executeQuery<AggregateRow>({ ...r, parameters: [q.scopePath + '%', q.from, q.to] })).rows
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
      select rated_on, center_id, department_id, window_id, staff_id, item_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (score >= 4)::int
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

/** Village rooms in scope and how many started at least one case in the dates (from the aggregates). */
export async function villageCoverage(db: Db, scopePath: string, from: string, to: string) {
  const r = await sql<{ rooms: number; used: number }>`
    with rooms as (select id from centers where level = 'village' and status = 'active' and path like ${scopePath + '%'})
    select (select count(*) from rooms)::int as rooms, count(distinct center_id)::int as used from (
      select center_id from stat_daily where day between ${from}::date and ${to}::date and received > 0 and center_id in (select id from rooms)
      union all
      select center_id from stat_deltas where day between ${from}::date and ${to}::date and received > 0 and center_id in (select id from rooms)
    ) x`.execute(db)
  return r.rows[0]
}

/** 应进必进: units that must be present in the centers of the scope, and how many had entered by `asOf`. */
export async function entryUnits(db: Db, scopePath: string, asOf: string) {
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .where('c.path', 'like', `${scopePath}%`).where('d.required', '=', true).where('d.status', '=', 'active')
    .select((eb) => [
      eb.fn.countAll<number>().as('required'),
      eb.fn.count<number>(eb.case().when('d.entered_on', '<=', asOf).then(1).end()).as('entered'),
    ]).executeTakeFirstOrThrow()
}

export function centerById(db: Db, id: number) {
  return db.selectFrom('centers').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst()
}
