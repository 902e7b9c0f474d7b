// Table types of exchange.
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

// ── exchange with the province (migration 0170): the log of every reportable event, its attempts, watermarks
export type ExchangeStage = 'accept' | 'correction_notice' | 'correction_accept' | 'process' | 'special' | 'result' | 'material' | 'rating'
export type ExchangeStatus = 'pending' | 'sent' | 'acked' | 'refused'

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

export interface ExchangeTables {
  exchange_settings: ExchangeSettingsTable
  exchange_number_counters: ExchangeNumberCountersTable
  exchange_records: ExchangeRecordsTable
  exchange_attempts: ExchangeAttemptsTable
  exchange_watermarks: ExchangeWatermarksTable
}
