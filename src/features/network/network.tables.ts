// Table types of network: centers, staff, departments and windows (migrations 0001–0002; 0040 the public cache
// generation).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp } from '../../db/columns.js'
import type { CenterLevel, RecordStatus, Role } from '../../domain/vocabulary.js'

export interface CentersTable {
  id: Generated<number>
  code: string
  name: string
  level: CenterLevel
  parent_id: number | null
  path: string
  address: Generated<string>
  phone: Generated<string>
  note: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
  review_body: ColumnType<string | null, string | null | undefined, string | null> // migration 0100: default 复议机关
  court: ColumnType<string | null, string | null | undefined, string | null>
  /** 行政区划代码 (migration 0140); a center without one files ratings under its nearest ancestor's. */
  area_code: ColumnType<string | null, string | null | undefined, string | null>
  founded_on: ColumnType<string | null, string | null | undefined, string | null> // migration 0145
}

export interface UsersTable {
  department_id: ColumnType<number | null, number | null | undefined, number | null>
  id: Generated<number>
  username: string
  name: string
  password_hash: string
  roles: Role[]
  center_id: number
  window_id: number | null
  phone: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DepartmentsTable {
  id: Generated<number>
  code: string
  name: string
  short_name: Generated<string>
  level: CenterLevel
  center_id: number
  required: Generated<boolean>
  entered_on: string | null
  phone: Generated<string>
  status: Generated<RecordStatus>
  created_at: Timestamp
  updated_at: Timestamp
  // migration 0100: 复议机关, court, 复议前置, whether the center's window may refuse (不予受理) in its name
  review_body: ColumnType<string | null, string | null | undefined, string | null>
  court: ColumnType<string | null, string | null | undefined, string | null>
  review_first: Generated<boolean>
  window_may_refuse: Generated<boolean>
  head_stand_in_user_id: ColumnType<number | null, number | null | undefined, number | null> // migration 0102: the head's AB stand-in
  head_away: Generated<boolean>
  // migration 0170 (exchange): the 统一社会信用代码
  credit_code: ColumnType<string | null, string | null | undefined, string | null>
}

export type WindowRecordStatus = 'open' | 'paused' | 'closed' | 'retired'

export interface WindowsTable {
  id: Generated<number>
  center_id: number
  number: string
  name: string
  status: Generated<WindowRecordStatus>
  stand_in_user_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface WindowDepartmentsTable { window_id: number; department_id: number }
export interface WindowItemsTable { window_id: number; item_id: number }
export interface NetworkGenerationTable { id: number; generation: number }

export interface NetworkTables {
  centers: CentersTable
  users: UsersTable
  departments: DepartmentsTable
  windows: WindowsTable
  window_departments: WindowDepartmentsTable
  window_items: WindowItemsTable
  network_generation: NetworkGenerationTable
}
