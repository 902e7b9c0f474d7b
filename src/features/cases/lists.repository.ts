// SQL of case lists: the jurisdiction-scoped list (keyset on id, newest first) and the approver's inbox of open
// steps (keyset on due date, id). Each query names the index it is shaped for.
import { sql } from 'kysely'
import { runPrepared, type Db } from '../../db/database.js'
import type { CaseStatus } from '../../domain/case-status.js'
import { caseColumns, caseItemColumns } from './cases.repository.js'

export interface ListFilter {
  scopePath: string
  status?: CaseStatus
  centerId?: number
  createdBy?: number
  q?: string
  due?: { before?: string; from?: string; after?: string }
  cursor?: number
  limit: number
}

/** A LIKE pattern for the cases under a center's path (its own wildcards escaped). */
const scopeLike = (path: string) => path.replace(/[\\%_]/g, '\\$&') + '%'

/** cases_scope_idx (origin_path prefix, id) or, with a center, cases_current_center_idx; newest first. */
export function listCases(db: Db, f: ListFilter) {
  let q = db.selectFrom('cases as k').select(caseColumns)
    .where('k.origin_path', 'like', scopeLike(f.scopePath))
  if (f.status) q = q.where('k.status', '=', f.status)
  if (f.centerId) q = q.where('k.current_center_id', '=', f.centerId)
  if (f.createdBy) q = q.where('k.created_by', '=', f.createdBy)
  if (f.q) {
    const text = f.q
    q = q.where((eb) => eb.or([eb('k.number', '=', text), eb('k.applicant_name', '=', text), eb('k.item_name', 'like', `%${text.replace(/[\\%_]/g, '\\$&')}%`)]))
  }
  if (f.due?.before) q = q.where('k.due_date', '<', f.due.before)
  if (f.due?.from) q = q.where('k.due_date', '>=', f.due.from)
  if (f.due?.after) q = q.where('k.due_date', '>', f.due.after)
  if (f.due) q = q.where('k.status', 'in', ['accepted', 'in_review', 'forwarded'])
  if (f.cursor) q = q.where('k.id', '<', f.cursor)
  // Not prepared: a generic plan cannot use the origin_path prefix (LIKE with a parameter), a custom plan per call can.
  return q.orderBy('k.id', 'desc').limit(f.limit).execute()
}

/** The counts of the window's work lists (/app/cases tabs) in one scan of the jurisdiction (cases_scope_idx):
 * mine received today, waiting for correction, results to hand over, all. */
export async function countWorkLists(db: Db, f: { scopePath: string; userId: number; today: string }) {
  const r = await db.selectFrom('cases as k').select((eb) => [
    sql<string>`count(*) filter (where k.created_by = ${f.userId} and k.received_on = ${f.today})`.as('today'),
    sql<string>`count(*) filter (where k.status = 'correction')`.as('correction'),
    sql<string>`count(*) filter (where k.status in ('approved', 'denied', 'answered'))`.as('toDeliver'),
    eb.fn.countAll<string>().as('all'),
  ]).where('k.origin_path', 'like', scopeLike(f.scopePath)).executeTakeFirstOrThrow()
  return { today: Number(r.today), correction: Number(r.correction), toDeliver: Number(r.toDeliver), all: Number(r.all) }
}

export interface InboxFilter { centerId: number; departmentIds: number[]; cursor?: { due: string; id: number }; limit: number }

/** case_steps_inbox_idx: open steps of the departments at a center, soonest due first. */
function inboxSteps(db: Db, f: Pick<InboxFilter, 'centerId' | 'departmentIds'>) {
  return db.selectFrom('case_steps as s').innerJoin('cases as k', 'k.id', 's.case_id')
    .where('s.center_id', '=', f.centerId).where('s.done_at', 'is', null)
    .where('s.department_id', 'in', f.departmentIds.length ? f.departmentIds : [-1])
}

/** How many open steps wait in the inbox (the count on the workbench and the page's title). */
export async function countInbox(db: Db, f: Pick<InboxFilter, 'centerId' | 'departmentIds'>): Promise<number> {
  const r = await inboxSteps(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

export function listInbox(db: Db, f: InboxFilter) {
  let q = inboxSteps(db, f)
    .select([...caseItemColumns, 's.id as stepId', 's.kind as stepKind', 's.due_date as stepDue', 's.start_date as stepStart',
      's.department_id as stepDepartmentId'])
  if (f.cursor) q = q.where(sql<boolean>`(s.due_date, s.id) > (${f.cursor.due}::date, ${f.cursor.id}::bigint)`)
  return runPrepared(db, q.orderBy('s.due_date').orderBy('s.id').limit(f.limit).compile())
}

export function departmentsAt(db: Db, centerId: number) {
  return db.selectFrom('departments').select('id').where('center_id', '=', centerId).where('status', '=', 'active').execute()
}

/** The manager's pending extension requests within their jurisdiction (case_extensions_pending_idx). */
/** Requests waiting for the head of the deciding department `departmentId`. */
export function pendingExtensions(db: Db, scopePath: string, departmentId: number) {
  return db.selectFrom('case_extensions as x').innerJoin('cases as k', 'k.id', 'x.case_id')
    .select([...caseColumns, 'x.id as extensionId', 'x.days as extensionDays', 'x.reason as extensionReason', 'x.requested_at as requestedAt',
      'x.past_legal as pastLegal'])
    .where('x.status', '=', 'requested').where('k.origin_path', 'like', scopePath + '%').where('k.department_id', '=', departmentId)
    .orderBy('x.requested_at').orderBy('x.id').limit(200).execute()
}
