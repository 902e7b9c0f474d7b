// SQL of the phone tasks: a message that finally failed, for the case's village agent or intake window to phone
// the applicant. Who sees a task: its agent; the staff of its window; at its center, everyone when it has neither,
// and the managers always.
import type { Actor } from '../../domain/jurisdiction.js'
import type { Db } from '../../db/database.js'

function visibleTo<Q extends { where: any }>(q: Q, actor: Actor): Q {
  const manager = actor.roles.includes('manager')
  return q.where((eb: any) => eb.or([
    eb('t.agent_id', '=', actor.userId),
    ...(actor.windowId ? [eb('t.window_id', '=', actor.windowId)] : []),
    eb.and([eb('t.center_id', '=', actor.centerId), manager ? eb.lit(true) : eb.and([eb('t.agent_id', 'is', null), eb('t.window_id', 'is', null)])]),
  ]))
}

const columns = [
  't.id', 't.case_id as caseId', 'k.number', 'k.item_name as itemName', 'k.applicant_name as applicantName', 'k.applicant_phone as phone',
  'm.template_key as templateKey', 'm.body', 'm.last_error as lastError', 't.status', 't.created_at as createdAt', 't.done_at as doneAt',
  'u.name as doneByName', 't.note', 'a.name as agentName', 'w.name as windowName',
] as const

export function listPhoneTasks(db: Db, actor: Actor, status: 'open' | 'done', limit: number) {
  const q = db.selectFrom('phone_tasks as t').innerJoin('cases as k', 'k.id', 't.case_id').innerJoin('messages as m', 'm.id', 't.message_id')
    .leftJoin('users as u', 'u.id', 't.done_by').leftJoin('users as a', 'a.id', 't.agent_id').leftJoin('windows as w', 'w.id', 't.window_id')
    .select(columns).where('t.status', '=', status)
  return visibleTo(q, actor).orderBy('t.id', status === 'open' ? 'asc' : 'desc').limit(limit).execute()
}

/** The task, locked, if the actor may see it. */
export function lockPhoneTask(trx: Db, id: number, actor: Actor) {
  const q = trx.selectFrom('phone_tasks as t').select(['t.id', 't.status', 't.case_id as caseId', 't.center_id as centerId']).where('t.id', '=', id)
  return visibleTo(q, actor).forUpdate().executeTakeFirst()
}

export function findPhoneTask(db: Db, id: number) {
  return db.selectFrom('phone_tasks').select('id').where('id', '=', id).executeTakeFirst()
}

export function markPhoneTaskDone(trx: Db, id: number, by: number, at: Date, note: string) {
  return trx.updateTable('phone_tasks').set({ status: 'done', done_by: by, done_at: at, note }).where('id', '=', id).execute()
}

export function getPhoneTask(db: Db, actor: Actor, id: number) {
  const q = db.selectFrom('phone_tasks as t').innerJoin('cases as k', 'k.id', 't.case_id').innerJoin('messages as m', 'm.id', 't.message_id')
    .leftJoin('users as u', 'u.id', 't.done_by').leftJoin('users as a', 'a.id', 't.agent_id').leftJoin('windows as w', 'w.id', 't.window_id')
    .select(columns).where('t.id', '=', id)
  return visibleTo(q, actor).executeTakeFirstOrThrow()
}
