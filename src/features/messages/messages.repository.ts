// SQL of the message outbox: the worker's claim (FOR UPDATE SKIP LOCKED, so several processes share one queue),
// the result of each attempt, the staff's list of messages and the editable templates.
import type { Db } from '../../db/database.js'

export function claimDue(trx: Db, now: Date) {
  return trx.selectFrom('messages').select(['id', 'case_id as caseId', 'phone', 'body', 'attempts', 'template_key as templateKey', 'params'])
    .where('status', '=', 'pending').where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst()
}

export function recordAttempt(trx: Db, a: { messageId: number; at: Date; ok: boolean; sender: string; worker: string; error?: string; receipt?: string | null; throttled?: boolean }) {
  return trx.insertInto('message_attempts').values({
    message_id: a.messageId, at: a.at, ok: a.ok, sender: a.sender, worker: a.worker, error: a.error ?? null, receipt: a.receipt ?? null, throttled: a.throttled ?? false,
  }).execute()
}

/** The task to phone the applicant of a message that finally failed: the case's agent, else its intake window. */
export function insertPhoneTask(trx: Db, messageId: number, caseId: number, at: Date) {
  return trx.insertInto('phone_tasks').columns(['message_id', 'case_id', 'agent_id', 'window_id', 'center_id', 'created_at'])
    .expression((eb) => eb.selectFrom('cases').where('id', '=', caseId).select([
      eb.val(messageId).as('message_id'), 'id', 'agent_id',
      eb.case().when('agent_id', 'is', null).then(eb.ref('window_id')).else(null).end().as('window_id'),
      'accepting_center_id', eb.val(at).as('created_at'),
    ]))
    .onConflict((oc) => oc.column('message_id').doNothing()).execute()
}

export function markSent(trx: Db, id: number, attempts: number, at: Date) {
  return trx.updateTable('messages').set({ status: 'sent', attempts, sent_at: at, last_error: null }).where('id', '=', id).execute()
}

export function markRetry(trx: Db, id: number, attempts: number, next: Date | null, error: string) {
  return trx.updateTable('messages').set(next ? { attempts, next_attempt_at: next, last_error: error } : { attempts, status: 'failed', last_error: error })
    .where('id', '=', id).execute()
}

export interface MessageFilter { scopePath: string; caseId?: number; status?: 'pending' | 'sent' | 'failed'; cursor?: number; limit: number }

/** Newest first (primary key), or one case's (messages_case_idx); only cases in the actor's jurisdiction. */
export function listMessages(db: Db, f: MessageFilter) {
  let q = db.selectFrom('messages as m').innerJoin('cases as k', 'k.id', 'm.case_id')
    .select(['m.id', 'm.case_id as caseId', 'k.number', 'm.template_key as templateKey', 'm.phone', 'm.body', 'm.status', 'm.attempts',
      'm.created_at as createdAt', 'm.sent_at as sentAt', 'm.last_error as lastError'])
    .where('k.origin_path', 'like', f.scopePath.replace(/[\\%_]/g, '\\$&') + '%')
  if (f.caseId) q = q.where('m.case_id', '=', f.caseId)
  if (f.status) q = q.where('m.status', '=', f.status)
  if (f.cursor) q = q.where('m.id', '<', f.cursor)
  return q.orderBy('m.id', 'desc').limit(f.limit).$narrowType<{ caseId: number }>().execute()
}

export function listAttempts(db: Db, messageIds: number[]) {
  if (!messageIds.length) return Promise.resolve([])
  return db.selectFrom('message_attempts').select(['message_id as messageId', 'at', 'ok', 'sender', 'worker', 'error', 'receipt', 'throttled'])
    .where('message_id', 'in', messageIds).orderBy('id').execute()
}

export function listTemplates(db: Db) {
  return db.selectFrom('message_templates').select(['key', 'body', 'enabled', 'updated_at as updatedAt']).orderBy('key').execute()
}

export function updateTemplate(trx: Db, key: string, t: { body: string; enabled: boolean }, by: number, at: Date) {
  return trx.updateTable('message_templates').set({ body: t.body, enabled: t.enabled, updated_by: by, updated_at: at })
    .where('key', '=', key).returning(['key', 'body', 'enabled', 'updated_at as updatedAt']).executeTakeFirst()
}
