// Table types of proxies: standing proxies, 委托登记 (migration 0132).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'
import type { MaterialMime } from '../../domain/material-files.js'

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

export interface ProxiesTables {
  standing_proxies: StandingProxiesTable
}
