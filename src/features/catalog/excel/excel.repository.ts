// SQL of the catalog export: published versions of active items readable from a scope, with materials and centers.
import { sql } from 'kysely'
import type { Db } from '../../../db/database.js'
import { readableBy } from '../items.repository.js'

export async function publishedForExport(db: Db, scopePath: string, centerId: number | undefined) {
  let q = db.selectFrom('service_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .innerJoin('centers as dc', 'dc.id', 'd.center_id')
    .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'))
    .selectAll('v').select(['i.code', 'd.code as departmentCode'])
    .where('i.status', '=', 'active').where(readableBy(scopePath))
  if (centerId) q = q.where((eb) => eb.exists(eb.selectFrom('item_offerings as o').select('o.item_id').whereRef('o.item_id', '=', 'i.id').where('o.center_id', '=', centerId)))
  const versions = await q.orderBy('i.code').execute()
  const ids = versions.map((v) => v.id)
  const materials = ids.length
    ? await db.selectFrom('item_materials').selectAll().where(sql<boolean>`version_id = any(${ids}::int[])`).orderBy('version_id').orderBy('position').execute()
    : []
  const centers = ids.length
    ? await db.selectFrom('item_offerings as o').innerJoin('centers as c', 'c.id', 'o.center_id')
      .select(['o.item_id as itemId', 'c.code']).where(sql<boolean>`o.item_id = any(${versions.map((v) => v.item_id)}::int[])`).orderBy('c.path').execute()
    : []
  return { versions, materials, centers }
}
