// SQL for staff (accounts in the users table): the scoped list (never the password hash), writes, seats and sessions.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { RecordStatus, Role } from '../../domain/vocabulary.js'
import { byCenterLevel } from './network.shared.js'

export interface StaffFilter { scopePath: string; id?: number; centerId?: number; role?: Role; status?: RecordStatus }

export function listStaff(db: Db, f: StaffFilter) {
  let q = db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .leftJoin('windows as w', 'w.id', 'u.window_id')
    .select(['u.id', 'u.username', 'u.name', 'u.roles', 'u.center_id as centerId', 'c.name as centerName',
      'u.window_id as windowId', 'w.name as windowName', 'u.phone', 'u.status', 'u.department_id as departmentId'])
    .where('c.path', 'like', `${f.scopePath}%`)
  if (f.id !== undefined) q = q.where('u.id', '=', f.id)
  if (f.centerId !== undefined) q = q.where('u.center_id', '=', f.centerId)
  if (f.role) q = q.where(sql<boolean>`${f.role} = any(u.roles)`)
  if (f.status) q = q.where('u.status', '=', f.status)
  return q.orderBy(byCenterLevel).orderBy('c.code').orderBy('u.username').execute()
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id', 'name']).where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst()
}

export async function insertUser(db: Db, row: {
  username: string; name: string; passwordHash: string; roles: Role[]; centerId: number; windowId: number | null; phone?: string
}): Promise<number> {
  const { id } = await db.insertInto('users').values({
    username: row.username, name: row.name, password_hash: row.passwordHash, roles: row.roles,
    center_id: row.centerId, window_id: row.windowId, phone: row.phone,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

/** The account FOR UPDATE, with its center's path for the jurisdiction check. */
export function lockUser(db: Db, id: number, lock = true) {
  const q = db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .select(['u.id', 'u.username', 'u.name', 'u.roles', 'u.center_id', 'u.window_id', 'u.phone', 'u.status', 'c.path'])
    .where('u.id', '=', id)
  return (lock ? q.forUpdate('u') : q).executeTakeFirst()
}

export type UserChanges = Partial<{
  name: string; roles: Role[]; center_id: number; window_id: number | null; phone: string; status: RecordStatus; password_hash: string
}>

export function updateUser(db: Db, id: number, changes: UserChanges) {
  return db.updateTable('users').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).execute()
}

/** A window of the center that is not retired. */
export function findSeat(db: Db, centerId: number, windowId: number) {
  return db.selectFrom('windows').select(['id', 'name']).where('id', '=', windowId)
    .where('center_id', '=', centerId).where('status', '<>', 'retired').executeTakeFirst()
}

/** Stop naming the user as any window's AB岗 stand-in; returns those windows' ids. */
export async function clearStandIn(db: Db, userId: number): Promise<number[]> {
  const rows = await db.updateTable('windows').set({ stand_in_user_id: null, updated_at: sql`now()` })
    .where('stand_in_user_id', '=', userId).returning('id').execute()
  return rows.map((r) => r.id)
}

export function deleteSessions(db: Db, userId: number) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
