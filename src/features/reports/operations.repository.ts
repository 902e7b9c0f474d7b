// SQL behind the operations report: the network, the district center's units, windows, items and staff, each town
// center's windows, staff, items, cases and visits (hall tickets), and the measures the original report could not give.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { aggregateRows, villageCoverage } from '../statistics/statistics.repository.js'

export function networkCounts(db: Db) {
  return db.selectFrom('centers').where('status', '=', 'active')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute()
}

/** Active centers of a level under a path, in code order. */
export function centersAt(db: Db, level: 'district' | 'town', scopePath: string) {
  return db.selectFrom('centers').select(['id', 'code', 'name', 'path'])
    .where('level', '=', level).where('status', '=', 'active').where('path', 'like', `${scopePath}%`)
    .orderBy('code').execute()
}

export function requiredUnits(db: Db, centerId: number, asOf: string) {
  return db.selectFrom('departments').where('center_id', '=', centerId).where('required', '=', true).where('status', '=', 'active')
    .select((eb) => [
      eb.fn.countAll<number>().as('required'),
      eb.fn.count<number>(eb.case().when('entered_on', '<=', asOf).then(1).end()).as('entered'),
    ]).executeTakeFirstOrThrow()
}

/** Distinct windows of a center that are not retired (a window serving several departments counts once). */
export function windowsOf(db: Db, centerId: number) {
  return db.selectFrom('windows').select(['id', 'number', 'name'])
    .where('center_id', '=', centerId).where('status', '<>', 'retired')
    .orderBy(sql`length(number)`).orderBy('number').execute()
}

/** Staff of a center by role: window staff (clerks) and managers. */
export function staffOf(db: Db, centerId: number) {
  return db.selectFrom('users').where('center_id', '=', centerId).where('status', '=', 'active')
    .select((eb) => [
      eb.fn.count<number>(eb.case().when(sql<boolean>`'clerk' = any(roles)`).then(1).end()).as('clerks'),
      eb.fn.count<number>(eb.case().when(sql<boolean>`'manager' = any(roles)`).then(1).end()).as('managers'),
    ]).executeTakeFirstOrThrow()
}

/** Items with a published version whose department belongs to the center, per department (departments in creation order). */
export function itemsByDepartment(db: Db, centerId: number) {
  return db.selectFrom('departments as d')
    .innerJoin('service_items as i', 'i.department_id', 'd.id')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .where('d.center_id', '=', centerId).where('i.status', '=', 'active')
    .select(['d.id', 'd.name', (eb) => eb.fn.countAll<number>().as('items')])
    .groupBy(['d.id', 'd.name']).orderBy('d.id').execute()
}

/** Published items offered at a center (its 事项清单) and their distinct categories. */
export function offeredItems(db: Db, centerId: number) {
  return db.selectFrom('item_offerings as o')
    .innerJoin('service_items as i', 'i.id', 'o.item_id')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .where('o.center_id', '=', centerId).where('i.status', '=', 'active')
    .select((eb) => [eb.fn.countAll<number>().as('items'), eb.fn.count<number>(sql`distinct v.category`).as('categories')])
    .executeTakeFirstOrThrow()
}

/** Cases accepted at the center (those it forwarded up included) with acceptance in [from, to]. */
export async function casesAccepted(db: Db, centerId: number, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('cases').where('accepting_center_id', '=', centerId)
    .where('accepted_on', '>=', from).where('accepted_on', '<=', to)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return r.n
}

/** Visits (接待人次) at a center in [from, to]: the hall's tickets issued there (one per trip, enquiries included). */
export async function ticketsIssued(db: Db, centerId: number, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('tickets').where('center_id', '=', centerId).where('day', '>=', from).where('day', '<=', to)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

/**
 * What the original report could not measure, in [from, to]: decided, on time (by the due date) and one trip (at most
 * one visit, no correction asked) from the statistics aggregates (decisions taken at centers of the scope), village
 * coverage from the same, satisfaction (基本满意 or better) from the ratings.
 */
export async function measures(db: Db, scopePath: string, from: string, to: string) {
  const [rows, coverage, sat] = await Promise.all([
    aggregateRows(db, { scopePath, from, to, groupBy: 'month' }),
    villageCoverage(db, scopePath, from, to),
    sql<{ rated: number; satisfied: number }>`
      select count(*)::int as rated, count(*) filter (where score >= 3)::int as satisfied
      from ratings where center_path like ${scopePath + '%'} and not set_aside and rated_on between ${from}::date and ${to}::date`.execute(db),
  ])
  const sum = (k: 'finished' | 'on_time' | 'one_trip') => rows.reduce((n, r) => n + r[k], 0)
  return { decided: sum('finished'), on_time: sum('on_time'), one_trip: sum('one_trip'), rooms: coverage.rooms, used: coverage.used, ...sat.rows[0] }
}
