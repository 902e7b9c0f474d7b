// Table types of supervision: 电子监察: per-center thresholds and 督办 notices (migration 0070).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

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

export interface SupervisionTables {
  supervision_settings: SupervisionSettingsTable
  supervision_notices: SupervisionNoticesTable
}
