// Table types of calendar: the working-day calendar (migration 0005).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp } from '../../db/columns.js'
import type { CalendarSource } from '../../domain/calendar.js'

export interface CalendarDaysTable {
  day: string
  workday: boolean
  name: Generated<string>
  source: CalendarSource
  updated_by: number | null
  updated_at: Timestamp
}

export interface CalendarYearsTable {
  year: number
  confirmed: boolean
  source: CalendarSource
  updated_by: number | null
  updated_at: Timestamp
}

export interface CalendarTables {
  calendar_days: CalendarDaysTable
  calendar_years: CalendarYearsTable
}
