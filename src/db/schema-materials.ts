// Tables of issue 20 (electronic materials, offline receipts, standing proxies), merged into `Database` by
// declaration merging so schema.ts stays as it is.
import type { ColumnType, Generated } from 'kysely'
import type { MaterialMime } from '../domain/material-files.js'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type { MaterialMime }

/** Migration 0130: a photo or scan of a case's material. */
export interface CaseFilesTable {
  id: Generated<number>
  case_id: number
  case_material_id: number | null
  name: string
  mime: MaterialMime
  size: number
  original_size: number
  sha256: string
  width: number | null
  height: number | null
  data: Buffer
  thumb: Buffer | null
  center_id: number
  uploaded_by: number
  uploaded_at: Timestamp
  seen_on_paper_at: NullableTimestamp
  seen_on_paper_by: number | null
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

/** Migration 0132: a standing proxy (委托登记). */
export interface StandingProxiesTable {
  id: Generated<number>
  center_id: number
  principal_name: string
  principal_id_number: string
  principal_phone: string
  proxy_name: string
  proxy_id_number: string | null
  proxy_user_id: number | null
  scope: 'all' | 'items'
  item_ids: ColumnType<number[], number[] | undefined, number[]>
  valid_until: string
  document: Buffer
  document_mime: MaterialMime
  document_sha256: string
  created_by: number
  created_at: Timestamp
  revoked_at: NullableTimestamp
  revoked_by: number | null
  revoke_reason: string | null
}

declare module './schema.js' {
  interface Database {
    case_files: CaseFilesTable
    offline_receipts: OfflineReceiptsTable
    standing_proxies: StandingProxiesTable
    offline_intake_tasks: OfflineIntakeTasksTable
  }
}
