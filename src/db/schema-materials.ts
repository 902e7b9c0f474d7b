// Tables of issue 20 (electronic materials, offline receipts, standing proxies), merged into `Database` by
// declaration merging so schema.ts stays as it is.
import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type MaterialMime = 'image/jpeg' | 'image/png' | 'application/pdf'

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

declare module './schema.js' {
  interface Database {
    case_files: CaseFilesTable
  }
}
