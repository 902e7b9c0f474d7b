// SQL behind the operations report: the network, the district center's units, windows, items and staff, each town
// center's windows, staff, items and visits (hall tickets), and the problems: units not entered, late steps, idle rooms.
// Cases and measures come from the statistics (statistics.service.ts), so both show one figure.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export function networkCounts(db: Db) {
  return db.selectFrom('centers').where('status', '=', 'active')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute()
}

/** Active centers of a level under a path, in code order. */
export function centersAt(db: Db, level: 'district' | 'town', scopePath: string) {
  return db.selectFrom('centers').select(['id', 'code', 'name', 'path', 'founded_on'])
    .where('level', '=', level).where('status', '=', 'active').where('path', 'like', `${scopePath}%`)
    .orderBy('code').execute()
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

/** Visits (接待人次) at a center in [from, to]: the hall's tickets issued there (one per trip, enquiries included). */
export async function ticketsIssued(db: Db, centerId: number, from: string, to: string): Promise<number> {
  const r = await db.selectFrom('tickets').where('center_id', '=', centerId).where('day', '>=', from).where('day', '<=', to)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Required units of a center not entered by `asOf` (应进必进 not yet met), in creation order. */
export function unitsNotEntered(db: Db, centerId: number, asOf: string) {
  return db.selectFrom('departments').select('name').where('center_id', '=', centerId).where('required', '=', true).where('status', '=', 'active')
    .where((eb) => eb.or([eb('entered_on', 'is', null), eb('entered_on', '>', asOf)])).orderBy('id').execute()
}

/**
 * Steps of cases in scope that started in [from, to] and were late: done after their due date, or still open after
 * it on `to`; per department (late first), with how many steps had a due date at all.
 */
export async function lateStepsByDepartment(db: Db, scopePath: string, from: string, to: string) {
  const r = await sql<{ department: string; steps: number; late: number }>`
    select d.name as department, count(*)::int as steps,
      count(*) filter (where (s.done_at is not null and (s.done_at at time zone 'Asia/Shanghai')::date > s.due_date)
        or (s.done_at is null and s.due_date < ${to}::date))::int as late
    from case_steps s join centers c on c.id = s.center_id join departments d on d.id = s.department_id
    where c.path like ${scopePath + '%'} and s.due_date is not null and s.start_date between ${from}::date and ${to}::date
    group by d.id, d.name order by late desc, d.id`.execute(db)
  return r.rows
}

/** Active village rooms in scope with no case started in [from, to], by town (from the same aggregates as coverage). */
export async function idleVillageRooms(db: Db, scopePath: string, usedIds: number[]) {
  const r = await db.selectFrom('centers as v').innerJoin('centers as t', 't.id', 'v.parent_id')
    .select(['t.name as town', sql<number>`count(*)::int`.as('rooms'), sql<string[]>`array_agg(v.name order by v.code)`.as('names')])
    .where('v.level', '=', 'village').where('v.status', '=', 'active').where('v.path', 'like', `${scopePath}%`)
    .$if(usedIds.length > 0, (q) => q.where('v.id', 'not in', usedIds))
    .groupBy(['t.id', 't.name', 't.code']).orderBy('t.code').execute()
  return r
}
