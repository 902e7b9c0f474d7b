// SQL of 督办 notices and of the digest's counts.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export function insertNotice(trx: Db, n: { caseId: number; centerId: number; centerPath: string; sentBy: number; sentAt: Date; recipientId: number; message: string }) {
  return trx.insertInto('supervision_notices').values({
    case_id: n.caseId, center_id: n.centerId, center_path: n.centerPath, sent_by: n.sentBy, sent_at: n.sentAt, recipient_id: n.recipientId, message: n.message,
  }).returning('id').executeTakeFirstOrThrow()
}

function notices(db: Db) {
  return db.selectFrom('supervision_notices as n').innerJoin('cases as k', 'k.id', 'n.case_id')
    .innerJoin('users as s', 's.id', 'n.sent_by').innerJoin('users as r', 'r.id', 'n.recipient_id')
    .select(['n.id', 'n.case_id as caseId', 'k.number', 'k.item_name as itemName', 'n.message', 'n.sent_at as sentAt',
      's.name as senderName', 'n.recipient_id as recipientId', 'r.name as recipientName', 'n.acknowledged_at as acknowledgedAt', 'n.ack_note as ackNote'])
}

export function findNotice(db: Db, id: number) {
  return notices(db).where('n.id', '=', id).executeTakeFirst()
}

export async function lockNotice(trx: Db, id: number) {
  await trx.selectFrom('supervision_notices').select('id').where('id', '=', id).forUpdate().execute()
  return findNotice(trx, id)
}

export function acknowledgeNotice(trx: Db, id: number, at: Date, note: string) {
  return trx.updateTable('supervision_notices').set({ acknowledged_at: at, ack_note: note }).where('id', '=', id).execute()
}

export function listNotices(db: Db, f: { recipientId?: number; scopePath?: string; caseId?: number }) {
  let q = notices(db)
  if (f.recipientId !== undefined) q = q.where('n.recipient_id', '=', f.recipientId)
  if (f.scopePath !== undefined) q = q.where('n.center_path', 'like', `${f.scopePath}%`)
  if (f.caseId !== undefined) q = q.where('n.case_id', '=', f.caseId)
  return q.orderBy('n.id', 'desc').limit(200).execute()
}

export async function digestCounts(db: Db, scopePath: string, today: string) {
  const r = await sql<{ notices: number; late: number; open: number }>`
    select (select count(*)::int from supervision_notices where center_path like ${scopePath + '%'} and acknowledged_at is null) as notices,
      (select count(*)::int from rating_followups where center_path like ${scopePath + '%'}
        and ((status = 'open' and callback_due < ${today}::date) or (status = 'called_back' and fix_due < ${today}::date))) as late,
      (select count(*)::int from rating_followups where center_path like ${scopePath + '%'} and status in ('open','called_back','fixed','in_review')) as open`.execute(db)
  return { notices: r.rows[0].notices, lateFollowups: r.rows[0].late, openFollowups: r.rows[0].open }
}
