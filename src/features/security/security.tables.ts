// Table types of security: the security settings (migration 0050).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Timestamp } from '../../db/columns.js'

export interface SecuritySettingsTable {
  id: number
  max_token_days: number
  updated_by: number | null
  updated_at: Timestamp
}

export interface SecurityTables {
  security_settings: SecuritySettingsTable
}
