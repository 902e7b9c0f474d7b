// SQL for departments (部门): the scoped list with window and item counts, writes, and what still uses one.
import { sql, type NotNull } from 'kysely'
import type { Db } from '../../db/database.js'
import type { CenterLevel, RecordStatus } from '../../domain/vocabulary.js'
import { byCenterLevel } from './network.shared.js'

export interface DepartmentFilter { scopePath: string; id?: number; centerId?: number; required?: boolean; status?: RecordStatus }

export function listDepartments(db: Db, f: DepartmentFilter) {
  let q = db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select((eb) => [
      'd.id', 'd.code', 'd.name', 'd.short_name as shortName', 'd.level', 'd.center_id as centerId', 'c.name as centerName',
      'd.required', 'd.entered_on as enteredOn', 'd.phone', 'd.status', 'd.head_stand_in_user_id as headStandInUserId', 'd.head_away as headAway',
      'd.review_body as reviewBody', 'd.court', 'd.review_first as reviewFirst', 'd.window_may_refuse as windowMayRefuse',
      eb.selectFrom('window_departments as wd').innerJoin('windows as w', 'w.id', 'wd.window_id')
        .select(eb.fn.countAll<number>().as('n')).whereRef('wd.department_id', '=', 'd.id').where('w.status', '<>', 'retired')
        .as('windowCount'),
      eb.selectFrom('service_items as i').select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.department_id', '=', 'd.id').where('i.status', '=', 'active').as('itemCount'),
    ])
    .$narrowType<{ windowCount: NotNull; itemCount: NotNull }>()
    .where('c.path', 'like', `${f.scopePath}%`)
  if (f.id !== undefined) q = q.where('d.id', '=', f.id)
  if (f.centerId !== undefined) q = q.where('d.center_id', '=', f.centerId)
  if (f.required !== undefined) q = q.where('d.required', '=', f.required)
  if (f.status) q = q.where('d.status', '=', f.status)
  return q.orderBy(byCenterLevel).orderBy('c.code').orderBy('d.code').execute()
}

export function findDepartmentByCode(db: Db, code: string) {
  return db.selectFrom('departments').select(['id', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function insertDepartment(db: Db, row: {
  code: string; name: string; shortName?: string; centerId: number; level: CenterLevel
  required?: boolean; enteredOn?: string | null; phone?: string
}): Promise<number> {
  const { id } = await db.insertInto('departments').values({
    code: row.code, name: row.name, short_name: row.shortName, level: row.level, center_id: row.centerId,
    required: row.required, entered_on: row.enteredOn ?? null, phone: row.phone,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

/** The department row FOR UPDATE, with its center's path for the jurisdiction check. */
export function lockDepartment(db: Db, id: number) {
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.code', 'd.name', 'd.short_name', 'd.required', 'd.entered_on', 'd.phone', 'd.status', 'd.center_id', 'c.path',
      'd.head_stand_in_user_id', 'd.head_away', 'd.review_body', 'd.court', 'd.review_first', 'd.window_may_refuse'])
    .where('d.id', '=', id).forUpdate('d').executeTakeFirst()
}

export type DepartmentChanges = Partial<{
  code: string; name: string; short_name: string; required: boolean; entered_on: string | null; phone: string; status: RecordStatus
  head_stand_in_user_id: number | null; head_away: boolean
  review_body: string | null; court: string | null; review_first: boolean; window_may_refuse: boolean
}>

/** Whether a user may stand in for the department's head (AB岗): active staff of the department who approves. */
export async function isHeadStandIn(db: Db, departmentId: number, userId: number): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').where('id', '=', userId).where('department_id', '=', departmentId)
    .where('status', '=', 'active').where(sql<boolean>`roles && array['approver','department_head']::text[]`).executeTakeFirst()
  return r !== undefined
}

export function updateDepartment(db: Db, id: number, changes: DepartmentChanges) {
  return db.updateTable('departments').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).execute()
}

/** What keeps a department from being retired: windows (not retired) serving it, and its active items. */
export async function departmentUsage(db: Db, id: number): Promise<{ windows: number; items: number }> {
  const r = await db.selectNoFrom((eb) => [
    eb.selectFrom('window_departments as wd').innerJoin('windows as w', 'w.id', 'wd.window_id').select(eb.fn.countAll<number>().as('n'))
      .where('wd.department_id', '=', id).where('w.status', '<>', 'retired').as('windows'),
    eb.selectFrom('service_items').select(eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('status', '=', 'active').as('items'),
  ]).executeTakeFirstOrThrow()
  return { windows: Number(r.windows), items: Number(r.items) }
}
