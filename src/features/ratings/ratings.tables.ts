// Table types of ratings (好差评): ratings, follow-ups, the national form's options, consultations, invitations
// (migrations 0070, 0090, 0140, 0141).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

export type FollowupStatus = 'open' | 'called_back' | 'fixed' | 'closed' | 'in_review' | 'set_aside'

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

/** 好差评 to the national form (migration 0140). */
export interface RatingOptionsTable { code: string; text: string; position: number; active: Generated<boolean> }

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
  // migration 0141: the phone its rating invitation goes to
  phone: Generated<string>
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

/** One per service (migration 0141: a ticket's or a consultation's too). */
export interface RatingInvitationsTable {
  case_id: number | null; ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>; message_id: number | null; created_at: Timestamp
}

export interface RatingsTables {
  ratings: RatingsTable
  rating_followups: RatingFollowupsTable
  rating_followup_events: RatingFollowupEventsTable
  rating_options: RatingOptionsTable
  consultations: ConsultationsTable
  rating_services: RatingServicesView
  rating_invitations: RatingInvitationsTable
}
