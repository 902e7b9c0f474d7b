// SQL of item versions and their materials. Status changes are decided in src/domain/item-rules.ts.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { ItemVersionStatus } from '../../domain/vocabulary.js'
import { versionValues, versionOut, type MaterialFields, type VersionFields, type VersionOutT } from './version-fields.js'

export function listVersionSummaries(db: Db, itemId: number) {
  return db.selectFrom('item_versions')
    .select(['id', 'version', 'status', 'name', 'created_at as createdAt', 'created_by as createdBy',
      'published_at as publishedAt', 'published_by as publishedBy', 'superseded_at as supersededAt'])
    .where('item_id', '=', itemId).orderBy('version').execute()
}

/** The full draft or published version of an item with its materials, or undefined. */
export async function findVersion(db: Db, itemId: number, status: 'draft' | 'published'): Promise<VersionOutT | undefined> {
  const row = await db.selectFrom('item_versions').selectAll().where('item_id', '=', itemId).where('status', '=', status).executeTakeFirst()
  if (!row) return undefined
  const materials = await db.selectFrom('item_materials').selectAll().where('version_id', '=', row.id).orderBy('position').execute()
  return versionOut(row, materials)
}

/** The draft and published versions (with materials) of many items at once, by item id. */
export async function findCurrentVersions(db: Db, itemIds: number[]) {
  const out = new Map<number, { draft?: VersionOutT; published?: VersionOutT }>()
  if (itemIds.length === 0) return out
  const rows = await db.selectFrom('item_versions').selectAll()
    .where(sql<boolean>`item_id = any(${itemIds}::int[])`).where('status', 'in', ['draft', 'published']).execute()
  const materials = rows.length
    ? await db.selectFrom('item_materials').selectAll().where(sql<boolean>`version_id = any(${rows.map((r) => r.id)}::int[])`).orderBy('position').execute()
    : []
  const byVersion = new Map<number, typeof materials>()
  for (const m of materials) {
    const list = byVersion.get(m.version_id)
    if (list) list.push(m)
    else byVersion.set(m.version_id, [m])
  }
  for (const r of rows) {
    const entry = out.get(r.item_id) ?? {}
    entry[r.status as 'draft' | 'published'] = versionOut(r, byVersion.get(r.id) ?? [])
    out.set(r.item_id, entry)
  }
  return out
}

export function insertVersion(trx: Db, v: { itemId: number; version: number; status: ItemVersionStatus; fields: VersionFields; actorId: number | null }) {
  const now = new Date()
  const published = v.status === 'published'
  return trx.insertInto('item_versions').values({
    item_id: v.itemId, version: v.version, status: v.status, ...versionValues(v.fields), created_by: v.actorId,
    published_by: published ? v.actorId : null, published_at: published ? now : null, superseded_at: null,
  }).returning('id').executeTakeFirstOrThrow()
}

export function updateVersion(trx: Db, versionId: number, fields: VersionFields) {
  return trx.updateTable('item_versions').set(versionValues(fields)).where('id', '=', versionId).execute()
}

export async function replaceMaterials(trx: Db, versionId: number, materials: readonly MaterialFields[]) {
  await trx.deleteFrom('item_materials').where('version_id', '=', versionId).execute()
  if (materials.length === 0) return
  await trx.insertInto('item_materials').values(materials.map((m, i) => ({
    version_id: versionId, position: i + 1, name: m.name, form: m.form, copies: m.copies, required: m.required,
    note: m.note, sample_file_id: m.sampleFileId, deferral_allowed: m.deferrable,
  }))).execute()
}

export function markSuperseded(trx: Db, itemId: number, version: number) {
  return trx.updateTable('item_versions').set({ status: 'superseded', superseded_at: new Date() })
    .where('item_id', '=', itemId).where('version', '=', version).where('status', '=', 'published').execute()
}

/** Publishes the draft, keeping the catalog check's warnings and the written reason to publish past them. */
export function markPublished(trx: Db, itemId: number, version: number, actorId: number, check: { warnings: unknown[]; reason: string | null } = { warnings: [], reason: null }) {
  return trx.updateTable('item_versions').set({
    status: 'published', published_at: new Date(), published_by: actorId,
    publish_warnings: JSON.stringify(check.warnings), publish_reason: check.reason,
  })
    .where('item_id', '=', itemId).where('version', '=', version).where('status', '=', 'draft').execute()
}

export function deleteVersion(trx: Db, versionId: number) {
  return trx.deleteFrom('item_versions').where('id', '=', versionId).execute()
}
