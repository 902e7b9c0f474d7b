// SQL of 一件事一次办: bundles with their items (as published, with their materials), bundle cases and their parts.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { BundleField } from '../../db/schema.js'

export function insertBundle(trx: Db, b: { centerId: number; name: string; description: string; fields: BundleField[]; by: number; at: Date }) {
  return trx.insertInto('bundles').values({ center_id: b.centerId, name: b.name, description: b.description, fields: JSON.stringify(b.fields), created_by: b.by, created_at: b.at })
    .onConflict((oc) => oc.columns(['center_id', 'name']).doNothing()).returning('id').executeTakeFirst()
}

export function insertBundleItems(trx: Db, bundleId: number, itemIds: readonly number[]) {
  return trx.insertInto('bundle_items').values(itemIds.map((item_id, i) => ({ bundle_id: bundleId, item_id, position: i + 1 }))).execute()
}

export type PublishedItem = Awaited<ReturnType<typeof publishedItems>>[number]

/** The items as published, with their department and level, whether `centerId` offers each, and their materials. */
export function publishedItems(db: Db, itemIds: readonly number[], centerId: number) {
  if (itemIds.length === 0) return Promise.resolve([])
  return db.selectFrom('service_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .select(['i.id', 'i.status', 'v.id as versionId', 'v.name', 'v.handling_kind as handlingKind', 'v.promised_days as promisedDays',
      'v.deferral_days as deferralDays', 'd.id as departmentId', 'd.name as departmentName', 'd.level as departmentLevel',
      sql<boolean>`exists (select 1 from item_offerings o where o.item_id = i.id and o.center_id = ${centerId})`.as('offered'),
      sql<{ id: number; name: string; required: boolean; deferrable: boolean; form: string }[]>`coalesce((select json_agg(json_build_object(
        'id', m.id, 'name', m.name, 'required', m.required, 'deferrable', m.deferral_allowed, 'form', m.form) order by m.position)
        from item_materials m where m.version_id = v.id), '[]'::json)`.as('materials')])
    .where('i.id', 'in', [...itemIds]).execute()
}

export function findBundle(db: Db, id: number) {
  return db.selectFrom('bundles as b').innerJoin('centers as c', 'c.id', 'b.center_id')
    .select(['b.id', 'b.name', 'b.description', 'b.fields', 'b.status', 'b.center_id as centerId', 'c.path as centerPath', 'c.name as centerName',
      sql<number[]>`(select array_agg(bi.item_id order by bi.position) from bundle_items bi where bi.bundle_id = b.id)`.as('itemIds')])
    .where('b.id', '=', id).executeTakeFirst()
}

/** Active bundles (and retired ones when asked) whose center lies on `path` (the center and those above it: a town clerk may take a district bundle). */
export function listBundles(db: Db, centerIds: readonly number[], withRetired = false) {
  let q = db.selectFrom('bundles as b').select(['b.id']).where('b.center_id', 'in', centerIds.length ? [...centerIds] : [-1])
  if (!withRetired) q = q.where('b.status', '=', 'active')
  return q.orderBy('b.id').execute()
}

export async function updateBundle(trx: Db, id: number, b: { name: string; description: string; fields: BundleField[] }): Promise<boolean> {
  const row = await trx.updateTable('bundles').set({ name: b.name, description: b.description, fields: JSON.stringify(b.fields) }).where('id', '=', id)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('bundles as o').select('o.id').whereRef('o.center_id', '=', 'bundles.center_id').where('o.name', '=', b.name).where('o.id', '<>', id))))
    .returning('id').executeTakeFirst()
  return row !== undefined
}

export async function replaceBundleItems(trx: Db, bundleId: number, itemIds: readonly number[]) {
  await trx.deleteFrom('bundle_items').where('bundle_id', '=', bundleId).execute()
  await insertBundleItems(trx, bundleId, itemIds)
}

export function setBundleStatus(db: Db, id: number, status: 'active' | 'retired') {
  return db.updateTable('bundles').set({ status }).where('id', '=', id).execute()
}

export function insertBundleCaseOnce(trx: Db, row: { bundleId: number; number: ReturnType<typeof sql<string>>; queryCode: string; requestId: string; requestHash: string; by: number; centerId: number; originPath: string; applicantName: string; form: Record<string, string>; at: Date }) {
  return trx.insertInto('bundle_cases').values({
    bundle_id: row.bundleId, number: row.number, query_code: row.queryCode, request_id: row.requestId, request_hash: row.requestHash, created_by: row.by,
    center_id: row.centerId, origin_path: row.originPath, applicant_name: row.applicantName, form: JSON.stringify(row.form), created_at: row.at,
  }).onConflict((oc) => oc.columns(['created_by', 'request_id']).doNothing()).returning(['id', 'number', 'query_code as queryCode']).executeTakeFirst()
}

export function findBundleCaseByRequest(db: Db, by: number, requestId: string) {
  return db.selectFrom('bundle_cases').select(['id', 'number', 'query_code as queryCode', 'request_hash as requestHash', 'bundle_id as bundleId'])
    .where('created_by', '=', by).where('request_id', '=', requestId).executeTakeFirst()
}

export function findBundleCaseByNumber(db: Db, number: string) {
  return db.selectFrom('bundle_cases as bc').innerJoin('bundles as b', 'b.id', 'bc.bundle_id')
    .select(['bc.id', 'bc.number', 'bc.query_code as queryCode', 'bc.applicant_name as applicantName', 'bc.created_at as createdAt', 'b.name'])
    .where('bc.number', '=', number).executeTakeFirst()
}

export function linkParts(trx: Db, bundleCaseId: number, caseIds: readonly number[]) {
  return trx.updateTable('cases').set({ bundle_case_id: bundleCaseId }).where('id', 'in', [...caseIds]).execute()
}

export function partIds(db: Db, bundleCaseId: number) {
  return db.selectFrom('cases').select('id').where('bundle_case_id', '=', bundleCaseId).orderBy('id').execute()
}

export function findBundleCase(db: Db, id: number) {
  return db.selectFrom('bundle_cases as bc').innerJoin('bundles as b', 'b.id', 'bc.bundle_id')
    .select(['bc.id', 'bc.number', 'bc.query_code as queryCode', 'bc.origin_path as originPath', 'bc.form', 'b.name', 'b.fields'])
    .where('bc.id', '=', id).executeTakeFirst()
}
