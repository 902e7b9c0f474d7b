// Offerings: the centers whose windows accept an item. A center below the item's accept level is refused;
// one below its decide level offers it as a 上报 (forward) item.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { offeringKind, type ItemLimits } from '../../domain/item-rules.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import type { CenterLevel } from '../../domain/vocabulary.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './offerings.repository.js'
import { itemForEdit } from './access.js'
import * as versions from './versions.repository.js'

type Levels = Pick<ItemLimits, 'acceptLevel' | 'decideLevel'>

/**
 * Checks a set of centers for an item of the department at `departmentPath` whose versions have `levels`.
 * Unknown center → 400 naming the field; outside the actor's jurisdiction → 403; outside the department's
 * area → 400 offering_outside_department; below the accept level → 400 level_not_allowed.
 */
export async function checkOfferings(db: Db, actor: Pick<Actor, 'centerPath'>, departmentPath: string,
  levels: readonly Levels[], centerIds: readonly number[], field: string) {
  const centers = await repo.findCenters(db, [...centerIds])
  const byId = new Map(centers.map((c) => [c.id, c]))
  const missing = centerIds.flatMap((id, i) => (byId.get(id)?.status === 'active' ? [] : [{ field: `${field}.${i}`, message: `服务中心 ${id} 不存在或已撤销` }]))
  if (missing.length) throw errors.validation(missing)
  for (const c of centers) assertCovers(actor, c.path)
  const outside = centers.filter((c) => !covers(departmentPath, c.path))
  if (outside.length) {
    throw errors.invalid('offering_outside_department', '只能在主管部门所在中心及其下级中心办理: ' + outside.map((c) => c.name).join('、'),
      outside.map((c) => ({ centerId: c.id, centerName: c.name })))
  }
  const refused = centers.flatMap((c) => levels.filter((l) => offeringKind(l, c.level) === 'not_allowed')
    .slice(0, 1).map((l) => ({ centerId: c.id, centerName: c.name, level: c.level, acceptLevel: l.acceptLevel })))
  if (refused.length) {
    throw errors.invalid('level_not_allowed', '受理层级不允许: ' + refused.map((r) => `${r.centerName}(${r.level})`).join('、') +
      ` 低于事项的受理层级`, refused)
  }
  return centers
}

export function offeringsOut(centers: { id: number; name: string; level: CenterLevel }[], levels: Levels | undefined) {
  return centers.map((c) => ({
    centerId: c.id, name: c.name, level: c.level,
    kind: levels && offeringKind(levels, c.level) === 'forward' ? 'forward' as const : 'direct' as const,
  }))
}

/** PUT /api/items/:id/offerings: replaces the set of centers, in one transaction with an audit row. */
export async function setOfferings(db: Db, actor: Actor, itemId: number, centerIds: number[]) {
  return db.transaction().execute(async (trx) => {
    const item = await itemForEdit(trx, actor, itemId)
    const current = [await versions.findVersion(trx, itemId, 'published'), await versions.findVersion(trx, itemId, 'draft')]
      .filter((v) => v !== undefined)
    const before = await repo.listOfferingCenters(trx, itemId)
    for (const c of before) if (!centerIds.includes(c.id)) assertCovers(actor, c.path)
    await checkOfferings(trx, actor, item.departmentCenterPath, current, centerIds, 'body.centerIds')
    await repo.replaceOfferings(trx, itemId, centerIds)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'item.offerings.set', entity: 'service_item', entityId: itemId,
      data: { before: before.map((c) => c.id), after: centerIds },
    })
    const after = await repo.listOfferingCenters(trx, itemId)
    return { offerings: offeringsOut(after, current[0]) }
  })
}
