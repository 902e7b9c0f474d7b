// 一件事一次办 bundles: an administrator (or the center's manager) defines one from published items of one or several
// departments and levels that the center offers, with one shared form; the clerk sees the merged material list, where
// a material asked by several items is asked once.
import { assertCan, assertCovers, type Actor } from '../../domain/jurisdiction.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { pathIds } from '../../domain/levels.js'
import type { BundleField } from '../../db/schema.js'
import type { AppContext } from '../../kernel/context.js'
import { findCenter } from '../cases/intake.repository.js'
import * as repo from './bundles.repository.js'

export interface DefineBody { centerId: number; name: string; description?: string; itemIds: number[]; fields?: BundleField[] }

/** Items a bundle cannot hold at `center`: unknown, unpublished, not offered there, or 联办 (its co-departments are chosen per case). */
export function itemProblems(items: readonly repo.PublishedItem[], itemIds: readonly number[], centerName: string, field = 'body.itemIds'): FieldProblem[] {
  return itemIds.flatMap((id, i) => {
    const it = items.find((x) => x.id === id)
    if (!it || it.status !== 'active' || !it.versionId) return [{ field: `${field}.${i}`, message: `事项 ${id} 不存在、已停用或尚未发布` }]
    if (!it.offered) return [{ field: `${field}.${i}`, message: `${centerName}不受理“${it.name}”` }]
    if (it.handlingKind === 'joint') return [{ field: `${field}.${i}`, message: `“${it.name}”是联办件，请单独受理` }]
    return []
  })
}

/** The items (each once) and fields of a bundle as asked, or 400 naming what the center cannot hold. */
async function checkedBody(ctx: AppContext, center: { id: number; name: string }, body: Pick<DefineBody, 'itemIds' | 'fields'>) {
  const ids = [...new Set(body.itemIds)]
  const items = await repo.publishedItems(ctx.db, ids, center.id)
  const problems = itemProblems(items, ids, center.name)
  const keys = new Set<string>()
  ;(body.fields ?? []).forEach((f, i) => { if (keys.has(f.key)) problems.push({ field: `body.fields.${i}.key`, message: '字段重复' }); keys.add(f.key) })
  if (problems.length) throw errors.invalid('bundle_items_invalid', problems.map((p) => p.message).join('；'), problems)
  return ids
}

export async function defineBundle(ctx: AppContext, actor: Actor, body: DefineBody) {
  assertCan(actor, 'catalog.edit')
  const center = await findCenter(ctx.db, body.centerId)
  if (!center || center.status !== 'active') throw errors.validation([{ field: 'body.centerId', message: `服务中心 ${body.centerId} 不存在或已撤销` }])
  assertCovers(actor, center.path)
  const ids = await checkedBody(ctx, center, body)
  const now = ctx.clock.now()
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertBundle(trx, { centerId: center.id, name: body.name.trim(), description: body.description?.trim() ?? '', fields: body.fields ?? [], by: actor.userId, at: now })
    if (!row) throw errors.conflict('bundle_exists', `${center.name}已有名为“${body.name}”的一件事`)
    await repo.insertBundleItems(trx, row.id, ids)
    return row.id
  })
  return getBundle(ctx, actor, id)
}

/** A bundle the actor may change: its center in their jurisdiction. */
async function ownBundle(ctx: AppContext, actor: Actor, id: number) {
  assertCan(actor, 'catalog.edit')
  const b = await repo.findBundle(ctx.db, id)
  if (!b) throw errors.notFound('一件事', id)
  assertCovers(actor, b.centerPath)
  return b
}

/** Edit a bundle (name, description, items, shared form); cases already taken keep their parts. */
export async function editBundle(ctx: AppContext, actor: Actor, id: number, body: Omit<DefineBody, 'centerId'>) {
  const b = await ownBundle(ctx, actor, id)
  const ids = await checkedBody(ctx, { id: b.centerId, name: b.centerName }, body)
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateBundle(trx, id, { name: body.name.trim(), description: body.description?.trim() ?? '', fields: body.fields ?? [] })
    if (!ok) throw errors.conflict('bundle_exists', `${b.centerName}已有名为“${body.name}”的一件事`)
    await repo.replaceBundleItems(trx, id, ids)
  })
  return getBundle(ctx, actor, id)
}

/** Retire a bundle (no longer offered at the window; its cases stay) or bring it back. */
export async function setBundleStatus(ctx: AppContext, actor: Actor, id: number, status: 'active' | 'retired') {
  await ownBundle(ctx, actor, id)
  await repo.setBundleStatus(ctx.db, id, status)
  return getBundle(ctx, actor, id)
}

/** One material asked once: by name across the bundle's items; required if any item requires it, 容缺 only if every item that asks it allows it. */
export function mergedMaterials(items: readonly repo.PublishedItem[]) {
  const byName = new Map<string, { name: string; required: boolean; deferrable: boolean; items: { itemId: number; materialId: number }[] }>()
  for (const it of items) {
    for (const m of it.materials) {
      const e = byName.get(m.name) ?? { name: m.name, required: false, deferrable: true, items: [] }
      e.required ||= m.required
      e.deferrable &&= m.deferrable && it.deferralDays !== null
      e.items.push({ itemId: it.id, materialId: m.id })
      byName.set(m.name, e)
    }
  }
  return [...byName.values()]
}

export async function getBundle(ctx: AppContext, actor: Actor, id: number, atCenterId?: number) {
  const b = await repo.findBundle(ctx.db, id)
  if (!b) throw errors.notFound('一件事', id)
  const items = await repo.publishedItems(ctx.db, b.itemIds ?? [], atCenterId ?? b.centerId)
  const ordered = (b.itemIds ?? []).flatMap((x) => items.filter((i) => i.id === x))
  return {
    id: b.id, name: b.name, description: b.description, centerId: b.centerId, centerName: b.centerName, status: b.status, fields: b.fields ?? [],
    items: ordered.map((i) => ({ id: i.id, name: i.name ?? '', departmentId: i.departmentId, departmentName: i.departmentName, level: i.departmentLevel,
      handlingKind: i.handlingKind ?? 'promised', promisedDays: i.promisedDays ?? 0, offered: i.offered, deferralDays: i.deferralDays })),
    materials: mergedMaterials(ordered),
  }
}

/** The bundles a clerk at `centerId` may take: the center's own and those of the centers above it. */
export async function listBundles(ctx: AppContext, actor: Actor, centerId = actor.centerId, withRetired = false) {
  const center = await findCenter(ctx.db, centerId)
  if (!center) throw errors.notFound('服务中心', centerId)
  assertCovers(actor, center.path)
  const rows = await repo.listBundles(ctx.db, pathIds(center.path), withRetired)
  return { bundles: await Promise.all(rows.map((r) => getBundle(ctx, actor, r.id, centerId))) }
}
