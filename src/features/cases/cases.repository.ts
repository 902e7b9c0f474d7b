// SQL of cases: the case row, its steps, events, materials, pauses and extensions. Services decide; this writes.
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { runPrepared, type Db } from '../../db/database.js'
import type { CasesTable, Database } from '../../db/schema.js'
import type { Insertable, InsertObject } from 'kysely'
import type { CaseStatus, PauseKind, StepKind } from '../../domain/case-status.js'
import { errors } from '../../domain/errors.js'

export const caseColumns = [
  'k.id', 'k.number', 'k.query_code as queryCode', 'k.item_id as itemId', 'k.item_version as itemVersion', 'k.item_version_id as itemVersionId',
  'k.item_name as itemName', 'k.handling_kind as handlingKind', 'k.department_id as departmentId', 'k.status', 'k.version',
  'k.applicant_kind as applicantKind', 'k.applicant_name as applicantName', 'k.applicant_id_number as applicantIdNumber',
  'k.applicant_phone as applicantPhone', 'k.legal_representative_name as legalRepresentativeName',
  'k.representative_name as representativeName', 'k.representative_id_number as representativeIdNumber', 'k.representative_phone as representativePhone',
  'k.origin_center_id as originCenterId', 'k.origin_path as originPath',
  'k.accepting_center_id as acceptingCenterId', 'k.current_center_id as currentCenterId', 'k.window_id as windowId',
  'k.agent_id as agentId', 'k.received_at as receivedAt', 'k.received_on as receivedOn', 'k.accepted_at as acceptedAt',
  'k.accepted_on as acceptedOn', 'k.promised_days as promisedDays', 'k.legal_days as legalDays', 'k.extended_days as extendedDays',
  'k.due_date as dueDate', 'k.legal_due_date as legalDueDate', 'k.paused_since as pausedSince', 'k.decided_at as decidedAt',
  'k.decision', 'k.refusal', 'k.delivery', 'k.closed_at as closedAt', 'k.created_by as createdBy', 'k.created_at as createdAt',
  'k.request_hash as requestHash', 'k.co_department_ids as coDepartmentIds',
  'k.days_unit as daysUnit', 'k.extension_rule as extensionRule', 'k.extension_days as extensionDays',
  'k.extended_legal_due_date as extendedLegalDueDate', 'k.provisional', 'k.channel',
] as const

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>

/** What a row of a work list shows (CaseItem): a third of caseColumns, read by the lists that page through many cases. */
export const caseItemColumns = [
  'k.id', 'k.number', 'k.item_name as itemName', 'k.handling_kind as handlingKind', 'k.status', 'k.department_id as departmentId',
  'k.current_center_id as currentCenterId', 'k.applicant_kind as applicantKind', 'k.applicant_name as applicantName',
  'k.applicant_id_number as applicantIdNumber', 'k.received_at as receivedAt', 'k.accepted_on as acceptedOn', 'k.due_date as dueDate',
  'k.paused_since as pausedSince', 'k.decided_at as decidedAt', 'k.delivery', 'k.provisional',
] as const

/** 同一人连续办理: whether the item version the case was recorded under allows one person to complete consecutive steps at once. */
export async function consecutiveStepsAllowed(db: Db, caseId: number): Promise<boolean> {
  const r = await db.selectFrom('cases as k').innerJoin('item_versions as v', 'v.id', 'k.item_version_id')
    .select('v.consecutive_steps').where('k.id', '=', caseId).executeTakeFirst()
  return r?.consecutive_steps ?? false
}

export function findCase(db: Db, id: number) {
  return db.selectFrom('cases as k').select(caseColumns).where('k.id', '=', id).executeTakeFirst()
}

export function findCaseByRequest(db: Db, createdBy: number, requestId: string) {
  return db.selectFrom('cases as k').select(caseColumns).where('k.created_by', '=', createdBy).where('k.request_id', '=', requestId).executeTakeFirst()
}

export function findCaseByNumber(db: Db, number: string) {
  return db.selectFrom('cases as k').select(caseColumns).where('k.number', '=', number).executeTakeFirst()
}

/**
 * The case locked for one action. NOWAIT: a second person acting on the same case at the same moment gets 409
 * at once instead of queueing behind the first and then acting on a case that has moved on.
 */
