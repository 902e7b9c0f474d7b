// Table types of catalog: versioned service items, their materials, offerings and sample files
// (migrations 0002–0006, 0060).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp, Json } from '../../db/columns.js'
import type { DaysUnit, ExtensionRule } from '../../domain/deadlines.js'
import type { CenterLevel, HandlingKind, ItemVersionStatus, MaterialForm, RecordStatus } from '../../domain/vocabulary.js'

export interface FilesTable {
  id: Generated<number>
  name: string
  mime: string
  size: number
  data: Buffer
  created_by: number | null
  created_at: Timestamp
  center_id: number // migration 0050: the uploader's center owns the file
  department_id: number | null
}

export interface ServiceItemsTable {
  id: Generated<number>
  code: string
  department_id: number
  status: Generated<RecordStatus>
  created_at: Timestamp
  // migration 0060: the local-item mark
  local_code: Generated<boolean>
}

export interface Fees { charged: boolean; amount?: string; basis?: string }
export interface StepLimit { step: string; days: number }

export interface ItemVersionsTable {
  id: Generated<number>
  item_id: number
  version: number
  status: ItemVersionStatus
  name: string
  name_pinyin: string
  name_initials: string
  name_grams: ColumnType<string[], never, never> // generated: yz_grams(name), migration 0004
  basic_code: string
  item_type: string
  implementing_body: string
  legal_basis: string
  targets: string[]
  handling_kind: HandlingKind
  legal_days: number
  promised_days: number
  accept_level: CenterLevel
  decide_level: CenterLevel
  conditions: string
  procedure: string[]
  step_limits: Json<StepLimit[]>
  fees: Json<Fees>
  result: string
  visits: number
  consult_phone: string
  complaint_phone: string
  special_procedures: string[]
  theme: string
  category: string
  created_by: number | null
  created_at: Timestamp
  published_by: number | null
  published_at: NullableTimestamp
  superseded_at: NullableTimestamp
  // migration 0100
  days_unit: Generated<DaysUnit>
  extension_rule: Generated<ExtensionRule>
  extension_days: Generated<number>
  outcome_wording: Generated<string>
  publish_warnings: ColumnType<unknown, string | undefined, string>
  publish_reason: ColumnType<string | null, string | null | undefined, string | null>
  // migration 0150 (容缺受理): working days to hand in a deferred material (null: no 容缺), what a missed date allows
  deferral_days: ColumnType<number | null, number | null | undefined, number | null>
  deferral_lapse: Generated<'suspend' | 'deny' | 'terminate'>
  /** migration 0162: one person may complete consecutive steps (承办 → 审核 → 决定) in one dialog */
  consecutive_steps: Generated<boolean>
  // migration 0060: 俗称
  keywords: ColumnType<string[], string[] | undefined, string[]>
}

export interface ItemMaterialsTable {
  id: Generated<number>
  version_id: number
  position: number
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  note: Generated<string>
  sample_file_id: number | null
  deferral_allowed: Generated<boolean> // migration 0150: may be missing at acceptance (容缺)
}

export interface ItemOfferingsTable { item_id: number; center_id: number }
export interface CatalogGenerationTable { id: number; generation: number }

export interface CatalogTables {
  catalog_generation: CatalogGenerationTable
  item_offerings: ItemOfferingsTable
  files: FilesTable
  service_items: ServiceItemsTable
  item_versions: ItemVersionsTable
  item_materials: ItemMaterialsTable
}
