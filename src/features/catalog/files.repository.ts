// SQL of stored files (material samples and blank forms). Who may read what is decided in src/domain/file-access.ts.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export function insertFile(trx: Db, f: { name: string; mime: string; data: Buffer; createdBy: number; centerId: number; departmentId: number | null }) {
  return trx.insertInto('files').values({
    name: f.name, mime: f.mime, size: f.data.length, data: f.data, created_by: f.createdBy, center_id: f.centerId, department_id: f.departmentId,
  }).returning(['id', 'name', 'mime', 'size', 'center_id as centerId', 'department_id as departmentId']).executeTakeFirstOrThrow()
}

/** A file that is the sample of a material of a published version of an active item: part of the public guide. */
export function findPublicSample(db: Db, id: number) {
  return db.selectFrom('files as f').select(['f.id', 'f.name', 'f.mime', 'f.size', 'f.data'])
    .where('f.id', '=', id)
    .where((eb) => eb.exists(eb.selectFrom('item_materials as m')
      .innerJoin('item_versions as v', 'v.id', 'm.version_id')
      .innerJoin('service_items as i', 'i.id', 'v.item_id')
      .select('m.id').whereRef('m.sample_file_id', '=', 'f.id').where('v.status', '=', 'published').where('i.status', '=', 'active')))
    .executeTakeFirst()
}

const referenced = sql<boolean>`exists (select 1 from item_materials m where m.sample_file_id = f.id)`
const published = sql<boolean>`exists (select 1 from item_materials m join item_versions v on v.id = m.version_id
  join service_items i on i.id = v.item_id where m.sample_file_id = f.id and v.status = 'published' and i.status = 'active')`

/** The facts the access rule needs, for each of `ids` that is stored. */
export function fileFacts(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('files as f').innerJoin('centers as c', 'c.id', 'f.center_id')
    .select(['f.id', 'c.path as centerPath', 'f.created_by as createdBy', referenced.as('referenced'), published.as('published')])
    .where('f.id', 'in', ids).execute()
}

export function findFileData(db: Db, id: number) {
  return db.selectFrom('files').select(['id', 'name', 'mime', 'size', 'data']).where('id', '=', id).executeTakeFirst()
}

/** The file FOR UPDATE (a draft naming it concurrently waits), with its access facts. */
export function lockFile(trx: Db, id: number) {
  return trx.selectFrom('files as f').innerJoin('centers as c', 'c.id', 'f.center_id')
    .select(['f.id', 'f.name', 'f.center_id as centerId', 'c.path as centerPath', 'f.created_by as createdBy', referenced.as('referenced'), published.as('published')])
    .where('f.id', '=', id).forUpdate('f').executeTakeFirst()
}

export function deleteFile(trx: Db, id: number) {
  return trx.deleteFrom('files').where('id', '=', id).execute()
}

export function findDepartmentCenter(db: Db, departmentId: number) {
  return db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
    .select(['d.id', 'd.status', 'c.id as centerId', 'c.path as centerPath']).where('d.id', '=', departmentId).executeTakeFirst()
}
