// Table types for Kysely: one interface per table, camelCase in code is not used here: columns are snake_case.
import type { ColumnType, Generated } from 'kysely'
import type { CalendarSource } from '../domain/calendar.js'
import type { CaseStatus, PauseKind, StepKind } from '../domain/case-status.js'
import type { DaysUnit, ExtensionRule } from '../domain/deadlines.js'
import type { TicketStatus } from '../domain/ticket-rules.js'
import type {
  CenterLevel, HandlingKind, ItemVersionStatus, MaterialForm, RecordStatus, Role,
} from '../domain/vocabulary.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export interface CentersTable {
  id: Generated<number>
  code: string
  name: string
  level: CenterLevel
  parent_id: number | null
  path: string
  address: Generated<string>
  phone: Generated<string>
  note: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
  review_body: ColumnType<string | null, string | null | undefined, string | null> // migration 0100: default 复议机关
  court: ColumnType<string | null, string | null | undefined, string | null>
  /** 行政区划代码 (migration 0140); a center without one files ratings under its nearest ancestor's. */
  area_code: ColumnType<string | null, string | null | undefined, string | null>
  founded_on: ColumnType<string | null, string | null | undefined, string | null> // migration 0145
}

export interface UsersTable {
  department_id: ColumnType<number | null, number | null | undefined, number | null>
  id: Generated<number>
  username: string
  name: string
  password_hash: string
  roles: Role[]
  center_id: number
  window_id: number | null
  phone: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SessionsTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
  ip: Generated<string>
  user_agent: Generated<string>
}

export interface ApiTokensTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  name: string
  created_at: Timestamp
  expires_at: NullableTimestamp
  revoked_at: NullableTimestamp
  last_used_at: NullableTimestamp
}

export interface AuditEventsTable {
  id: Generated<number>
  at: Timestamp
  actor_id: number | null
  center_id: number | null
  action: string
  entity: string
  entity_id: string
  data: Json<unknown>
}

export interface DepartmentsTable {
  id: Generated<number>
  code: string
  name: string
  short_name: Generated<string>
  level: CenterLevel
  center_id: number
  required: Generated<boolean>
  entered_on: string | null
  phone: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
  // migration 0100: 复议机关, court, 复议前置, whether the center's window may refuse (不予受理) in its name
  review_body: ColumnType<string | null, string | null | undefined, string | null>
  court: ColumnType<string | null, string | null | undefined, string | null>
  review_first: Generated<boolean>
  window_may_refuse: Generated<boolean>
  head_stand_in_user_id: ColumnType<number | null, number | null | undefined, number | null> // migration 0102: the head's AB stand-in
  head_away: Generated<boolean>
}

export type WindowRecordStatus = 'open' | 'paused' | 'closed' | 'retired'

