// SQL for windows (窗口): rows with their stand-in, the departments/items/staff linked to them, and writes.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { WindowRecordStatus } from '../../db/schema.js'
import { byCenterLevel } from './network.shared.js'

export interface WindowFilter { scopePath: string; id?: number; centerId?: number; status?: WindowRecordStatus }

export function listWindows(db: Db, f: WindowFilter) {
  let q = db.selectFrom('windows as w').innerJoin('centers as c', 'c.id', 'w.center_id')
    .leftJoin('users as s', 's.id', 'w.stand_in_user_id')
    .select(['w.id', 'w.center_id as centerId', 'c.name as centerName', 'w.number', 'w.name', 'w.status',
      's.id as standInId', 's.name as standInName'])
    .where('c.path', 'like', `${f.scopePath}%`)
  if (f.id !== undefined) q = q.where('w.id', '=', f.id)
  if (f.centerId !== undefined) q = q.where('w.center_id', '=', f.centerId)
  if (f.status) q = q.where('w.status', '=', f.status)
  return q.orderBy(byCenterLevel).orderBy('c.code')
    .orderBy(sql`length(w.number)`).orderBy('w.number').orderBy('w.id').execute()
}

/** Departments, items and seated staff of the given windows. */
export async function windowLinks(db: Db, windowIds: number[]) {
  if (!windowIds.length) return { departments: [], items: [], staff: [] }
  const [departments, items, staff] = await Promise.all([
    db.selectFrom('window_departments as wd').innerJoin('departments as d', 'd.id', 'wd.department_id')
      .select(['wd.window_id as windowId', 'd.id', 'd.name']).where('wd.window_id', 'in', windowIds).orderBy('d.code').execute(),
    db.selectFrom('window_items').select(['window_id as windowId', 'item_id as itemId'])
      .where('window_id', 'in', windowIds).orderBy('item_id').execute(),
    db.selectFrom('users').select(['window_id as windowId', 'id', 'name'])
      .where('window_id', 'in', windowIds).where('status', '=', 'active').orderBy('id').execute(),
  ])
  return { departments, items, staff }
}

/** The window (not retired) holding `number` in a center, other than `exceptId`. */
export function findWindowByNumber(db: Db, centerId: number, number: string, exceptId?: number) {
  let q = db.selectFrom('windows').select(['id', 'name']).where('center_id', '=', centerId)
    .where('number', '=', number).where('status', '<>', 'retired')
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  return q.executeTakeFirst()
}

export function lockWindow(db: Db, id: number) {
  return db.selectFrom('windows as w').innerJoin('centers as c', 'c.id', 'w.center_id')
    .select(['w.id', 'w.center_id', 'w.number', 'w.name', 'w.status', 'w.stand_in_user_id', 'c.path'])
    .where('w.id', '=', id).forUpdate('w').executeTakeFirst()
}

export async function insertWindow(db: Db, row: { centerId: number; number: string; name: string; status?: WindowRecordStatus; standInUserId?: number | null }) {
  const { id } = await db.insertInto('windows').values({
    center_id: row.centerId, number: row.number, name: row.name, status: row.status, stand_in_user_id: row.standInUserId ?? null,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

export type WindowChanges = Partial<{ number: string; name: string; status: WindowRecordStatus; stand_in_user_id: number | null }>

export function updateWindow(db: Db, id: number, changes: WindowChanges) {
  return db.updateTable('windows').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).execute()
}

export async function setWindowDepartments(db: Db, windowId: number, departmentIds: number[]) {
  await db.deleteFrom('window_departments').where('window_id', '=', windowId).execute()
  if (departmentIds.length) {
    await db.insertInto('window_departments').values(departmentIds.map((d) => ({ window_id: windowId, department_id: d }))).execute()
  }
}

export async function setWindowItems(db: Db, windowId: number, itemIds: number[]) {
  await db.deleteFrom('window_items').where('window_id', '=', windowId).execute()
  if (itemIds.length) await db.insertInto('window_items').values(itemIds.map((i) => ({ window_id: windowId, item_id: i }))).execute()
}

/** Of `ids`, the active departments that belong to the center. */
export async function departmentsOfCenter(db: Db, centerId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await db.selectFrom('departments').select('id').where('id', 'in', ids)
    .where('center_id', '=', centerId).where('status', '=', 'active').execute()
  return new Set(rows.map((r) => r.id))
}

/** Of `ids`, the active items offered at the center (item_offerings). */
export async function itemsOfferedAt(db: Db, centerId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await db.selectFrom('item_offerings as o').innerJoin('service_items as i', 'i.id', 'o.item_id')
    .select('o.item_id as id').where('o.item_id', 'in', ids).where('o.center_id', '=', centerId).where('i.status', '=', 'active').execute()
  return new Set(rows.map((r) => r.id))
}

/** An active window clerk (窗口人员) of the center: who may stand in at a window (AB岗). */
export function findActiveClerk(db: Db, centerId: number, userId: number) {
  return db.selectFrom('users').select(['id', 'name']).where('id', '=', userId)
    .where('center_id', '=', centerId).where('status', '=', 'active').where(sql<boolean>`'clerk' = any(roles)`).executeTakeFirst()
}

/** Of `ids`, the active staff of the center. */
export async function activeStaffOfCenter(db: Db, centerId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('center_id', '=', centerId).where('status', '=', 'active').execute()
  return new Set(rows.map((r) => r.id))
}

/** Exactly `staffIds` sit at the window: others leave it, these leave wherever they sat. */
export async function seatStaff(db: Db, windowId: number, staffIds: number[]) {
  let unseat = db.updateTable('users').set({ window_id: null }).where('window_id', '=', windowId)
  if (staffIds.length) unseat = unseat.where('id', 'not in', staffIds)
  await unseat.execute()
  if (staffIds.length) await db.updateTable('users').set({ window_id: windowId }).where('id', 'in', staffIds).execute()
}

export async function countSeatedStaff(db: Db, windowId: number): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('window_id', '=', windowId).where('status', '=', 'active').executeTakeFirstOrThrow()
  return Number(r.n)
}
