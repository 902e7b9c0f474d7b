// Who may touch an item: writers must cover the department's center; readers the department's center or a
// center that offers the item (a town sees the district items its windows accept).
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import * as repo from './items.repository.js'
import * as offerings from './offerings.repository.js'

/** The item locked for a write by `actor`: 404 unknown, 403 outside the department's area, 409 retired. */
export async function itemForEdit(trx: Db, actor: Actor, id: number): Promise<repo.ItemRow> {
  const item = await repo.lockItem(trx, id)
  if (!item) throw errors.notFound('事项', id)
  assertCovers(actor, item.departmentCenterPath)
  if (item.status === 'retired') throw errors.conflict('item_retired', '事项已停用，不能修改')
  return item
}

export async function itemForRead(db: Db, actor: Actor, id: number): Promise<repo.ItemRow> {
  const item = await repo.findItem(db, id)
  if (!item) throw errors.notFound('事项', id)
  if (covers(actor.centerPath, item.departmentCenterPath)) return item
  const centers = await offerings.listOfferingCenters(db, id)
  if (!centers.some((c) => covers(actor.centerPath, c.path))) throw errors.outsideJurisdiction()
  return item
}
