// SQL of stored files (material samples and blank forms).
import type { Db } from '../../db/database.js'

export function insertFile(trx: Db, f: { name: string; mime: string; data: Buffer; createdBy: number }) {
  return trx.insertInto('files').values({ name: f.name, mime: f.mime, size: f.data.length, data: f.data, created_by: f.createdBy })
    .returning(['id', 'name', 'mime', 'size']).executeTakeFirstOrThrow()
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

/** A file staff may see: a material sample of any version, or one they uploaded themselves. */
export function findStaffSample(db: Db, id: number, userId: number) {
  return db.selectFrom('files as f').select(['f.id', 'f.name', 'f.mime', 'f.size', 'f.data'])
    .where('f.id', '=', id)
    .where((eb) => eb.or([
      eb('f.created_by', '=', userId),
      eb.exists(eb.selectFrom('item_materials as m').select('m.id').whereRef('m.sample_file_id', '=', 'f.id')),
    ]))
    .executeTakeFirst()
}
