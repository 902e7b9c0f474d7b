// SQL of 好差评: ratings (insert once per case or served ticket, never deleted), bad-rating follow-ups and their append-only events.
import type { Db } from '../../db/database.js'
import type { FollowupStatus, RatingsTable } from '../../db/schema.js'
import { sql, type Insertable } from 'kysely'

/** Insert unless the case (the ticket, the consultation) is already rated; undefined when it is. */
export async function insertRatingOnce(trx: Db, row: Insertable<RatingsTable>): Promise<number | undefined> {
  const column = row.ticket_id ? 'ticket_id' : row.consultation_id ? 'consultation_id' : 'case_id'
  const r = await trx.insertInto('ratings').values(row).onConflict((oc) => oc.column(column).doNothing()).returning('id').executeTakeFirst()
  return r?.id
}

export type ServiceKind = 'case' | 'ticket' | 'consultation'
const RATING_COLUMN = { case: 'case_id', ticket: 'ticket_id', consultation: 'consultation_id' } as const

/** When the service finished (the rating_services view, migration 0140); undefined: not finished, not ratable yet. */
export async function finishedAt(db: Db, kind: ServiceKind, id: number): Promise<Date | undefined> {
  const r = await db.selectFrom('rating_services').select('finished_at').where('kind', '=', kind).where('service_id', '=', id).executeTakeFirst()
  return r?.finished_at
}

/** The service's rating, if any. */
export function findRatingOf(db: Db, kind: ServiceKind, id: number) {
  return db.selectFrom('ratings').select(['id', 'score', 'addendum', 'center_id as centerId']).where(RATING_COLUMN[kind], '=', id).executeTakeFirst()
}

export function setAddendum(trx: Db, ratingId: number, text: string, at: Date) {
  return trx.updateTable('ratings').set({ addendum: text, addendum_at: at }).where('id', '=', ratingId).where('addendum', 'is', null).returning('id').executeTakeFirst()
}

/** The active 差评 options in their order. */
export function listOptions(db: Db) {
  return db.selectFrom('rating_options').select(['code', 'text']).where('active', '=', true).orderBy('position').execute()
}

/** A hall ticket with its center, locked. */
export function lockTicket(trx: Db, id: number) {
  return trx.selectFrom('tickets as t').innerJoin('centers as c', 'c.id', 't.center_id')
    .select(['t.id', 't.number', 't.status', 't.window_id as windowId', 't.staff_id as staffId', 't.item_id as itemId', 'c.id as centerId', 'c.path'])
    .where('t.id', '=', id).forUpdate('t').executeTakeFirst()
}

/** A consultation, locked. */
export function lockConsultation(trx: Db, id: number) {
  return trx.selectFrom('consultations as q').select(['q.id', 'q.number', 'q.query_code as queryCode', 'q.center_id as centerId', 'q.center_path as centerPath',
    'q.window_id as windowId', 'q.staff_id as staffId', 'q.item_id as itemId']).where('q.id', '=', id).forUpdate().executeTakeFirst()
}

export function insertFollowup(trx: Db, f: { ratingId: number; caseId: number | null; ticketId?: number; consultationId?: number; centerId: number; centerPath: string; callbackDue: string; fixDue: string; at: Date }) {
  return trx.insertInto('rating_followups').values({
    rating_id: f.ratingId, case_id: f.caseId, ticket_id: f.ticketId ?? null, consultation_id: f.consultationId ?? null, center_id: f.centerId, center_path: f.centerPath, status: 'open',
    callback_due: f.callbackDue, fix_due: f.fixDue, created_at: f.at, updated_at: f.at,
  }).returning('id').executeTakeFirstOrThrow()
}

export function appendFollowupEvent(trx: Db, e: { followupId: number; at: Date; actorId: number | null; action: string; from: FollowupStatus | null; to: FollowupStatus; note: string }) {
  return trx.insertInto('rating_followup_events').values({
    followup_id: e.followupId, at: e.at, actor_id: e.actorId, action: e.action, from_status: e.from, to_status: e.to, note: e.note,
  }).execute()
}