export async function lockCase(trx: Db, id: number): Promise<CaseRow | undefined> {
  try {
    const row = await trx.selectFrom('cases as k').select(caseColumns).where('k.id', '=', id).forUpdate().noWait().executeTakeFirst()
    return row
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') throw errors.conflict('case_busy', '此办件正由他人办理，请刷新后重试', { id })
    throw e
  }
}

/** Insert unless (created_by, request_id) exists; the new row as `findCase` reads it, undefined when it exists (the caller reads the existing case). */
export function insertCaseOnce(trx: Db, row: InsertObject<Database, 'cases'>): Promise<CaseRow | undefined> {
  return trx.with('k', (db) => db.insertInto('cases').values(row)
    .onConflict((oc) => oc.columns(['created_by', 'request_id']).doNothing()).returningAll())
    .selectFrom('k').select(caseColumns).executeTakeFirst()
}

/** A case number for life: the accepting center's code, the year and a number from one sequence for the whole network. */
export function nextCaseNumber(prefix: string) {
  return sql<string>`${prefix} || lpad(nextval('case_number_seq')::text, 7, '0')`
}

export type CasePatch = Partial<Omit<Insertable<CasesTable>, 'id'>>

/** Writes the patch and bumps the version (clients send it back to act on what they saw). */
export function updateCase(trx: Db, id: number, patch: CasePatch, at: Date) {
  return trx.updateTable('cases').set({ ...patch, updated_at: at, version: sql<number>`version + 1` }).where('id', '=', id).execute()
}

export interface EventRow {
  caseId: number; at: Date; actorId: number | null; centerId: number; windowId: number | null
  action: string; from: CaseStatus | null; to: CaseStatus; note?: string; data?: Record<string, unknown>
}

const eventValues = (e: EventRow) => ({
  case_id: e.caseId, at: e.at, actor_id: e.actorId, center_id: e.centerId, window_id: e.windowId, action: e.action,
  from_status: e.from, to_status: e.to, note: e.note ?? '', data: JSON.stringify(e.data ?? {}),
})

export function appendEvents(trx: Db, events: readonly EventRow[]) {
  return trx.insertInto('case_events').values(events.map(eventValues)).execute()
}

/** A new case's materials, steps and events in one statement (one round trip instead of three). */
/** caseColumns as SQL text over the alias k, for statements written with the sql tag. */
const caseColumnsSql = sql.raw(caseColumns.map((c) => { const [col, alias] = c.split(' as '); return alias ? `${col} as "${alias}"` : col }).join(', '))

/**
 * A new case with its materials, steps and events in one statement, which is one transaction by itself (no BEGIN or
 * COMMIT round trips): the parts are inserted from the case row the statement inserts, so when (created_by,
 * request_id) exists nothing is written and the answer is undefined (the caller reads the existing case). The parts'
 * caseId is the new row's id whatever they carry. The case-event triggers run at the end of the statement and see
 * the case.
 */
export async function insertCaseWhole(db: Db, row: InsertObject<Database, 'cases'>, p: { at: Date; materials: readonly MaterialInsert[]; steps: readonly StepInsert[]; events: readonly EventRow[] }): Promise<CaseRow | undefined> {
  const k = db.insertInto('cases').values(row).onConflict((oc) => oc.columns(['created_by', 'request_id']).doNothing()).returningAll()
  const rows = (list: readonly object[]) => JSON.stringify(list)
  const materials = rows(p.materials.map((m) => { const { case_id: _, ...v } = materialValues(0, p.at, m); return v }))
  // data travels as the JSON text stepValues/eventValues make of it and is cast to jsonb in the statement.
  const steps = rows(p.steps.map((x) => { const { case_id: _, ...v } = stepValues(x); return v }))
  const events = rows(p.events.map((e) => { const { case_id: _, ...v } = eventValues(e); return v }))
  const [out] = await runPrepared(db, sql<CaseRow>`
    with k as (${k}),
    m as (insert into case_materials (case_id, item_material_id, position, name, required, received, received_at, problem, deferred)
      select k.id, x.* from k, jsonb_to_recordset(${materials}::jsonb)
        as x(item_material_id integer, position integer, name text, required boolean, received boolean, received_at timestamptz, problem text, deferred boolean)),
    s as (insert into case_steps (case_id, seq, kind, center_id, department_id, assignee_id, started_at, start_date, limit_days, due_date, done_at, done_by, opinion, data)
      select k.id, x.seq, x.kind, x.center_id, x.department_id, x.assignee_id, x.started_at, x.start_date, x.limit_days, x.due_date,
        x.done_at, x.done_by, x.opinion, x.data::jsonb
      from k, jsonb_to_recordset(${steps}::jsonb)
        as x(seq integer, kind text, center_id integer, department_id integer, assignee_id integer, started_at timestamptz, start_date date,
          limit_days integer, due_date date, done_at timestamptz, done_by integer, opinion text, data text)),
    e as (insert into case_events (case_id, at, actor_id, center_id, window_id, action, from_status, to_status, note, data)
      select k.id, x.at, x.actor_id, x.center_id, x.window_id, x.action, x.from_status, x.to_status, x.note, x.data::jsonb
      from k, rows from (jsonb_to_recordset(${events}::jsonb)
        as (at timestamptz, actor_id integer, center_id integer, window_id integer, action text, from_status text, to_status text, note text, data text))
        with ordinality as x(at, actor_id, center_id, window_id, action, from_status, to_status, note, data, n)
      order by x.n)
    select ${caseColumnsSql} from k`.compile(db))
  return out
}

