// The statistics API's types and formatting, shared by the page and the workbench card.
import { MAX_LABELS, topWithOthers } from '../../../../src/domain/charts'
import type { ApiResponse, Row } from '../../lib/apiTypes'
export const GROUP_BYS = ['center', 'department', 'window', 'person', 'item', 'month'] as const
export type GroupBy = (typeof GROUP_BYS)[number]

export type Statistics = ApiResponse<'/api/statistics', 'get'>
export type StatRow = Row<Statistics['rows']>
export type Measures = Statistics['totals']
export type Level = 'district' | 'town' | 'village'

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
export const num = (r: number | null) => (r === null ? '—' : String(r))

const ADDED = ['received', 'accepted', 'refused', 'finished', 'onTime', 'early', 'late', 'visits', 'rated', 'satisfied'] as const

/** The rows a chart shows: centers of one level; months as they are; otherwise the top ones by 接件 and “其他”. */
export function chartRows(rows: StatRow[], groupBy: GroupBy, level: Level, others: string): StatRow[] {
  if (groupBy === 'month') return rows
  const pick = groupBy === 'center' ? rows.filter((r) => r.level === level) : rows
  return topWithOthers(pick, MAX_LABELS, (r) => r.received, (rest) => {
    const sum = { key: 'others', name: others, onTimeRate: null, avgWorkdays: null, tripsPerCase: null, oneTripRate: null, satisfaction: null } as StatRow
    for (const k of ADDED) (sum as unknown as Record<string, number>)[k] = rest.reduce((n, r) => n + r[k], 0)
    const finished = sum.finished
    sum.onTimeRate = finished ? sum.onTime / finished : null
    return sum
  })
}
