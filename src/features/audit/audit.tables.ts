// Table types of audit: the append-only audit log (migration 0001).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp, Json } from '../../db/columns.js'

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

export interface AuditTables {
  audit_events: AuditEventsTable
}
