// SQL of cases across the levels: per-center time rules, the custody chain, the lists of the agent's inbox,
// the window's incoming hand-overs and the forwards going out and coming in. Each list names its index.
import { sql } from 'kysely'
import { runPrepared, type Db } from '../../db/database.js'
import type { HandoverMaterial } from '../../db/schema.js'
import { DEFAULT_LEVEL_RULE, pathIds, type LevelRule } from '../../domain/levels.js'
import { caseItemColumns } from '../cases/cases.repository.js'

/** The rule of the nearest center on `path` (itself first, then upward) that sets one; else the defaults. */
export async function ruleFor(db: Db, path: string): Promise<LevelRule> {
  const ids = pathIds(path).reverse()
  const rows = await db.selectFrom('level_rules').select(['center_id', 'forward_days as forwardDays', 'handover_days as handoverDays'])
    .where('center_id', 'in', ids).execute()
  const r = ids.map((id) => rows.find((x) => x.center_id === id)).find(Boolean)
  return r ? { forwardDays: r.forwardDays, handoverDays: r.handoverDays } : DEFAULT_LEVEL_RULE
}

export function findRule(db: Db, centerId: number) {
  return db.selectFrom('level_rules').select(['forward_days as forwardDays', 'handover_days as handoverDays', 'updated_at as updatedAt'])
    .where('center_id', '=', centerId).executeTakeFirst()
}

