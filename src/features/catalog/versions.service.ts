// Drafts and publishing: edit a draft in place or start draft N+1 from the published version; publish the draft
// (the previous published version becomes superseded); discard the draft. Each in one transaction with an audit row.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { checkItemCodes } from '../../domain/item-codes.js'
import { catalogWarnings } from '../../domain/legal-rules.js'
import { checkItemLimits, draftPlan, nextVersionStatus, offeringKind, publishPlan } from '../../domain/item-rules.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import { itemForEdit } from './access.js'
import type { VersionFieldsInput } from './items.schemas.js'
import * as items from './items.repository.js'
import { CODE_FIELDS, getItem, sampleFileProblems } from './items.service.js'
import * as offerings from './offerings.repository.js'
import { normalizeFields, normalizeMaterials, type MaterialFields, type VersionFields } from './version-fields.js'
import * as repo from './versions.repository.js'

const noDraft = () => errors.conflict('no_draft', '事项没有草稿')

/** Writes the draft of a locked item: in place, or as version N+1 (materials copied when not given). */
export async function writeDraft(trx: Db, actor: Actor, itemId: number, fields: VersionFields, materials: MaterialFields[] | undefined) {
  // Every writer of a draft (the API, the Excel import) may name only files its author may read.
  const fileProblems = await sampleFileProblems(trx, actor, materials ?? [])
  if (fileProblems.length) throw errors.validation(fileProblems)
  const plan = draftPlan(await repo.listVersionSummaries(trx, itemId))
  if (plan.kind === 'update') {
    const draft = (await repo.findVersion(trx, itemId, 'draft'))!
    await repo.updateVersion(trx, draft.id, fields)
    if (materials) await repo.replaceMaterials(trx, draft.id, materials)
  } else {
    const source = plan.copyFrom ? await repo.findVersion(trx, itemId, 'published') : undefined
    const { id } = await repo.insertVersion(trx, { itemId, version: plan.version, status: 'draft', fields, actorId: actor.userId })
    await repo.replaceMaterials(trx, id, materials ?? source?.materials ?? [])
  }
  await appendAudit(trx, {
    actorId: actor.userId, centerId: actor.centerId, action: plan.kind === 'update' ? 'item.draft.update' : 'item.draft.create',
    entity: 'service_item', entityId: itemId, data: { version: plan.version, name: fields.name },
  })
  return plan
}

export async function saveDraft(db: Db, actor: Actor, itemId: number, body: VersionFieldsInput) {
  const fields = normalizeFields(body)
  const materials = body.materials ? normalizeMaterials(body.materials) : undefined
  const problems = [...checkItemLimits(fields), ...(await sampleFileProblems(db, actor, materials ?? []))]
  if (problems.length) throw errors.validation(problems)
  await db.transaction().execute(async (trx) => {
    const item = await itemForEdit(trx, actor, itemId)
    if (!item.localCode) {
      const codes = checkItemCodes({ basicCode: fields.basicCode }, CODE_FIELDS)
      if (codes.length) throw errors.validation(codes)
    }
    await writeDraft(trx, actor, itemId, fields, materials)
  })
  return (await repo.findVersion(db, itemId, 'draft'))!
}

/**
 * Publishes the draft of a locked item; refuses when a center offering it lies below the draft's accept level.
 * The catalog check against the law (legal-rules.catalogWarnings): with `check` (the publish action), a draft that
 * does not fit its 事项类型 is refused (409 naming each field) unless a written reason is given; the warnings and the
 * reason are kept with the version. Bulk paths (import) record the warnings without a reason.
 */
export async function publishLocked(trx: Db, actor: Actor, itemId: number, check?: { reason?: string }) {
  const plan = publishPlan(await repo.listVersionSummaries(trx, itemId))
  if (!plan) throw noDraft()
  const draft = (await repo.findVersion(trx, itemId, 'draft'))!
  const refused = (await offerings.listOfferingCenters(trx, itemId)).filter((c) => offeringKind(draft, c.level) === 'not_allowed')
  if (refused.length) {
    throw errors.invalid('level_not_allowed', `受理层级改为 ${draft.acceptLevel} 后，这些中心不能再受理: ` + refused.map((c) => c.name).join('、') + '；请先调整受理中心',
      refused.map((c) => ({ centerId: c.id, centerName: c.name, level: c.level, acceptLevel: draft.acceptLevel })))
  }
  const warnings = catalogWarnings({ ...draft, daysUnit: draft.legalDaysUnit })
  const reason = check?.reason?.trim() || null
  if (check && warnings.length && !reason) {
    throw errors.conflict('catalog_check', '事项与其事项类型的法定要求不符：' + warnings.map((w) => w.message).join('；') + '。如确需发布，请写明理由',
      { warnings: warnings.map((w) => ({ field: `body.${w.field}`, message: w.message })) })
  }
  if (plan.supersede !== null) await repo.markSuperseded(trx, itemId, plan.supersede)
  await repo.markPublished(trx, itemId, plan.publish, actor.userId, { warnings, reason: warnings.length ? reason : null })
  await appendAudit(trx, {
    actorId: actor.userId, centerId: actor.centerId, action: 'item.publish', entity: 'service_item', entityId: itemId,
    data: { version: plan.publish, superseded: plan.supersede, warnings, reason },
  })
  return plan
}

export async function publish(db: Db, actor: Actor, itemId: number, reason?: string) {
  await db.transaction().execute(async (trx) => {
    await itemForEdit(trx, actor, itemId)
    await publishLocked(trx, actor, itemId, { reason })
  })
  return getItem(db, actor, itemId)
}

/** Discards the draft; an item that was never published goes with it. */
export async function discardDraft(db: Db, actor: Actor, itemId: number) {
  return db.transaction().execute(async (trx) => {
    const item = await itemForEdit(trx, actor, itemId)
    const all = await repo.listVersionSummaries(trx, itemId)
    const draft = all.find((v) => v.status === 'draft')
    if (!draft) throw noDraft()
    nextVersionStatus(draft.status, 'discard')
    const itemDeleted = all.length === 1
    if (itemDeleted) await items.deleteItem(trx, itemId)
    else await repo.deleteVersion(trx, draft.id)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'item.draft.discard', entity: 'service_item', entityId: itemId,
      data: { version: draft.version, code: item.code, itemDeleted },
    })
    return { discardedVersion: draft.version, itemDeleted }
  })
}
