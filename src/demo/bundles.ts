// The demo district's 一件事一次办 bundles (from its own published items at the district center) and its 容缺 rules:
// 新生儿出生一件事 (生育服务登记 + 社会保障卡申领; 结婚证 may follow within 5 working days) and 退休一件事
// (企业职工退休审批 + 社会保障卡申领). Items are found by name, so a changed catalog simply leaves a bundle out.
import type { Db } from '../db/database.js'

const BUNDLES = [
  { name: '新生儿出生一件事', description: '生育登记与社会保障卡一次办', items: ['生育服务登记', '社会保障卡申领'], fields: [{ key: 'childName', label: '新生儿姓名', required: true }, { key: 'birthDate', label: '出生日期', required: true }] },
  { name: '退休一件事', description: '退休审批与社会保障卡一次办', items: ['企业职工退休审批', '社会保障卡申领'], fields: [{ key: 'employer', label: '原工作单位', required: false }] },
]
/** 容缺 in the demo: the item, the material that may follow, the working days to hand it in. */
const DEFERRALS = [{ item: '生育服务登记', material: '结婚证', days: 5 }, { item: '企业职工退休审批', material: '', days: 10 }]

export async function insertDemoBundles(trx: Db, centerId: number, adminId: number | null, at: Date): Promise<void> {
  for (const d of DEFERRALS) {
    const v = await trx.selectFrom('item_versions').select('id').where('name', '=', d.item).where('status', '=', 'published').executeTakeFirst()
    if (!v) continue
    await trx.updateTable('item_versions').set({ deferral_days: d.days }).where('id', '=', v.id).execute()
    if (d.material) await trx.updateTable('item_materials').set({ deferral_allowed: true }).where('version_id', '=', v.id).where('name', '=', d.material).execute()
  }
  for (const b of BUNDLES) {
    const items = await trx.selectFrom('item_versions as v').innerJoin('item_offerings as o', 'o.item_id', 'v.item_id')
      .select(['v.item_id', 'v.name']).where('v.status', '=', 'published').where('o.center_id', '=', centerId).where('v.name', 'in', b.items).execute()
    const ids = b.items.flatMap((n) => items.filter((i) => i.name === n).map((i) => i.item_id))
    if (ids.length !== b.items.length) continue
    const row = await trx.insertInto('bundles').values({ center_id: centerId, name: b.name, description: b.description, fields: JSON.stringify(b.fields), created_by: adminId, created_at: at })
      .returning('id').executeTakeFirstOrThrow()
    await trx.insertInto('bundle_items').values(ids.map((item_id, i) => ({ bundle_id: row.id, item_id, position: i + 1 }))).execute()
  }
}
