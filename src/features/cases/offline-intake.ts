// An agency intake recorded on a phone without a signal and sent later (issue 20). The receipt time is the device's,
// corrected by its clock offset beyond five minutes (src/domain/offline-receipt.ts); the sync time is kept apart.
// The offline number printed on the slip stays an alias of the case's real number; the query code is the device's.
import type { Calendar } from '../../domain/calendar.js'
import { errors } from '../../domain/errors.js'
import { OFFLINE_NUMBER, offlineNote, receiptTime } from '../../domain/offline-receipt.js'
import type { Db } from '../../db/database.js'

export interface OfflineBody { receivedAt: string; deviceNow: string; deviceId: string; offlineNumber: string; queryCode: string; resolves?: string }
export interface OfflineReceipt { receivedAt: Date; offsetMs: number; corrected: boolean; syncedAt: Date; body: OfflineBody }

/** The corrected receipt, or 400 naming the field (future, too old, not an agent's agency intake). */
export async function offlineReceipt(db: Db, cal: Calendar, a: { isAgency: boolean; body: OfflineBody; now: Date; maxWorkdays: number }): Promise<OfflineReceipt> {
  if (!a.isAgency) throw errors.validation([{ field: 'body.offline', message: '只有代办员的代办受理可以离线记录' }])
  const r = receiptTime(cal, a.body, a.now, a.maxWorkdays)
  if (!r.ok) throw errors.validation([r.problem])
  const taken = await db.selectFrom('offline_receipts').select('case_id').where('offline_number', '=', a.body.offlineNumber).executeTakeFirst()
  if (taken) throw errors.conflict('offline_number_taken', `离线编号 ${a.body.offlineNumber} 已属于另一件`, { field: 'body.offline.offlineNumber' })
  return { receivedAt: r.receivedAt, offsetMs: r.offsetMs, corrected: r.corrected, syncedAt: a.now, body: a.body }
}

/**
 * Inside the intake's transaction: the receipt row, and the agent's open task of this request (or of the refused one
 * it records again) resolved by the case; the note added to the intake event.
 */
export async function recordOffline(trx: Db, caseId: number, r: OfflineReceipt, by: { agentId: number; requestId: string }): Promise<string> {
  await trx.insertInto('offline_receipts').values({
    case_id: caseId, device_id: r.body.deviceId, offline_number: r.body.offlineNumber, device_received_at: r.body.receivedAt,
    device_now: r.body.deviceNow, offset_ms: r.offsetMs, corrected: r.corrected, synced_at: r.syncedAt,
  }).execute()
  const resolved = await trx.updateTable('offline_intake_tasks').set({ resolved_at: r.syncedAt, resolved_by: by.agentId, resolution: 'resent', case_id: caseId })
    .where('agent_id', '=', by.agentId).where('request_id', 'in', [by.requestId, ...(r.body.resolves ? [r.body.resolves] : [])]).where('resolved_at', 'is', null)
    .returning('id').execute()
  return offlineNote(r, r.syncedAt) + (resolved.length ? `；重新记录离线待处理件 ${resolved.map((t) => t.id).join('、')}` : '')
}

/** The real number behind an offline number (the progress lookup); any other number as it is. */
export async function resolveNumber(db: Db, number: string): Promise<string> {
  if (!OFFLINE_NUMBER.test(number)) return number
  const r = await db.selectFrom('offline_receipts as o').innerJoin('cases as k', 'k.id', 'o.case_id').select('k.number')
    .where('o.offline_number', '=', number).executeTakeFirst()
  return r?.number ?? number
}

/** The offline receipt of a case, for its page. */
export function findOfflineReceipt(db: Db, caseId: number) {
  return db.selectFrom('offline_receipts').select(['offline_number as offlineNumber', 'device_id as deviceId', 'device_received_at as deviceReceivedAt',
    'offset_ms as offsetMs', 'corrected', 'synced_at as syncedAt']).where('case_id', '=', caseId).executeTakeFirst()
}
