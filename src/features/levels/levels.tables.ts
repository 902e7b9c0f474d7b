// Table types of levels (cases across the levels): forward and hand-over rules, the custody chain, offline intakes
// (migrations 0020, 0131, 0133).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

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

/** Migration 0131: an intake recorded offline on an agent's phone. */
export interface OfflineReceiptsTable {
  case_id: number
  device_id: string
  offline_number: string
  device_received_at: Timestamp
  device_now: Timestamp
  offset_ms: ColumnType<string, number, number>
  corrected: boolean
  synced_at: Timestamp
}

/** Migration 0133: an offline intake the server could not record, kept as a task for the agent and the town. */
export interface OfflineIntakeTasksTable {
  id: Generated<number>
  agent_id: number
  center_id: number
  request_id: string
  offline_number: string
  device_received_at: Timestamp
  body: ColumnType<Record<string, unknown>, string, string>
  reason_code: string
  reason: string
  details: ColumnType<unknown, string | null, string | null>
  attempts: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  resolved_at: NullableTimestamp
  resolved_by: number | null
  resolution: 'resent' | 'dropped' | null
  case_id: number | null
  resolve_note: string | null
}

export interface LevelsTables {
  level_rules: LevelRulesTable
  case_handovers: CaseHandoversTable
  offline_receipts: OfflineReceiptsTable
  offline_intake_tasks: OfflineIntakeTasksTable
}
