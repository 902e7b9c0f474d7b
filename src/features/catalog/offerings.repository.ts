// SQL of item offerings: which centers accept an item.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export function listOfferingCenters(db: Db, itemId: number) {
  return db.selectFrom('item_offerings as o').innerJoin('centers as c', 'c.id', 'o.center_id')
    .select(['c.id', 'c.name', 'c.level', 'c.path']).where('o.item_id', '=', itemId).orderBy('c.path').execute()
}

export function findCenters(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('centers').select(['id', 'name', 'level', 'path', 'status']).where('id', 'in', ids).execute()
}

export function findCentersByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([])
  return db.selectFrom('centers').select(['id', 'code', 'name', 'level', 'path', 'status']).where('code', 'in', codes).execute()
}

export async function replaceOfferings(trx: Db, itemId: number, centerIds: readonly number[]) {
  await trx.deleteFrom('item_offerings').where('item_id', '=', itemId).execute()
  if (centerIds.length) await trx.insertInto('item_offerings').values(centerIds.map((c) => ({ item_id: itemId, center_id: c }))).execute()
}


/** Offered center ids of many items at once, by item id. */
export async function offeringIdsOf(db: Db, itemIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>()
  if (itemIds.length === 0) return out
  const rows = await db.selectFrom('item_offerings').select(['item_id', 'center_id'])
    .where(sql<boolean>`item_id = any(${itemIds}::int[])`).execute()
  for (const r of rows) {
    const list = out.get(r.item_id)
    if (list) list.push(r.center_id)
    else out.set(r.item_id, [r.center_id])
  }
  return out
}
