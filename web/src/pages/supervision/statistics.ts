// The statistics API's types and formatting, shared by the page and the workbench card.
export const GROUP_BYS = ['center', 'department', 'window', 'person', 'item', 'month'] as const
export type GroupBy = (typeof GROUP_BYS)[number]

export interface Measures {
  received: number; accepted: number; refused: number; finished: number; onTime: number; early: number; late: number
  onTimeRate: number | null; avgWorkdays: number | null; tripsPerCase: number | null; oneTripRate: number | null
  visits: number; rated: number; satisfaction: number | null
}
export interface StatRow extends Measures { key: number | string | null; name: string }
export interface Statistics {
  from: string; to: string; groupBy: GroupBy; centerId: number; rows: StatRow[]; totals: Measures
  coverage: { villageRooms: number; villageRoomsUsed: number; rate: number | null }
  entry: { requiredUnits: number; enteredUnits: number; rate: number | null }
}

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`)
export const num = (r: number | null) => (r === null ? '—' : String(r))
