// SQL for centers: the scoped list with counts, the public list, inserts, updates, and what still uses a center.
import { sql, type NotNull } from 'kysely'
import type { Db } from '../../db/database.js'
import { childPath } from '../../domain/jurisdiction.js'
import type { OpeningHours } from '../../domain/hall-time.js'
import type { CenterLevel, RecordStatus } from '../../domain/vocabulary.js'
import { byCenterLevel } from './network.shared.js'

export interface CenterFilter { scopePath: string; id?: number; level?: CenterLevel; parentId?: number; status?: RecordStatus }

export function listCenters(db: Db, f: CenterFilter) {
  let q = db.selectFrom('centers as c').leftJoin('centers as p', 'p.id', 'c.parent_id')
    .select((eb) => [
      'c.id', 'c.code', 'c.name', 'c.level', 'c.parent_id as parentId', 'p.name as parentName', 'c.address', 'c.phone',
      'c.note', 'c.status',
      eb.selectFrom('windows').select(eb.fn.countAll<number>().as('n'))
        .whereRef('windows.center_id', '=', 'c.id').where('windows.status', '<>', 'retired').as('windowCount'),
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.center_id', '=', 'c.id').where('users.status', '=', 'active').as('staffCount'),
    ])
    .$narrowType<{ windowCount: NotNull; staffCount: NotNull }>()
    .where('c.path', 'like', `${f.scopePath}%`)
  if (f.id !== undefined) q = q.where('c.id', '=', f.id)
  if (f.level) q = q.where('c.level', '=', f.level)
  if (f.parentId !== undefined) q = q.where('c.parent_id', '=', f.parentId)
  if (f.status) q = q.where('c.status', '=', f.status)
  return q.orderBy(byCenterLevel).orderBy('c.code').execute()
}

export function listPublicCenters(db: Db) {
  return db.selectFrom('centers as c')
    .select(['c.id', 'c.name', 'c.level', 'c.parent_id as parentId', 'c.address', 'c.phone'])
    .where('c.status', '=', 'active')
    .orderBy(byCenterLevel).orderBy('c.code').execute()
}

export function findCenterByCode(db: Db, code: string) {
  return db.selectFrom('centers').select(['id', 'name']).where('code', '=', code).executeTakeFirst()
}

/** Insert a center under `parent` (null for the district) with its materialized path; every writer uses this. */
export async function insertCenter(db: Db, row: {
  code: string; name: string; level: CenterLevel; parent: { id: number; path: string } | null
  address?: string; phone?: string; note?: string
}): Promise<{ id: number; path: string }> {
  const { id } = await db.insertInto('centers').values({
    code: row.code, name: row.name, level: row.level, parent_id: row.parent?.id ?? null, path: '/',
    address: row.address, phone: row.phone, note: row.note,
  }).returning('id').executeTakeFirstOrThrow()
  // The path ends with the row's own id, known only after the insert.
  const path = childPath(row.parent?.path ?? null, id)
  await db.updateTable('centers').set({ path }).where('id', '=', id).execute()
  return { id, path }
}

export function lockCenter(db: Db, id: number) {
  return db.selectFrom('centers').select(['id', 'code', 'name', 'level', 'path', 'status', 'address', 'phone', 'note'])
    .where('id', '=', id).forUpdate().executeTakeFirst()
}

export type CenterChanges = Partial<{ code: string; name: string; address: string; phone: string; note: string; status: RecordStatus }>

export function updateCenter(db: Db, id: number, changes: CenterChanges) {
  return db.updateTable('centers').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).execute()
}

/** What keeps a center from being retired: active windows, active staff, active child centers. */
export async function centerUsage(db: Db, id: number): Promise<{ windows: number; staff: number; children: number }> {
  const r = await db.selectNoFrom((eb) => [
    eb.selectFrom('windows').select(eb.fn.countAll<number>().as('n')).where('center_id', '=', id).where('status', '<>', 'retired').as('windows'),
    eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).where('center_id', '=', id).where('status', '=', 'active').as('staff'),
    eb.selectFrom('centers').select(eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).where('status', '=', 'active').as('children'),
  ]).executeTakeFirstOrThrow()
  return { windows: Number(r.windows), staff: Number(r.staff), children: Number(r.children) }
}

/** The opening hours of centers, by center id (the public pages print them with hoursText). */
export async function hoursOf(db: Db, centerIds: number[]): Promise<Map<number, OpeningHours>> {
  if (!centerIds.length) return new Map()
  const rows = await db.selectFrom('hall_settings').select(['center_id', 'opens', 'lunch_starts as lunchStarts', 'lunch_ends as lunchEnds', 'closes'])
    .where('center_id', 'in', centerIds).execute()
  return new Map(rows.map(({ center_id, ...h }) => [center_id, h]))
}
