// Items for staff: list, read, create (version 1 as a draft) and retire. Edits of versions are in versions.service.ts.
import type { Db } from '../../db/database.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { checkItemCodes } from '../../domain/item-codes.js'
import { checkItemLimits } from '../../domain/item-rules.js'
import { assertCovers, can, covers, type Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import { itemForEdit, itemForRead } from './access.js'
import { readableFileIds } from './files.service.js'
import type { CreateItemBody } from './items.schemas.js'
import * as repo from './items.repository.js'
import { checkOfferings, offeringsOut } from './offerings.service.js'
import * as offerings from './offerings.repository.js'
import { searchTerms } from './search.js'
import { normalizeFields, normalizeMaterials, type MaterialFields, type VersionFields } from './version-fields.js'
import * as versions from './versions.repository.js'
import type { Static } from 'typebox'

export async function getItem(db: Db, actor: Actor, id: number) {
  const item = await itemForRead(db, actor, id)
  const [summaries, published, draft, centers] = await Promise.all([
    versions.listVersionSummaries(db, id), versions.findVersion(db, id, 'published'), versions.findVersion(db, id, 'draft'),
    offerings.listOfferingCenters(db, id),
  ])
  const { departmentCenterPath, ...rest } = item
  return {
    ...rest, editable: covers(actor.centerPath, departmentCenterPath) && can(actor.roles, 'catalog.edit') && item.status === 'active',
    versions: summaries, published: published ?? null, draft: draft ?? null, offerings: offeringsOut(centers, published ?? draft),
  }
}

export async function listItems(db: Db, actor: Actor, q: { q?: string; departmentId?: number; centerId?: number; status?: repo.ListFilter['status']; page?: number; pageSize?: number }) {
  if (q.centerId) {
    const [center] = await offerings.findCenters(db, [q.centerId])
    if (!center) throw errors.validation([{ field: 'querystring.centerId', message: '服务中心不存在' }])
    assertCovers(actor, center.path)
  }
  const page = q.page ?? 1; const pageSize = q.pageSize ?? 20
  const { rows, total } = await repo.listItems(db, {
    scopePath: actor.centerPath, terms: searchTerms(q.q), departmentId: q.departmentId, centerId: q.centerId,
    status: q.status, limit: pageSize, offset: (page - 1) * pageSize,
  })
  return { items: rows, total: Number(total), page, pageSize }
}

/** Problems with sample file ids, one per material that names a file the author may not read (or that is not stored). */
export async function sampleFileProblems(db: Db, actor: Actor, materials: readonly MaterialFields[], field = 'body.materials'): Promise<FieldProblem[]> {
  const ids = materials.flatMap((m) => (m.sampleFileId ? [m.sampleFileId] : []))
  const readable = await readableFileIds(db, actor, ids)
  return materials.flatMap((m, i) => (m.sampleFileId && !readable.has(m.sampleFileId)
    ? [{ field: `${field}.${i}.sampleFileId`, message: `文件 ${m.sampleFileId} 不存在或不在本账号可查看的范围内` }] : []))
}

export const CODE_FIELDS = { code: 'body.code', basicCode: 'body.basicCode' }

export function duplicateCode(code: string) {
  return errors.conflict('duplicate_code', `实施编码 ${code} 已存在`, { field: 'body.code', code })
}

export async function createItem(db: Db, actor: Actor, body: Static<typeof CreateItemBody>) {
  const fields: VersionFields = normalizeFields(body)
  const materials = normalizeMaterials(body.materials ?? [])
  const centerIds = body.offeredCenterIds ?? []
  const dept = await repo.findDepartment(db, body.departmentId)
  if (body.localCode && !actor.roles.includes('admin')) throw errors.forbidden('只有系统管理员可以把事项设为地方事项（不校验编码）')
  const problems = [
    ...(body.localCode ? [] : checkItemCodes({ code: body.code, basicCode: fields.basicCode }, CODE_FIELDS)),
    ...checkItemLimits(fields),
    ...(dept && dept.status === 'active' ? [] : [{ field: 'body.departmentId', message: '部门不存在或已撤销' }]),
    ...(await sampleFileProblems(db, actor, materials)),
  ]
  if (problems.length) throw errors.validation(problems)
  assertCovers(actor, dept!.centerPath)
  const id = await db.transaction().execute(async (trx) => {
    if ((await repo.findItemsByCodes(trx, [body.code])).length) throw duplicateCode(body.code)
    await checkOfferings(trx, actor, dept!.centerPath, [fields], centerIds, 'body.offeredCenterIds')
    const { id } = await repo.insertItem(trx, { code: body.code, departmentId: dept!.id, localCode: body.localCode }).catch((e: { code?: string }) => {
      throw e.code === '23505' ? duplicateCode(body.code) : e
    })
    const v = await versions.insertVersion(trx, { itemId: id, version: 1, status: 'draft', fields, actorId: actor.userId })
    await versions.replaceMaterials(trx, v.id, materials)
    await offerings.replaceOfferings(trx, id, centerIds)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'item.create', entity: 'service_item', entityId: id,
      data: { code: body.code, version: 1, name: fields.name, offeredCenterIds: centerIds },
    })
    return id
  })
  return getItem(db, actor, id)
}

export async function retireItem(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const item = await itemForEdit(trx, actor, id)
    await repo.setItemStatus(trx, id, 'retired')
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'item.retire', entity: 'service_item', entityId: id, data: { code: item.code } })
  })
  return getItem(db, actor, id)
}

/**
 * An administrator marks an item as 地方事项 (its codes are the district's own and not checked against the national
 * shape) or takes the mark off, which needs the item's 实施编码 and the current version's 基本编码 to have that shape.
 */
export async function setLocalCode(db: Db, actor: Actor, id: number, localCode: boolean) {
  if (!actor.roles.includes('admin')) throw errors.forbidden('只有系统管理员可以设置或取消地方事项')
  await db.transaction().execute(async (trx) => {
    const item = await itemForEdit(trx, actor, id)
    if (item.localCode === localCode) return
    if (!localCode) {
      const current = (await versions.findVersion(trx, id, 'draft')) ?? (await versions.findVersion(trx, id, 'published'))
      const problems = checkItemCodes({ code: item.code, basicCode: current?.basicCode ?? '' }, { code: 'code', basicCode: 'basicCode' })
      if (problems.length) throw errors.conflict('codes_not_national', '事项编码不符合国家格式，请先修改编码再取消地方事项', problems)
    }
    await repo.setLocalCode(trx, id, localCode)
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: localCode ? 'item.local' : 'item.national', entity: 'service_item', entityId: id, data: { code: item.code } })
  })
  return getItem(db, actor, id)
}
