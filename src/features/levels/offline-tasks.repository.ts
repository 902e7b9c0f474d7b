// SQL of offline intake tasks: an offline intake the server refused, kept with the body the device sent.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export interface TaskInsert {
  agentId: number; centerId: number; requestId: string; offlineNumber: string; receivedAt: string; body: unknown
  reasonCode: string; reason: string; details: unknown; at: Date
}

/** Keep the refused intake; the same request refused again updates its open task (one per agent and requestId). */
export async function upsertTask(db: Db, t: TaskInsert): Promise<number | undefined> {
  const row = await db.insertInto('offline_intake_tasks').values({
    agent_id: t.agentId, center_id: t.centerId, request_id: t.requestId, offline_number: t.offlineNumber, device_received_at: t.receivedAt,
    body: JSON.stringify(t.body), reason_code: t.reasonCode, reason: t.reason, details: t.details === undefined ? null : JSON.stringify(t.details),
    created_at: t.at, updated_at: t.at,
  }).onConflict((oc) => oc.columns(['agent_id', 'request_id']).doUpdateSet((eb) => ({
    body: eb.ref('excluded.body'), reason_code: eb.ref('excluded.reason_code'), reason: eb.ref('excluded.reason'), details: eb.ref('excluded.details'),
    attempts: sql<number>`offline_intake_tasks.attempts + 1`, updated_at: eb.ref('excluded.updated_at'),
  })).where('offline_intake_tasks.resolved_at', 'is', null)).returning('id').executeTakeFirst()
  return row?.id
}

const columns = ['t.id', 't.agent_id as agentId', 'u.name as agentName', 't.center_id as centerId', 'c.name as centerName', 'c.path as centerPath',
  't.request_id as requestId', 't.offline_number as offlineNumber', 't.device_received_at as receivedAt', 't.body', 't.reason_code as reasonCode',
  't.reason', 't.details', 't.attempts', 't.created_at as createdAt', 't.updated_at as updatedAt', 't.resolved_at as resolvedAt',
  't.resolution', 't.case_id as caseId', 'k.number as caseNumber', 't.resolve_note as resolveNote'] as const

function base(db: Db) {
  return db.selectFrom('offline_intake_tasks as t').innerJoin('users as u', 'u.id', 't.agent_id').innerJoin('centers as c', 'c.id', 't.center_id')
    .leftJoin('cases as k', 'k.id', 't.case_id').select([...columns])
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>

export const findTask = (db: Db, id: number) => base(db).where('t.id', '=', id).executeTakeFirst()

/** An agent's own tasks, or those of the rooms under `path`; open ones first, newest first. */
export function listTasks(db: Db, q: { agentId?: number; path?: string; open: boolean; limit: number }) {
  let query = base(db)
  if (q.agentId !== undefined) query = query.where('t.agent_id', '=', q.agentId)
  if (q.path !== undefined) query = query.where(sql<boolean>`c.path like ${q.path + '%'}`)
  if (q.open) query = query.where('t.resolved_at', 'is', null)
  return query.orderBy(sql`t.resolved_at is null`, 'desc').orderBy('t.id', 'desc').limit(q.limit).execute()
}

export function dropTask(db: Db, id: number, by: number, at: Date, note: string) {
  return db.updateTable('offline_intake_tasks').set({ resolved_at: at, resolved_by: by, resolution: 'dropped', resolve_note: note })
    .where('id', '=', id).where('resolved_at', 'is', null).returning('id').executeTakeFirst()
}

/** An account by username, with its center's path (whose intakes a town may take over when it is disabled). */
export function findAgent(db: Db, username: string) {
  return db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .select(['u.id', 'u.name', 'u.roles', 'u.status', 'u.center_id as centerId', 'c.path as centerPath']).where('u.username', '=', username.trim().toLowerCase()).executeTakeFirst()
}
