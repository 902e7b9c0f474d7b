// Table types of reports: the demo history's progress row the operations report reads (migration 0071; written by
// src/demo/history).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Timestamp } from '../../db/columns.js'

export interface DemoHistoryTable { id: number; from_date: string; to_date: string; through: string; status: 'running' | 'done'; updated_at: Timestamp }

export interface ReportsTables {
  demo_history: DemoHistoryTable
}