export interface WindowsTable {
  id: Generated<number>
  center_id: number
  number: string
  name: string
  status: Generated<WindowRecordStatus>
  stand_in_user_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface WindowDepartmentsTable { window_id: number; department_id: number }
export interface WindowItemsTable { window_id: number; item_id: number }
export interface ItemOfferingsTable { item_id: number; center_id: number }

export interface FilesTable {
  id: Generated<number>
  name: string
  mime: string
  size: number
  data: Buffer
  created_by: number | null
  created_at: Timestamp
  center_id: number // migration 0050: the uploader's center owns the file
  department_id: number | null
}

export interface ServiceItemsTable {
  id: Generated<number>
  code: string
  department_id: number
  status: Generated<RecordStatus>
  created_at: Timestamp
}

export interface Fees { charged: boolean; amount?: string; basis?: string }
export interface StepLimit { step: string; days: number }

export interface ItemVersionsTable {
  id: Generated<number>
  item_id: number
  version: number
  status: ItemVersionStatus
  name: string
  name_pinyin: string
  name_initials: string
  name_grams: ColumnType<string[], never, never> // generated: yz_grams(name), migration 0004
  basic_code: string
  item_type: string
  implementing_body: string
  legal_basis: string
  targets: string[]
  handling_kind: HandlingKind
  legal_days: number
  promised_days: number
  accept_level: CenterLevel
  decide_level: CenterLevel
  conditions: string
  procedure: string[]
  step_limits: Json<StepLimit[]>
  fees: Json<Fees>
  result: string
  visits: number
  consult_phone: string
  complaint_phone: string
  special_procedures: string[]
  theme: string
  category: string
  created_by: number | null
  created_at: Timestamp
  published_by: number | null
  published_at: NullableTimestamp
  superseded_at: NullableTimestamp
  // migration 0100
  days_unit: Generated<DaysUnit>
  extension_rule: Generated<ExtensionRule>
  extension_days: Generated<number>
  outcome_wording: Generated<string>
  publish_warnings: ColumnType<unknown, string | undefined, string>
  publish_reason: ColumnType<string | null, string | null | undefined, string | null>
  // migration 0150 (容缺受理): working days to hand in a deferred material (null: no 容缺), what a missed date allows
  deferral_days: ColumnType<number | null, number | null | undefined, number | null>
  deferral_lapse: Generated<'suspend' | 'deny' | 'terminate'>
  /** migration 0162: one person may complete consecutive steps (承办 → 审核 → 决定) in one dialog */
  consecutive_steps: Generated<boolean>
}

export interface ItemMaterialsTable {
  id: Generated<number>
  version_id: number
  position: number
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  note: Generated<string>
  sample_file_id: number | null
  deferral_allowed: Generated<boolean> // migration 0150: may be missing at acceptance (容缺)
}

export interface CalendarDaysTable {
  day: string
  workday: boolean
  name: Generated<string>
  source: CalendarSource
  updated_by: number | null
  updated_at: Timestamp
}

export interface CalendarYearsTable {
  year: number
  confirmed: boolean
  source: CalendarSource
  updated_by: number | null
  updated_at: Timestamp
}

export interface CatalogGenerationTable { id: number; generation: number }

export interface Database extends HallTables {
  catalog_generation: CatalogGenerationTable
  centers: CentersTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  audit_events: AuditEventsTable
  departments: DepartmentsTable
  windows: WindowsTable
  window_departments: WindowDepartmentsTable
  window_items: WindowItemsTable
  item_offerings: ItemOfferingsTable
  files: FilesTable
  service_items: ServiceItemsTable
  item_versions: ItemVersionsTable
  item_materials: ItemMaterialsTable
  calendar_days: CalendarDaysTable
  calendar_years: CalendarYearsTable
  login_throttles: LoginThrottlesTable
  password_history: PasswordHistoryTable
  security_settings: SecuritySettingsTable
  cases: CasesTable
  case_steps: CaseStepsTable
  case_events: CaseEventsTable
  case_materials: CaseMaterialsTable
  case_pauses: CasePausesTable
  case_extensions: CaseExtensionsTable
  case_documents: CaseDocumentsTable
  case_attachments: CaseAttachmentsTable
  document_counters: DocumentCountersTable
}

// ── cases (migration 0010) ──
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

// Public caches and rate limits (migration 0040); declaration merging adds them to Database.
export interface NetworkGenerationTable { id: number; generation: number }
export interface RateLimitHitsTable { key: string; window_start: Date; hits: number }
export interface Database {
  network_generation: NetworkGenerationTable
  rate_limit_hits: RateLimitHitsTable
}

// ── cases across the levels (migration 0020) ──
export interface LevelRulesTable {
  center_id: number
  forward_days: number
  handover_days: number
  updated_at: Timestamp
  updated_by: number | null
}

export interface HandoverMaterial { id: number | null; name: string }

export interface CaseHandoversTable {
  id: Generated<number>
  case_id: number
  at: Timestamp
  direction: 'up' | 'down'
  from_user_id: number | null
  from_center_id: number
  to_user_id: number | null
  to_center_id: number
  materials: ColumnType<HandoverMaterial[], string, string>
  note: Generated<string>
  due_date: string | null
  late: Generated<boolean>
}

export interface MessageTemplatesTable {
  key: string
  body: string
  enabled: Generated<boolean>
  updated_at: NullableTimestamp
  updated_by: number | null
}

export type MessageStatus = 'pending' | 'sent' | 'failed'

export interface MessagesTable {
  id: Generated<number>
  /** Null for a message to a staff member (the manager's digest, migration 0091). */
  case_id: number | null
  event_id: number | null
  user_id: ColumnType<number | null, number | null | undefined, number | null>
  template_key: string
  phone: string
  body: string
  status: Generated<MessageStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  created_at: Timestamp
  sent_at: NullableTimestamp
  last_error: string | null
  /** The variables of the provider's filed template (migration 0120; src/domain/message-kinds.ts). */
  params: ColumnType<Record<string, string | number>, string | undefined, string>
}

export interface MessageAttemptsTable {
  id: Generated<number>
  message_id: number
  at: Timestamp
  ok: boolean
  sender: string
  worker: string
  error: string | null
  /** The provider's id of the accepted message (Alibaba BizId, Tencent SerialNo). */
  receipt: ColumnType<string | null, string | null | undefined, string | null>
  throttled: Generated<boolean>
}

/** A message that finally failed: the case's village agent or intake window phones the applicant (migration 0120). */
export interface PhoneTasksTable {
  id: Generated<number>
  message_id: number
  case_id: number
  agent_id: number | null
  window_id: number | null
  center_id: number
  status: Generated<'open' | 'done'>
  created_at: Timestamp
  done_at: NullableTimestamp
  done_by: number | null
  note: Generated<string>
}

// Declaration merging adds these tables to Database without editing its list above.
export interface Database {
  level_rules: LevelRulesTable
  case_handovers: CaseHandoversTable
  message_templates: MessageTemplatesTable
  messages: MessagesTable
  message_attempts: MessageAttemptsTable
  phone_tasks: PhoneTasksTable
}

export interface CaseStepsTable {
  from_center_id: ColumnType<number | null, number | null | undefined, number | null>
}
// ── supervision (电子监察) and evaluation (好差评), migration 0070
export type FollowupStatus = 'open' | 'called_back' | 'fixed' | 'closed' | 'in_review' | 'set_aside'

export interface SupervisionSettingsTable {
  center_id: number
  yellow_days_left: number
  yellow_used_share: number
  callback_days: number
  fix_days: number
  updated_by: number | null
  updated_at: Timestamp
}

export interface SupervisionNoticesTable {
  id: Generated<number>
  case_id: number
  center_id: number
  center_path: string
  sent_by: number
  sent_at: Timestamp
  recipient_id: number
  message: string
  acknowledged_at: NullableTimestamp
  ack_note: Generated<string>
}

export interface RatingsTable {
  id: Generated<number>
  /** A rating names a case or (migration 0090) a served hall ticket. */
  case_id: number | null
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  source: 'progress' | 'pad' | 'ticket'
  score: number
  comment: Generated<string>
  center_id: number
  center_path: string
  department_id: number | null
  window_id: number | null
  staff_id: number | null
  item_id: number | null
  rated_at: Timestamp
  rated_on: string
  set_aside: Generated<boolean>
  /** Migration 0140: a consultation's rating; the indicators' scores by name; the 差评 options by code; the one 追评. */
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>
  indicators: ColumnType<Record<string, number>, string | undefined, string>
  options: ColumnType<string[], string[] | undefined, string[]>
  addendum: ColumnType<string | null, string | null | undefined, string | null>
  addendum_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface RatingFollowupsTable {
  id: Generated<number>
  rating_id: number
  case_id: number | null
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>
  center_id: number
  center_path: string
  status: FollowupStatus
  callback_due: string
  fix_due: string
  called_back_at: NullableTimestamp
  fixed_at: NullableTimestamp
  closed_at: NullableTimestamp
  created_at: Timestamp
  updated_at: Timestamp
}

export interface RatingFollowupEventsTable {
  id: Generated<number>
  followup_id: number
  at: Timestamp
  actor_id: number | null
  action: string
  from_status: FollowupStatus | null
  to_status: FollowupStatus
  note: Generated<string>
}

// Declaration merging keeps these tables out of the middle of the shared Database interface above.
export interface Database {
  supervision_settings: SupervisionSettingsTable
  supervision_notices: SupervisionNoticesTable
  ratings: RatingsTable
  rating_followups: RatingFollowupsTable
  rating_followup_events: RatingFollowupEventsTable
  demo_history: DemoHistoryTable
  digest_sends: DigestSendsTable
}

export interface DigestSendsTable { user_id: number; day: string; message_id: number | null; created_at: Timestamp }
export interface DemoHistoryTable { id: number; from_date: string; to_date: string; through: string; status: 'running' | 'done'; updated_at: Timestamp }
// ── the hall (migration 0030)
export type HallCategoryStatus = 'open' | 'paused' | 'retired'
export type TicketAction = 'issued' | 'called' | 'recalled' | 'started' | 'finished' | 'transferred' | 'no_show' | 'linked' | 'prioritized'
export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show'

export interface HallSettingsTable {
  center_id: number
  opens: Generated<string>
  /** migration 0161: the lunch break (both null: none) */
  lunch_starts: ColumnType<string | null, string | null | undefined, string | null>
  lunch_ends: ColumnType<string | null, string | null | undefined, string | null>
  closes: Generated<string>
  closed: Generated<boolean>
  notice: Generated<string>
  max_calls: Generated<number>
  slot_minutes: Generated<number>
  event_seq: Generated<number>
  updated_at: Generated<Date>
}

export interface HallCategoriesTable {
  id: Generated<number>
  center_id: number
  prefix: string
  name: string
  status: Generated<HallCategoryStatus>
  slot_capacity: Generated<number>
  position: Generated<number>
  created_at: Generated<Date>
}

export interface HallCategoryItemsTable { category_id: number; item_id: number }
export interface HallWindowCategoriesTable { window_id: number; category_id: number }
export interface TicketCountersTable { category_id: number; day: string; last: number }

export interface HallAppointmentsTable {
  id: Generated<number>
  center_id: number
  category_id: number
  day: string
  slot_start: string
  slot_end: string
  phone: string
  name: Generated<string>
  booking_code: string
  status: Generated<AppointmentStatus>
  late: Generated<boolean>
  created_at: Timestamp
  cancelled_at: NullableTimestamp
  checked_in_at: NullableTimestamp
}

export interface TicketsTable {
  id: Generated<number>
  center_id: number
  category_id: number
  item_id: number | null
  appointment_id: number | null
  day: string
  seq: number
  number: string
  token: string
  status: Generated<TicketStatus>
  priority: Generated<number>
  queued_at: Timestamp
  issued_at: Timestamp
  target_window_id: number | null
  window_id: number | null
  staff_id: number | null
  calls: Generated<number>
  first_called_at: NullableTimestamp
  called_at: NullableTimestamp
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
  case_ref: string | null
}

export interface TicketEventsTable {
  id: Generated<number>
  ticket_id: number
  center_id: number
  at: Timestamp
  action: TicketAction
  window_id: number | null
  staff_id: number | null
  data: Json<unknown>
}

export interface HallDisplayEventsTable {
  center_id: number
  seq: number
  at: Timestamp
  kind: 'call' | 'notice'
  data: Json<unknown>
}

export interface HallPhoneCodesTable {
  id: Generated<number>
  phone: string
  code_hash: string
  day: string
  created_at: Timestamp
  expires_at: Timestamp
  attempts: Generated<number>
  used_at: NullableTimestamp
}

export interface HallTables {
  hall_settings: HallSettingsTable
  hall_categories: HallCategoriesTable
  hall_category_items: HallCategoryItemsTable
  hall_window_categories: HallWindowCategoriesTable
  ticket_counters: TicketCountersTable
  hall_appointments: HallAppointmentsTable
  tickets: TicketsTable
  ticket_events: TicketEventsTable
  hall_display_events: HallDisplayEventsTable
  hall_phone_codes: HallPhoneCodesTable
}
// Security pass (migration 0050).
export interface LoginThrottlesTable {
  scope: 'user_ip' | 'ip'
  key: string
  failures: number
  blocked_until: NullableTimestamp
  updated_at: Timestamp
}

export interface PasswordHistoryTable {
  id: Generated<number>
  user_id: number
  password_hash: string
  created_at: Timestamp
}

export interface SecuritySettingsTable {
  id: number
  max_token_days: number
  updated_by: number | null
  updated_at: Timestamp
}

// Migration 0060: 俗称 per version, and the local-item mark (declaration merging keeps the tables above untouched).
export interface ItemVersionsTable {
  keywords: ColumnType<string[], string[] | undefined, string[]>
}
export interface ServiceItemsTable {
  local_code: Generated<boolean>
}
// ── statistics aggregates (migration 0080): deltas appended by triggers, folded into one row per day and key
export interface StatMeasureColumns {
  received: number; accepted: number; refused: number; finished: number; on_time: number; early: number; late: number
  workdays: number; trips: number; one_trip: number; visits: number; rated: number; satisfied: number
}
export interface StatKeyColumns {
  day: string; center_id: number; department_id: number | null; window_id: number | null; person_id: number | null; item_id: number | null
}
export interface StatDeltasTable extends StatKeyColumns, StatMeasureColumns { id: Generated<number> }
export interface StatDailyTable extends StatKeyColumns, StatMeasureColumns {}
/** `day` is the first day of the month; one row per center and value of one dimension. */
export interface StatMonthlyTable extends StatMeasureColumns { day: string; center_id: number; dim: 'department' | 'window' | 'person' | 'item'; dim_id: number | null }
export interface Database {
  stat_deltas: StatDeltasTable
  stat_daily: StatDailyTable
  stat_monthly: StatMonthlyTable
}

// ── exchange with the province (migration 0170): the log of every reportable event, its attempts, watermarks
export type ExchangeStage = 'accept' | 'correction_notice' | 'correction_accept' | 'process' | 'special' | 'result' | 'material' | 'rating'
export type ExchangeStatus = 'pending' | 'sent' | 'acked' | 'refused'
export interface DepartmentsTable { credit_code: ColumnType<string | null, string | null | undefined, string | null> }
export interface CasesTable { province_number: ColumnType<string | null, string | null | undefined, string | null> }
export interface ExchangeRecordsTable {
  id: Generated<number>
  row_guid: Generated<string>
  /** Null: a rating of a hall ticket or a consultation (migration 0171), keyed by rating_id. */
  case_id: number | null
  center_id: number
  stage: ExchangeStage
  seq: number
  /** D (0171): a withdrawal, e.g. a rating set aside after review. */
  operation: 'I' | 'U' | 'D'
  version: number
  event_id: number | null
  rating_id: number | null
  occurred_at: Timestamp
  created_at: Timestamp
  payload: ColumnType<Record<string, unknown>, string, string>
  status: Generated<ExchangeStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  sent_at: NullableTimestamp
  acked_at: NullableTimestamp
  last_error: string | null
  refused_reason: string | null
}
export interface ExchangeAttemptsTable {
  id: Generated<number>
  record_id: number
  at: Timestamp
  adapter: string
  worker: string
  outcome: 'ok' | 'exists' | 'throttled' | 'refused' | 'failed'
  request: string
  reply: string
}
export interface ExchangeWatermarksTable { source: string; watermark: Timestamp; updated_at: Timestamp }
/** Migration 0171: the province's numbering rule (province_no_rule) and its counters per prefix. */
export interface ExchangeSettingsTable { key: string; value: string; updated_at: Generated<Date> }
export interface ExchangeNumberCountersTable { prefix: string; last: number }
export interface Database {
  exchange_settings: ExchangeSettingsTable
  exchange_number_counters: ExchangeNumberCountersTable
  exchange_records: ExchangeRecordsTable
  exchange_attempts: ExchangeAttemptsTable
  exchange_watermarks: ExchangeWatermarksTable
}

/** 好差评 to the national form (migration 0140). */
export interface RatingOptionsTable { code: string; text: string; position: number; active: Generated<boolean> }

/** 咨询: a window records a consultation; its slip's number and query code rate it like a case. */
export interface ConsultationsTable {
  id: Generated<number>
  number: string
  query_code: string
  center_id: number
  center_path: string
  window_id: number | null
  staff_id: number
  item_id: number | null
  topic: Generated<string>
  created_at: Timestamp
  day: string
}

/** Every finished service and when it finished (a view): what may be rated and the 主动评价率's denominator. */
export interface RatingServicesView {
  kind: 'case' | 'ticket' | 'consultation'
  service_id: number
  number: string
  center_id: number
  center_path: string
  item_id: number | null
  finished_at: Date
}

// Migration 0141 (merged into the interfaces above): a consultation's phone for its invitation; a message of a ticket or a consultation.
export interface ConsultationsTable { phone: Generated<string> }
export interface MessagesTable {
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>
}
/** One per service (migration 0141: a ticket's or a consultation's too). */
export interface RatingInvitationsTable {
  case_id: number | null; ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>; message_id: number | null; created_at: Timestamp
}

export interface Database {
  rating_options: RatingOptionsTable
  consultations: ConsultationsTable
  rating_services: RatingServicesView
  rating_invitations: RatingInvitationsTable
}

// ---- issue 23: 容缺受理 (migration 0150)
export interface CommitmentRemindersTable { step_id: number; case_id: number; message_id: number | null; created_at: Timestamp }
export interface Database {
  commitment_reminders: CommitmentRemindersTable
  bundles: BundlesTable
  bundle_items: BundleItemsTable
  bundle_cases: BundleCasesTable
}

// ---- issue 23: 一件事一次办 (migration 0151); cases.bundle_case_id links a part to its bundle case
export interface BundleField { key: string; label: string; required: boolean }
export interface BundlesTable {
  id: Generated<number>; center_id: number; name: string; description: Generated<string>; fields: Json<BundleField[]>
  status: Generated<'active' | 'retired'>; created_by: number | null; created_at: Timestamp
}
export interface BundleItemsTable { bundle_id: number; item_id: number; position: number }
export interface BundleCasesTable {
  id: Generated<number>; bundle_id: number; number: string; query_code: string; request_id: string; request_hash: string
  created_by: number; center_id: number; origin_path: string; applicant_name: string; form: Json<Record<string, string>>; created_at: Timestamp
}
