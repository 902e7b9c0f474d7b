// Table types of statistics.
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'

// ── statistics aggregates (migration 0080): deltas appended by triggers, folded into one row per day and key
export interface StatMeasureColumns {
  received: number; accepted: number; refused: number; finished: number; on_time: number; early: number; late: number
  workdays: number; trips: number; one_trip: number; visits: number; rated: number; satisfied: number
}

export interface StatKeyColumns {
  day: string; center_id: number; department_id: number | null; window_id: number | null; person_id: number | null; item_id: number | null
}

export interface StatDeltasTable extends StatKeyColumns, StatMeasureColumns { id: Generated<number> }
export interface StatDailyTable extends StatKeyColumns, StatMeasureColumns {}
/** `day` is the first day of the month; one row per center and value of one dimension. */
export interface StatMonthlyTable extends StatMeasureColumns { day: string; center_id: number; dim: 'department' | 'window' | 'person' | 'item'; dim_id: number | null }

export interface StatisticsTables {
  stat_deltas: StatDeltasTable
  stat_daily: StatDailyTable
  stat_monthly: StatMonthlyTable
}
