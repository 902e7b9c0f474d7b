// Table types of hall.
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp, Json } from '../../db/columns.js'
import type { TicketStatus } from '../../domain/ticket-rules.js'

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
