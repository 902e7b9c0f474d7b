// SQL for the hall's setup: per-center settings (hours, notice, calls before a no-show), categories and their items,
// and which categories each window calls.
import { sql } from 'kysely'
import { runPrepared, type Db } from '../../db/database.js'
import type { HallCategoryStatus } from '../../db/schema.js'

/** A center with its hall settings (every center has its row: migration 0161's trigger). A prepared statement: every ticket reads it. */
export async function findHall(db: Db, centerId: number) {
  const q = db.selectFrom('centers as c').innerJoin('hall_settings as h', 'h.center_id', 'c.id')
    .select([
      'c.id as centerId', 'c.name as centerName', 'c.status as centerStatus', 'c.path',
      'h.opens', 'h.lunch_starts as lunchStarts', 'h.lunch_ends as lunchEnds', 'h.closes',
      'h.closed', 'h.notice', 'h.max_calls as maxCalls', 'h.slot_minutes as slotMinutes',
    ])
    .where('c.id', '=', centerId)
  return (await runPrepared(db, q.compile()))[0]
}

export type HallRow = NonNullable<Awaited<ReturnType<typeof findHall>>>

export interface SettingsChanges { opens?: string; lunch_starts?: string | null; lunch_ends?: string | null; closes?: string; closed?: boolean; notice?: string; max_calls?: number; slot_minutes?: number }

export async function upsertSettings(trx: Db, centerId: number, changes: SettingsChanges) {
  await trx.insertInto('hall_settings').values({ center_id: centerId, ...changes })
    .onConflict((oc) => oc.column('center_id').doUpdateSet({ ...changes, updated_at: sql`now()` })).execute()
}

const categoryColumns = ['k.id', 'k.center_id as centerId', 'k.prefix', 'k.name', 'k.status', 'k.slot_capacity as slotCapacity', 'k.position'] as const

export function listCategories(db: Db, centerId: number, includeRetired = false) {
  let q = db.selectFrom('hall_categories as k').select([...categoryColumns]).where('k.center_id', '=', centerId)
  if (!includeRetired) q = q.where('k.status', '<>', 'retired')
  return q.orderBy('k.position').orderBy('k.prefix').execute()
}

export async function findCategory(db: Db, id: number) {
  return (await runPrepared(db, db.selectFrom('hall_categories as k').select([...categoryColumns]).where('k.id', '=', id).compile()))[0]
}

export function lockCategory(trx: Db, id: number) {
  return trx.selectFrom('hall_categories as k').select([...categoryColumns]).where('k.id', '=', id).forUpdate().executeTakeFirst()
}

/** Items of the given categories, with their published names. */
export function categoryItems(db: Db, categoryIds: number[]) {
  if (!categoryIds.length) return Promise.resolve([])
  return db.selectFrom('hall_category_items as ci')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'ci.item_id').on('v.status', '=', 'published'))
    .select(['ci.category_id as categoryId', 'ci.item_id as id', 'v.name'])
    .where('ci.category_id', 'in', categoryIds).orderBy('v.name').execute()
}

export async function insertCategory(trx: Db, c: { centerId: number; prefix: string; name: string; slotCapacity?: number; position?: number }) {
  const { id } = await trx.insertInto('hall_categories').values({
    center_id: c.centerId, prefix: c.prefix, name: c.name, slot_capacity: c.slotCapacity, position: c.position,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

/** Writes the given fields (undefined ones left as they are; nothing at all is no statement: `UPDATE … SET` with no column fails). */
export async function updateCategory(trx: Db, id: number, changes: Partial<{ name: string; prefix: string; status: HallCategoryStatus; slot_capacity: number; position: number }>) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
  if (Object.keys(set).length) await trx.updateTable('hall_categories').set(set).where('id', '=', id).execute()
}

export async function setCategoryItems(trx: Db, categoryId: number, itemIds: number[]) {
  await trx.deleteFrom('hall_category_items').where('category_id', '=', categoryId).execute()
  if (itemIds.length) await trx.insertInto('hall_category_items').values(itemIds.map((i) => ({ category_id: categoryId, item_id: i }))).execute()
}

export async function setWindowCategories(trx: Db, windowId: number, categoryIds: number[]) {
  await trx.deleteFrom('hall_window_categories').where('window_id', '=', windowId).execute()
  if (categoryIds.length) await trx.insertInto('hall_window_categories').values(categoryIds.map((c) => ({ window_id: windowId, category_id: c }))).execute()
}

export async function windowCategoryIds(db: Db, windowId: number): Promise<number[]> {
  const rows = await db.selectFrom('hall_window_categories').select('category_id').where('window_id', '=', windowId).execute()
  return rows.map((r) => r.category_id)
}

/** The open, non-retired category of a center that serves `itemId`. */
export function categoryForItem(db: Db, centerId: number, itemId: number) {
  return db.selectFrom('hall_category_items as ci').innerJoin('hall_categories as k', 'k.id', 'ci.category_id')
    .select([...categoryColumns]).where('ci.item_id', '=', itemId).where('k.center_id', '=', centerId)
    .where('k.status', '<>', 'retired').orderBy('k.position').orderBy('k.id').executeTakeFirst()
}

export async function itemOffered(db: Db, centerId: number, itemId: number): Promise<boolean> {
  const row = await db.selectFrom('item_offerings as o').innerJoin('service_items as i', 'i.id', 'o.item_id')
    .select('o.item_id').where('o.item_id', '=', itemId).where('o.center_id', '=', centerId).where('i.status', '=', 'active')
    .executeTakeFirst()
  return !!row
}