function eventsQuery(db: Db) {
  return db.selectFrom('case_events as e')
    .innerJoin('centers as c', 'c.id', 'e.center_id')
    .leftJoin('windows as w', 'w.id', 'e.window_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.from_status as from', 'e.to_status as to', 'e.note', 'e.data', 'c.name as centerName',
      'w.name as windowName', 'u.name as actor'])
}

export function listEvents(db: Db, caseId: number) {
  return eventsQuery(db).where('e.case_id', '=', caseId).orderBy('e.id').execute()
}

/** What the public progress answer depends on, by case number: read on every lookup, so a cached answer is never
 * older than the last committed event or case change. */
export async function findProgressStamp(db: Db, number: string) {
  // Plain SQL: this read runs on every public lookup, and a query builder's work per call would be most of its cost.
  const { rows } = await sql<{ id: number; queryCode: string; version: number; lastEventId: number | null }>`
    select k.id, k.query_code as "queryCode", k.version, (select max(e.id) from case_events e where e.case_id = k.id) as "lastEventId"
    from cases k where k.number = ${number}`.execute(db)
  return rows[0]
}

/** The case by its number with its events, in one round trip (the public progress page); event times come as ISO text. */
export function findCaseWithEventsByNumber(db: Db, number: string) {
  return db.selectFrom('cases as k').select(caseColumns)
    .select(() => jsonArrayFrom(eventsQuery(db).where(sql<boolean>`e.case_id = k.id`).orderBy('e.id')).as('events'))
    .where('k.number', '=', number).executeTakeFirst()
}

export interface StepInsert {
  caseId: number; seq: number; kind: StepKind; centerId: number; departmentId: number | null; assigneeId?: number | null
  at: Date; startDate: string; limitDays: number | null; dueDate: string | null; doneAt?: Date | null; doneBy?: number | null; opinion?: string
  data?: Record<string, unknown>
}

const stepValues = (s: StepInsert) => ({
  case_id: s.caseId, seq: s.seq, kind: s.kind, center_id: s.centerId, department_id: s.departmentId, assignee_id: s.assigneeId ?? null,
  started_at: s.at, start_date: s.startDate, limit_days: s.limitDays, due_date: s.dueDate, done_at: s.doneAt ?? null,
  done_by: s.doneBy ?? null, opinion: s.opinion ?? '', data: JSON.stringify(s.data ?? {}),
})

export function insertSteps(trx: Db, steps: readonly StepInsert[]) {
  if (steps.length === 0) return Promise.resolve([])
  return trx.insertInto('case_steps').values(steps.map(stepValues)).execute()
}

export type StepRow = Awaited<ReturnType<typeof listSteps>>[number]

