// SQL behind the lights: every open step of a live case whose center or case origin lies in a jurisdiction, with
// the center, department, window and person it belongs to; and the people a 督办 notice goes to.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

/**
 * Who holds an open step now (责任人), for the alias `s` of case_steps and `k` of cases: its assignee, else an active
 * approver of its department at its center, else the clerk who took the case. One rule for the lights and for 督办.
 */
const holderOf = sql<number>`coalesce(s.assignee_id,
  (select u.id from users u where u.department_id = s.department_id and u.center_id = s.center_id
     and 'approver' = any(u.roles) and u.status = 'active' order by u.id limit 1),
  k.created_by)`

export function openSteps(db: Db, scopePath: string) {
  return db.selectFrom('case_steps as s')
    .innerJoin('cases as k', 'k.id', 's.case_id')
    .innerJoin('centers as c', 'c.id', 's.center_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('windows as w', 'w.id', 'k.window_id')
    .leftJoin('users as u', (j) => j.on(sql<boolean>`u.id = ${holderOf}`))
    .select([
      's.id as stepId', 's.kind', 's.start_date as startDate', 's.due_date as dueDate',
      'k.id as caseId', 'k.number', 'k.item_name as itemName', 'k.status', 'k.paused_since as pausedSince',
      's.center_id as centerId', 'c.name as centerName', 'c.path as centerPath',
      's.department_id as departmentId', 'd.name as departmentName', 'k.window_id as windowId', 'w.name as windowName',
      'u.id as personId', 'u.name as personName',
      sql<Date | null>`(select max(n.sent_at) from supervision_notices n where n.case_id = k.id)`.as('urgedAt'),
    ])
    .where('s.done_at', 'is', null).where('s.due_date', 'is not', null)
    .where('k.status', 'not in', ['closed', 'refused', 'correction', 'received'])
    .where((eb) => eb.or([eb('c.path', 'like', `${scopePath}%`), eb('k.origin_path', 'like', `${scopePath}%`)]))
    .orderBy('s.due_date').orderBy('s.id')
    .execute()
}

export type OpenStep = Awaited<ReturnType<typeof openSteps>>[number]

/** Who answers for a case now: the assignee of its soonest open step, else an approver of that step's department, else the clerk who took it. */
export async function responsiblePerson(db: Db, caseId: number): Promise<number> {
  const r = await sql<{ id: number }>`
    select ${holderOf} as id
    from cases k left join lateral (
      select * from case_steps s where s.case_id = k.id and s.done_at is null order by s.due_date nulls last, s.id limit 1) s on true
    where k.id = ${caseId}`.execute(db)
  return r.rows[0].id
}
