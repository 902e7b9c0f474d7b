// Table types of materials: electronic materials of a case (migration 0130).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'
import type { MaterialMime } from '../../domain/material-files.js'

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

export interface MaterialsTables {
  case_files: CaseFilesTable
}