export function listSteps(db: Db, caseId: number) {
  return db.selectFrom('case_steps as s')
    .innerJoin('centers as c', 'c.id', 's.center_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('users as u', 'u.id', 's.done_by')
    .select(['s.id', 's.seq', 'u.name as doneByName', 's.kind', 's.center_id as centerId', 'c.path as centerPath', 'c.name as centerName',
      's.department_id as departmentId', 'd.name as departmentName', 's.assignee_id as assigneeId', 's.started_at as startedAt',
      's.start_date as startDate', 's.limit_days as limitDays', 's.due_date as dueDate', 's.done_at as doneAt', 's.done_by as doneBy',
      's.opinion'])
    .where('s.case_id', '=', caseId).orderBy('s.seq').execute()
}

export function finishStep(trx: Db, stepId: number, by: number, at: Date, opinion: string) {
  return trx.updateTable('case_steps').set({ done_at: at, done_by: by, opinion }).where('id', '=', stepId).execute()
}

export function setStepDue(trx: Db, stepId: number, dueDate: string | null) {
  return trx.updateTable('case_steps').set({ due_date: dueDate }).where('id', '=', stepId).execute()
}

export interface MaterialInsert { itemMaterialId: number; position: number; name: string; required: boolean; received: boolean; problem?: string | null; deferred?: boolean }

const materialValues = (caseId: number, at: Date, m: MaterialInsert) => ({
  case_id: caseId, item_material_id: m.itemMaterialId, position: m.position, name: m.name, required: m.required,
  received: m.received, received_at: m.received ? at : null, problem: m.problem ?? null, deferred: m.deferred ?? false,
})

export function insertMaterials(trx: Db, caseId: number, at: Date, materials: readonly MaterialInsert[]) {
  if (materials.length === 0) return Promise.resolve([])
  return trx.insertInto('case_materials').values(materials.map((m) => materialValues(caseId, at, m))).execute()
}

export function listMaterials(db: Db, caseId: number) {
  return db.selectFrom('case_materials').select(['id', 'item_material_id as materialId', 'kind', 'name', 'required', 'received', 'received_at as receivedAt', 'problem',
    'deferred', 'handed_in_via as handedInVia'])
    .where('case_id', '=', caseId).orderBy('position').execute()
}

export function markReceived(trx: Db, caseId: number, itemMaterialIds: readonly number[], at: Date) {
  if (itemMaterialIds.length === 0) return Promise.resolve([])
  return trx.updateTable('case_materials').set({ received: true, received_at: at, problem: null })
    .where('case_id', '=', caseId).where('item_material_id', 'in', [...itemMaterialIds]).where('received', '=', false).execute()
}

/** 容缺 materials handed in after acceptance, and how (window, mail, electronic: the trip count reads it). */
export function markHandedIn(trx: Db, caseId: number, itemMaterialIds: readonly number[], at: Date, via: string) {
  return trx.updateTable('case_materials').set({ received: true, received_at: at, problem: null, handed_in_via: via })
    .where('case_id', '=', caseId).where('item_material_id', 'in', [...itemMaterialIds]).where('deferred', '=', true).execute()
}

/** Materials listed on the hand-over slip that did not arrive with it: not received after all. */
export function markNotReceived(trx: Db, caseId: number, itemMaterialIds: readonly number[]) {
  if (itemMaterialIds.length === 0) return Promise.resolve([])
  return trx.updateTable('case_materials').set({ received: false, received_at: null })
    .where('case_id', '=', caseId).where('item_material_id', 'in', [...itemMaterialIds]).execute()
}

/** A material handed in with something wrong with it: not received, and the notice says what is wrong. */
export async function markProblems(trx: Db, caseId: number, problems: readonly { materialId: number; problem: string }[]) {
  for (const p of problems) {
    await trx.updateTable('case_materials').set({ received: false, received_at: null, problem: p.problem })
      .where('case_id', '=', caseId).where('item_material_id', '=', p.materialId).execute()
  }
}

export function listPauses(db: Db, caseId: number) {
  return db.selectFrom('case_pauses').select(['id', 'kind', 'reason', 'start_date as from', 'end_date as to'])
    .where('case_id', '=', caseId).orderBy('start_date').orderBy('id').execute()
}

export function insertPause(trx: Db, p: { caseId: number; kind: PauseKind; reason: string; date: string; at: Date; by: number }) {
  return trx.insertInto('case_pauses').values({
    case_id: p.caseId, kind: p.kind, reason: p.reason, start_date: p.date, started_at: p.at, started_by: p.by,
  }).execute()
}

export function endPause(trx: Db, caseId: number, date: string, at: Date, by: number) {
  return trx.updateTable('case_pauses').set({ end_date: date, ended_at: at, ended_by: by })
    .where('case_id', '=', caseId).where('end_date', 'is', null).execute()
}

export function listExtensions(db: Db, caseId: number) {
  return db.selectFrom('case_extensions').select(['id', 'days', 'reason', 'status', 'requested_by as requestedBy', 'requested_at as requestedAt',
    'decided_by as decidedBy', 'decided_at as decidedAt', 'past_legal as pastLegal', 'attachment_id as attachmentId']).where('case_id', '=', caseId).orderBy('id').execute()
}

export function insertExtension(trx: Db, e: { caseId: number; days: number; reason: string; status: 'requested' | 'approved'; by: number; at: Date; pastLegal: boolean; attachmentId?: number | null }) {
  return trx.insertInto('case_extensions').values({
    case_id: e.caseId, days: e.days, reason: e.reason, status: e.status, requested_by: e.by, requested_at: e.at, past_legal: e.pastLegal, attachment_id: e.attachmentId ?? null,
    decided_by: e.status === 'approved' ? e.by : null, decided_at: e.status === 'approved' ? e.at : null,
  }).execute()
}

/** The department head's decision on a pending request, with the days and reason they grant; false when none was pending. */
export async function approvePendingExtension(trx: Db, caseId: number, days: number, reason: string, by: number, at: Date, pastLegal: boolean,
  attachmentId: number | null = null): Promise<boolean> {
  const r = await trx.updateTable('case_extensions').set({ status: 'approved', days, reason, decided_by: by, decided_at: at, past_legal: pastLegal, attachment_id: attachmentId })
    .where('case_id', '=', caseId).where('status', '=', 'requested').executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** A file kept with the case (the government head's approval of a joint extension); its id. */
export async function insertAttachment(trx: Db, a: { caseId: number; kind: 'government_approval'; name: string; mime: string; data: Buffer; by: number; at: Date }) {
  const r = await trx.insertInto('case_attachments').values({
    case_id: a.caseId, kind: a.kind, name: a.name, mime: a.mime, size: a.data.length, data: a.data, created_by: a.by, created_at: a.at,
  }).returning('id').executeTakeFirstOrThrow()
  return Number(r.id)
}

export function listAttachments(db: Db, caseId: number) {
  return db.selectFrom('case_attachments').select(['id', 'kind', 'name', 'mime', 'size', 'created_at as createdAt'])
    .where('case_id', '=', caseId).orderBy('id').execute()
}

export function findAttachment(db: Db, caseId: number, id: number) {
  return db.selectFrom('case_attachments').select(['id', 'name', 'mime', 'data']).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst()
}

export function hasPendingExtension(db: Db, caseId: number) {
  return db.selectFrom('case_extensions').select('id').where('case_id', '=', caseId).where('status', '=', 'requested').executeTakeFirst()
}

/** Who holds the case now and what the table's conditions need of it: the holding center, whether it offers the item,
 * and where the deciding department sits. */
export function findHolder(db: Db, caseId: number) {
  return db.selectFrom('cases as k')
    .innerJoin('centers as hc', 'hc.id', 'k.current_center_id')
    .innerJoin('departments as d', 'd.id', 'k.department_id')
    .innerJoin('centers as dc', 'dc.id', 'd.center_id')
    .select((eb) => ['hc.name as holderName', 'hc.path as holderPath', 'dc.path as deciderPath',
      eb.exists(eb.selectFrom('item_offerings as o').select('o.item_id').whereRef('o.item_id', '=', 'k.item_id').whereRef('o.center_id', '=', 'k.current_center_id')).as('offeredHere')])
    .where('k.id', '=', caseId).executeTakeFirstOrThrow()
}

/** The 一件事 a case is a part of (its number and name), or undefined. */
export function bundleOfCase(db: Db, caseId: number) {
  return db.selectFrom('cases as k').innerJoin('bundle_cases as bc', 'bc.id', 'k.bundle_case_id').innerJoin('bundles as b', 'b.id', 'bc.bundle_id')
    .select(['bc.id', 'bc.number', 'b.name']).where('k.id', '=', caseId).executeTakeFirst()
}
