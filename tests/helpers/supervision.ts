// Helpers for supervision, rating and report tests on the demo district: find a published item a center offers and
// record a case for it through the real intake API (every material received).
import type { Db } from '../../src/db/database.js'
import type { HandlingKind } from '../../src/domain/vocabulary.js'
import type { Client } from './app.js'
import { idNumber } from './cases.js'

let seq = 0

export async function centerByName(db: Db, name: string) {
  return db.selectFrom('centers').select(['id', 'path', 'code']).where('name', '=', name).executeTakeFirstOrThrow()
}

export async function offeredItem(db: Db, centerId: number, kind: HandlingKind) {
  const row = await db.selectFrom('item_offerings as o').innerJoin('item_versions as v', 'v.item_id', 'o.item_id')
    .select(['o.item_id as itemId', 'v.id as versionId']).where('o.center_id', '=', centerId).where('v.status', '=', 'published')
    .where('v.handling_kind', '=', kind).where(({ eb }) => eb.fn('array_position', [eb.ref('v.targets'), eb.val('person')]), 'is not', null)
    .orderBy('o.item_id').executeTakeFirstOrThrow()
  const materials = await db.selectFrom('item_materials').select('id').where('version_id', '=', row.versionId).orderBy('position').execute()
  return { id: row.itemId, materials: materials.map((m) => m.id) }
}

/** A promised item (for a person) the center offers whose version lets one approver do consecutive steps at once (同一人连续办理). */
export async function consecutiveItem(db: Db, centerId: number) {
  const row = await db.selectFrom('item_offerings as o').innerJoin('item_versions as v', 'v.item_id', 'o.item_id')
    .select(['o.item_id as itemId', 'v.id as versionId']).where('o.center_id', '=', centerId).where('v.status', '=', 'published')
    .where('v.handling_kind', '=', 'promised').where('v.consecutive_steps', '=', true)
    .where(({ eb }) => eb.fn('array_position', [eb.ref('v.targets'), eb.val('person')]), 'is not', null).orderBy('o.item_id').executeTakeFirstOrThrow()
  const materials = await db.selectFrom('item_materials').select('id').where('version_id', '=', row.versionId).orderBy('position').execute()
  return { id: row.itemId, materials: materials.map((m) => m.id) }
}

export async function recordCase(client: Client, centerId: number, item: { id: number; materials: number[] }, extra: Record<string, unknown> = {}) {
  seq += 1
  const res = await client.post('/api/cases', {
    requestId: `sv-${process.pid}-${seq}`, itemId: item.id, centerId,
    applicant: { kind: 'person', name: '王小明', idNumber: idNumber(seq + 500), phone: '13800138000' },
    materials: item.materials.map((materialId) => ({ materialId, received: true })), ...extra,
  })
  if (res.statusCode !== 201) throw new Error(`intake failed ${res.statusCode} ${res.body}`)
  return res.json() as { id: number; number: string; queryCode: string; status: string; dueDate: string | null }
}