const followupColumns = [
  'f.id', 'f.status', 'f.callback_due as callbackDue', 'f.fix_due as fixDue', 'f.center_id as centerId', 'f.center_path as centerPath',
  'f.called_back_at as calledBackAt', 'f.fixed_at as fixedAt', 'f.closed_at as closedAt', 'f.created_at as createdAt',
  'r.id as ratingId', 'r.score', 'r.comment', 'r.rated_at as ratedAt', 'r.source', 'r.options', 'r.indicators', 'r.addendum', 'k.id as caseId', 'f.ticket_id as ticketId',
  sql<string>`coalesce(k.number, t.number, q.number)`.as('number'), sql<string>`coalesce(k.item_name, '大厅服务（' || h.name || '）', '咨询' || nullif('：' || q.topic, '：'))`.as('itemName'),
  'c.name as centerName',
] as const

/** A follow-up of a case's rating or of a served ticket's (its number and category stand for the case's). */
function followups(db: Db) {
  return db.selectFrom('rating_followups as f').innerJoin('ratings as r', 'r.id', 'f.rating_id')
    .leftJoin('cases as k', 'k.id', 'f.case_id').leftJoin('tickets as t', 't.id', 'f.ticket_id').leftJoin('hall_categories as h', 'h.id', 't.category_id')
    .leftJoin('consultations as q', 'q.id', 'f.consultation_id').innerJoin('centers as c', 'c.id', 'f.center_id').select(followupColumns)
}

export function listFollowups(db: Db, scopePath: string, status?: FollowupStatus) {
  let q = followups(db).where('f.center_path', 'like', `${scopePath}%`)
  if (status) q = q.where('f.status', '=', status)
  return q.orderBy('f.id', 'desc').limit(500).execute()
}

export function findFollowup(db: Db, id: number) {
  return followups(db).where('f.id', '=', id).executeTakeFirst()
}

export async function lockFollowup(trx: Db, id: number) {
  await trx.selectFrom('rating_followups').select('id').where('id', '=', id).forUpdate().execute()
  return findFollowup(trx, id)
}

export function updateFollowup(trx: Db, id: number, patch: { status: FollowupStatus; called_back_at?: Date; fixed_at?: Date; closed_at?: Date }, at: Date) {
  return trx.updateTable('rating_followups').set({ ...patch, updated_at: at }).where('id', '=', id).execute()
}

export function setRatingAside(trx: Db, ratingId: number) {
  return trx.updateTable('ratings').set({ set_aside: true }).where('id', '=', ratingId).execute()
}

export function listFollowupEvents(db: Db, followupId: number) {
  return db.selectFrom('rating_followup_events as e').leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.action', 'e.from_status as from', 'e.to_status as to', 'e.note', 'u.name as actor'])
    .where('e.followup_id', '=', followupId).orderBy('e.id').execute()
}

/** Ratings in a jurisdiction, newest first (supervisors only: the comment is confidential). */
export function listRatings(db: Db, scopePath: string, from: string, to: string) {
  return db.selectFrom('ratings as r').leftJoin('cases as k', 'k.id', 'r.case_id').leftJoin('tickets as t', 't.id', 'r.ticket_id')
    .leftJoin('hall_categories as h', 'h.id', 't.category_id').leftJoin('consultations as q', 'q.id', 'r.consultation_id').innerJoin('centers as c', 'c.id', 'r.center_id')
    .leftJoin('users as u', 'u.id', 'r.staff_id')
    .select(['r.id', 'r.score', 'r.comment', 'r.source', 'r.rated_at as ratedAt', 'r.set_aside as setAside', 'r.options', 'r.indicators', 'r.addendum',
      sql<string>`coalesce(k.number, t.number, q.number)`.as('number'), sql<string>`coalesce(k.item_name, '大厅服务（' || h.name || '）', '咨询' || nullif('：' || q.topic, '：'))`.as('itemName'), 'c.name as centerName', 'u.name as staffName'])
    .where('r.center_path', 'like', `${scopePath}%`).where('r.rated_on', '>=', from).where('r.rated_on', '<=', to)
    .orderBy('r.id', 'desc').limit(500).execute()
}
