// Table types of cases: cases, their steps, events, materials, pauses, extensions, documents and attachments
// (migration 0010 and later).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp, Json } from '../../db/columns.js'
import type { CaseStatus, PauseKind, StepKind } from '../../domain/case-status.js'
import type { DaysUnit, ExtensionRule } from '../../domain/deadlines.js'
import type { HandlingKind } from '../../domain/vocabulary.js'

export interface CaseDecision { outcome: 'approved' | 'denied' | 'answered'; note: string; reasons?: string; appealRights?: string }
export interface CaseRefusal { reason: string; referTo: string | null; appealRights: string }
export interface CaseDelivery { method: 'pickup' | 'mail'; centerId: number | null; trackingNumber: string | null; at: string }

export interface CasesTable {
  id: Generated<number>
  number: string
  query_code: string
  request_id: string
  request_hash: string
  created_by: number
  item_id: number
  item_version_id: number
  item_version: number
  item_name: string
  handling_kind: HandlingKind
  department_id: number
  status: CaseStatus
  version: Generated<number>
  applicant_kind: 'person' | 'organization'
  applicant_name: string
  applicant_id_number: string
  applicant_phone: string
  legal_representative_name: string | null
  representative_name: string | null
  representative_id_number: string | null
  representative_phone: string | null
  origin_center_id: number
  origin_path: string
  accepting_center_id: number
  current_center_id: number
  window_id: number | null
  agent_id: number | null
  received_at: Timestamp
  received_on: string
  accepted_at: NullableTimestamp
  accepted_on: string | null
  promised_days: number
  legal_days: number
  extended_days: Generated<number>
  due_date: string | null
  legal_due_date: string | null
  paused_since: string | null
  decided_at: NullableTimestamp
  decision: Json<CaseDecision | null>
  refusal: Json<CaseRefusal | null>
  delivery: Json<CaseDelivery | null>
  closed_at: NullableTimestamp
  created_at: Timestamp
  updated_at: Timestamp
  co_department_ids: ColumnType<number[], number[] | undefined, number[]>
  // migration 0100
  days_unit: Generated<DaysUnit>
  extension_rule: Generated<ExtensionRule>
  extension_days: Generated<number>
  extended_legal_due_date: ColumnType<string | null, string | null | undefined, string | null>
  provisional: Generated<boolean>
  bundle_case_id: ColumnType<number | null, number | null | undefined, number | null> // migration 0151: the 一件事 it is part of
  // migration 0152: how it was served (src/domain/channels.ts)
  channel: ColumnType<string, string | undefined, string>
  channel_staff_id: ColumnType<number | null, number | null | undefined, number | null>
  visit_date: ColumnType<string | null, string | null | undefined, string | null>
  // migration 0170 (exchange): the province's number
  province_number: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CaseStepsTable {
  id: Generated<number>
  case_id: number
  seq: number
  kind: StepKind
  center_id: number
  department_id: number | null
  assignee_id: number | null
  started_at: Timestamp
  start_date: string
  limit_days: number | null
  due_date: string | null
  done_at: NullableTimestamp
  done_by: number | null
  opinion: Generated<string>
  data: ColumnType<unknown, string | undefined, string>
  // migration 0020 (levels): where a forward or hand-over step came from
  from_center_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface CaseEventsTable {
  id: Generated<number>
  case_id: number
  at: Timestamp
  actor_id: number | null
  center_id: number
  window_id: number | null
  action: string
  from_status: CaseStatus | null
  to_status: CaseStatus
  note: Generated<string>
  data: ColumnType<unknown, string | undefined, never>
}

export interface CaseMaterialsTable {
  id: Generated<number>
  case_id: number
  item_material_id: number | null
  kind: Generated<'item' | 'authorization' | 'other'>
  position: number
  name: string
  required: boolean
  received: boolean
  received_at: NullableTimestamp
  problem: ColumnType<string | null, string | null | undefined, string | null> // migration 0101: what is wrong with it
  deferred: Generated<boolean> // migration 0150: accepted without it under a commitment (容缺)
  handed_in_via: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CasePausesTable {
  id: Generated<number>
  case_id: number
  kind: PauseKind
  reason: string
  start_date: string
  end_date: string | null
  started_at: Timestamp
  ended_at: NullableTimestamp
  started_by: number | null
  ended_by: number | null
}

export interface CaseExtensionsTable {
  id: Generated<number>
  case_id: number
  days: number
  reason: string
  status: 'requested' | 'approved' | 'rejected'
  requested_by: number | null
  requested_at: Timestamp
  decided_by: number | null
  decided_at: NullableTimestamp
  past_legal: Generated<boolean>
  attachment_id: ColumnType<number | null, number | null | undefined, number | null> // migration 0102
}

/** Files kept with a case (migration 0102): the government head's approval of a joint extension. */
export interface CaseAttachmentsTable {
  id: Generated<number>
  case_id: number
  kind: 'government_approval'
  name: string
  mime: string
  size: number
  data: Buffer
  created_by: number | null
  created_at: Timestamp
}

// Documents with their 文号 (migration 0100), written by a trigger on case events.
export interface DocumentCountersTable { department_id: number; doc_type: string; year: number; last: number }

export interface CaseDocumentsTable {
  id: Generated<number>
  case_id: number
  event_id: number
  doc_type: string
  department_id: number
  year: number
  seq: number
  doc_number: string
  issued_at: Timestamp
}

// ---- issue 23: 容缺受理 (migration 0150)
export interface CommitmentRemindersTable { step_id: number; case_id: number; message_id: number | null; created_at: Timestamp }

export interface CasesTables {
  cases: CasesTable
  case_steps: CaseStepsTable
  case_events: CaseEventsTable
  case_materials: CaseMaterialsTable
  case_pauses: CasePausesTable
  case_extensions: CaseExtensionsTable
  case_documents: CaseDocumentsTable
  case_attachments: CaseAttachmentsTable
  document_counters: DocumentCountersTable
  commitment_reminders: CommitmentRemindersTable
}
