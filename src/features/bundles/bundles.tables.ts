// Table types of bundles.
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp, Json } from '../../db/columns.js'

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

export interface BundlesTables {
  bundles: BundlesTable
  bundle_items: BundleItemsTable
  bundle_cases: BundleCasesTable
}
