// Hall statistics: tickets (visits), wait (issued → first called) and service (started → finished) in seconds,
// no-shows, grouped by day, center, window or person, over the centers under a jurisdiction path.
import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/database.js'

export type StatsGroup = 'day' | 'center' | 'window' | 'staff'

const KEYS: Record<StatsGroup, { key: RawBuilder<unknown>; label: RawBuilder<unknown>; join: RawBuilder<unknown> }> = {
  day: { key: sql`t.day::text`, label: sql`t.day::text`, join: sql`` },
  center: { key: sql`t.center_id::text`, label: sql`c.name`, join: sql`` },
  window: { key: sql`t.window_id::text`, label: sql`coalesce(c.name || ' ' || w.number || '号窗口', '未叫号')`, join: sql`left join windows w on w.id = t.window_id` },
  staff: { key: sql`t.staff_id::text`, label: sql`coalesce(u.name, '未叫号')`, join: sql`left join users u on u.id = t.staff_id` },
}

export interface StatsRow {
  key: string | null; label: string; tickets: number; served: number; noShows: number
  avgWaitSeconds: number | null; p90WaitSeconds: number | null; avgServiceSeconds: number | null
  /** the priority lane (tickets.priority = 1) counted apart, with its own average wait */
  priorityTickets: number; avgWaitPrioritySeconds: number | null
}

export async function hallStats(db: Db, f: { scopePath: string; centerId?: number; from: string; to: string; by: StatsGroup }): Promise<StatsRow[]> {
  const k = KEYS[f.by]
  const wait = sql`extract(epoch from t.first_called_at - t.issued_at)`
  const service = sql`extract(epoch from t.finished_at - t.started_at)`
  const { rows } = await sql<StatsRow>`
    select ${k.key} as key, ${k.label} as label,
      count(*)::int as tickets,
      count(*) filter (where t.status = 'done')::int as served,
      count(*) filter (where t.status = 'no_show')::int as "noShows",
      round(avg(${wait}))::int as "avgWaitSeconds",
      round(percentile_cont(0.9) within group (order by ${wait}))::int as "p90WaitSeconds",
      round(avg(${service}))::int as "avgServiceSeconds",
      count(*) filter (where t.priority = 1)::int as "priorityTickets",
      round(avg(${wait}) filter (where t.priority = 1))::int as "avgWaitPrioritySeconds"
    from tickets t
    join centers c on c.id = t.center_id
    ${k.join}
    where c.path like ${f.scopePath + '%'} and t.day between ${f.from} and ${f.to}
      ${f.centerId !== undefined ? sql`and t.center_id = ${f.centerId}` : sql``}
    group by 1, 2
    order by 1`.execute(db)
  return rows
}
