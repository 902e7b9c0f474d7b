// SQL of service items (the versionless part: code, department, status) and the staff list of items.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { CenterLevel, HandlingKind, RecordStatus } from '../../domain/vocabulary.js'
import { itemMatches } from './search.js'

const itemColumns = [
  'i.id', 'i.code', 'i.status', 'i.created_at as createdAt', 'i.department_id as departmentId',
  'd.name as departmentName', 'd.center_id as departmentCenterId', 'dc.path as departmentCenterPath', 'i.local_code as localCode',
] as const

function itemQuery(db: Db) {
  return db.selectFrom('service_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .innerJoin('centers as dc', 'dc.id', 'd.center_id')
}

export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>

export function findItem(db: Db, id: number) {
  return itemQuery(db).select(itemColumns).where('i.id', '=', id).executeTakeFirst()
}

/** The item row locked for the rest of the transaction: every version write of one item is serialized. */
export async function lockItem(trx: Db, id: number): Promise<ItemRow | undefined> {
  const locked = await trx.selectFrom('service_items').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  return locked ? findItem(trx, id) : undefined
}

export function findItemsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([])
  return itemQuery(db).select(itemColumns).where(sql<boolean>`i.code = any(${codes}::text[])`).execute()
}

export function insertItem(trx: Db, v: { code: string; departmentId: number; localCode?: boolean }) {
  return trx.insertInto('service_items').values({ code: v.code, department_id: v.departmentId, local_code: v.localCode ?? false })
    .returning('id').executeTakeFirstOrThrow()
}

export function setItemStatus(trx: Db, id: number, status: RecordStatus) {
  return trx.updateTable('service_items').set({ status }).where('id', '=', id).execute()
}

export function setLocalCode(trx: Db, id: number, localCode: boolean) {
  return trx.updateTable('service_items').set({ local_code: localCode }).where('id', '=', id).execute()
}

export async function deleteItem(trx: Db, id: number) {
  await trx.deleteFrom('window_items').where('item_id', '=', id).execute()
  await trx.deleteFrom('item_offerings').where('item_id', '=', id).execute()
  await trx.deleteFrom('item_versions').where('item_id', '=', id).execute()
  await trx.deleteFrom('service_items').where('id', '=', id).execute()
}

export function findDepartment(db: Db, id: number) {
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.code', 'd.name', 'd.status', 'd.center_id as centerId', 'c.path as centerPath', 'c.level as centerLevel'])
    .where('d.id', '=', id).executeTakeFirst()
}

export function findDepartmentsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([])
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.code', 'd.name', 'd.status', 'd.center_id as centerId', 'c.path as centerPath', 'c.level as centerLevel'])
    .where('d.code', 'in', codes).execute()
}

/** Is the item's department under `scopePath`, or is the item offered at a center under it? */
export function readableBy(scopePath: string) {
  const like = scopePath + '%'
  return sql<boolean>`(dc.path like ${like} or exists (select 1 from item_offerings o join centers oc on oc.id = o.center_id
    where o.item_id = i.id and oc.path like ${like}))`
}

export interface ListFilter {
  scopePath: string
  terms: string[]
  departmentId?: number
  centerId?: number
  status?: 'active' | 'retired' | 'draft' | 'published'
  limit: number
  offset: number
}

function listQuery(db: Db, f: ListFilter) {
  let q = itemQuery(db)
    .leftJoin('item_versions as p', (j) => j.onRef('p.item_id', '=', 'i.id').on('p.status', '=', 'published'))
    .leftJoin('item_versions as r', (j) => j.onRef('r.item_id', '=', 'i.id').on('r.status', '=', 'draft'))
    .where(readableBy(f.scopePath))
  for (const t of f.terms) q = q.where(itemMatches(t, 'i.id', ['published', 'draft']))
  if (f.departmentId) q = q.where('i.department_id', '=', f.departmentId)
  if (f.centerId) q = q.where(sql<boolean>`exists (select 1 from item_offerings o where o.item_id = i.id and o.center_id = ${f.centerId})`)
  if (f.status === 'active' || f.status === 'retired') q = q.where('i.status', '=', f.status)
  if (f.status === 'draft') q = q.where('r.id', 'is not', null)
  if (f.status === 'published') q = q.where('p.id', 'is not', null)
  return q
}

/** Items readable from `scopePath`, named by their draft if they have one, else by the published version. */
export async function listItems(db: Db, f: ListFilter) {
  const rows = await listQuery(db, f).select([
    'i.id', 'i.code', 'i.status', 'i.department_id as departmentId', 'd.name as departmentName',
    sql<string>`coalesce(r.name, p.name)`.as('name'), sql<string>`coalesce(r.item_type, p.item_type)`.as('itemType'),
    sql<HandlingKind>`coalesce(r.handling_kind, p.handling_kind)`.as('handlingKind'),
    sql<CenterLevel>`coalesce(r.accept_level, p.accept_level)`.as('acceptLevel'),
    sql<CenterLevel>`coalesce(r.decide_level, p.decide_level)`.as('decideLevel'),
    'p.version as publishedVersion', 'r.version as draftVersion', 'p.published_at as publishedAt',
    sql<number>`count(*) over ()`.as('total'),
  ]).orderBy('i.code').limit(f.limit).offset(f.offset).execute()
  if (rows.length || f.offset === 0) return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 }
  const { n } = await listQuery(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return { rows: [], total: n }
}