export function saveRule(db: Db, centerId: number, rule: LevelRule, by: number, at: Date) {
  return db.insertInto('level_rules').values({ center_id: centerId, forward_days: rule.forwardDays, handover_days: rule.handoverDays, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('center_id').doUpdateSet({ forward_days: rule.forwardDays, handover_days: rule.handoverDays, updated_at: at, updated_by: by }))
    .execute()
}

export interface HandoverInsert {
  caseId: number; at: Date; direction: 'up' | 'down'; fromUserId: number | null; fromCenterId: number
  toUserId: number | null; toCenterId: number; materials: HandoverMaterial[]; note?: string; dueDate: string | null; late: boolean
}

export function insertHandover(trx: Db, h: HandoverInsert) {
  return trx.insertInto('case_handovers').values({
    case_id: h.caseId, at: h.at, direction: h.direction, from_user_id: h.fromUserId, from_center_id: h.fromCenterId,
    to_user_id: h.toUserId, to_center_id: h.toCenterId, materials: JSON.stringify(h.materials), note: h.note ?? '',
    due_date: h.dueDate, late: h.late,
  }).execute()
}

/** The custody chain (case_handovers_case_idx): who held the materials when. */
export function listHandovers(db: Db, caseId: number) {
  return db.selectFrom('case_handovers as h')
    .innerJoin('centers as fc', 'fc.id', 'h.from_center_id').innerJoin('centers as tc', 'tc.id', 'h.to_center_id')
    .leftJoin('users as fu', 'fu.id', 'h.from_user_id').leftJoin('users as tu', 'tu.id', 'h.to_user_id')
    .select(['h.id', 'h.at', 'h.direction', 'h.from_center_id as fromCenterId', 'fc.name as fromCenterName', 'fc.level as fromLevel',
      'h.to_center_id as toCenterId', 'tc.name as toCenterName', 'tc.level as toLevel', 'fu.name as fromUser', 'tu.name as toUser',
      'h.materials', 'h.note', 'h.due_date as dueDate', 'h.late'])
    .where('h.case_id', '=', caseId).orderBy('h.id').execute()
}

export function findUserCenter(db: Db, userId: number) {
  return db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .select(['u.id', 'u.name', 'u.roles', 'c.id as centerId', 'c.path as centerPath', 'c.name as centerName'])
    .where('u.id', '=', userId).executeTakeFirst()
}

/** Who may receive a hand-over at these centers: their active window clerks and agents (a named receiver). */
export function receiversAt(db: Db, centerIds: readonly number[]) {
  return db.selectFrom('users').select(['id', 'name', 'center_id as centerId', 'roles'])
    .where('center_id', 'in', centerIds.length ? [...centerIds] : [-1]).where('status', '=', 'active')
    .where(sql<boolean>`roles && array['clerk', 'agent']::text[]`).orderBy('center_id').orderBy('id').execute()
}

export function setStepFromCenter(trx: Db, caseId: number, seq: number, fromCenterId: number) {
  return trx.updateTable('case_steps').set({ from_center_id: fromCenterId }).where('case_id', '=', caseId).where('seq', '=', seq).execute()
}

export interface Page { cursor?: number; limit: number }

/** cases_agent_open_idx: the agent's open cases with the next open step (what is due next). */
/** How many open cases the agent carries (the count on the agent's page). */
export async function countAgentInbox(db: Db, agentId: number): Promise<number> {
  const r = await db.selectFrom('cases as k').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('k.agent_id', '=', agentId).where('k.closed_at', 'is', null).where('k.status', '<>', 'refused').executeTakeFirstOrThrow()
  return Number(r.n)
}

export function agentInbox(db: Db, agentId: number, p: Page) {
  let q = db.selectFrom('cases as k')
    .leftJoinLateral((eb) => eb.selectFrom('case_steps as s').select(['s.kind as nextKind', 's.due_date as nextDue', 's.center_id as nextCenterId'])
      .whereRef('s.case_id', '=', 'k.id').where('s.done_at', 'is', null).orderBy('s.due_date').limit(1).as('n'), (j) => j.onTrue())
    .innerJoin('centers as cc', 'cc.id', 'k.current_center_id')
    .select([...caseItemColumns, 'n.nextKind', 'n.nextDue', 'n.nextCenterId', 'cc.name as currentCenterName'])
    .where('k.agent_id', '=', agentId).where('k.closed_at', 'is', null).where('k.status', '<>', 'refused')
  if (p.cursor) q = q.where('k.id', '<', p.cursor)
  return runPrepared(db, q.orderBy('k.id', 'desc').limit(p.limit).compile())
}

/** cases_incoming_idx: cases handed over to this center and waiting for its window to accept them. */
export function incomingHandovers(db: Db, centerId: number, p: Page) {
  let q = db.selectFrom('cases as k').innerJoin('centers as oc', 'oc.id', 'k.origin_center_id')
    .leftJoin('users as a', 'a.id', 'k.agent_id')
    .select([...caseItemColumns, 'oc.name as originCenterName', 'a.name as agentName'])
    .where('k.current_center_id', '=', centerId).where('k.status', '=', 'received')
  if (p.cursor) q = q.where('k.id', '<', p.cursor)
  return runPrepared(db, q.orderBy('k.id', 'desc').limit(p.limit).compile())
}

export interface StepPage { cursor?: { due: string; id: number }; limit: number }

function forwardSteps(db: Db, cursor?: { due: string; id: number }) {
  const q = db.selectFrom('case_steps as s').innerJoin('cases as k', 'k.id', 's.case_id')
    .innerJoin('centers as fc', 'fc.id', 's.from_center_id').innerJoin('centers as tc', 'tc.id', 's.center_id')
    .select([...caseItemColumns, 's.id as stepId', 's.due_date as stepDue', 's.start_date as stepStart',
      'fc.name as fromCenterName', 'tc.name as toCenterName'])
    .where('s.kind', '=', 'forward').where('s.done_at', 'is', null)
  return cursor ? q.where(sql<boolean>`(s.due_date, s.id) > (${cursor.due}::date, ${cursor.id}::bigint)`) : q
}

/** case_steps_forward_out_idx: forwards sent from this center and not yet received, soonest due first. */
export function outgoingForwards(db: Db, centerId: number, p: StepPage) {
  return runPrepared(db, forwardSteps(db, p.cursor).where('s.from_center_id', '=', centerId).orderBy('s.due_date').orderBy('s.id').limit(p.limit).compile())
}

/** case_steps_forward_in_idx: forwards waiting for these departments at this center, soonest due first. */
export function incomingForwards(db: Db, centerId: number, departmentIds: number[], p: StepPage) {
  return runPrepared(db, forwardSteps(db, p.cursor).where('s.center_id', '=', centerId).where('s.department_id', 'in', departmentIds.length ? departmentIds : [-1])
    .orderBy('s.due_date').orderBy('s.id').limit(p.limit).compile())
}

/** cases_origin_month_idx: cases started in each village room under `scopePath`, per month (China dates). */
export function villageCoverage(db: Db, scopePath: string, from: string, to: string) {
  return db.selectFrom('centers as c')
    .leftJoin('cases as k', (j) => j.onRef('k.origin_center_id', '=', 'c.id').on('k.received_on', '>=', from).on('k.received_on', '<', to))
    .select(['c.id as centerId', 'c.name as centerName', sql<string | null>`to_char(k.received_on, 'YYYY-MM')`.as('month'),
      sql<number>`count(k.id)::int`.as('cases')])
    .where('c.level', '=', 'village').where('c.path', 'like', scopePath.replace(/[\\%_]/g, '\\$&') + '%')
    .groupBy(['c.id', 'c.name', sql`to_char(k.received_on, 'YYYY-MM')`]).orderBy('c.id').execute()
}
