// SQL for the display board's event stream: one numbered sequence per center (hall_settings.event_seq, locked until
// commit, so numbers commit in order), replay after a Last-Event-ID, and the notification other processes hear.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export const HALL_CHANNEL = 'yizhan_hall'

export interface DisplayEvent { seq: number; kind: 'call' | 'notice'; at: string; data: Record<string, unknown> }

/** What goes over LISTEN/NOTIFY: the center, and the display events it committed (if any). */
export interface HallNotice { c: number; e?: DisplayEvent[] }

/**
 * The next event of a center's stream, and its NOTIFY (sent at commit, so other processes hear it in commit order),
 * in one statement: the center's sequence row stays locked from here to the commit, so keep this last.
 */
export async function appendDisplayEvent(trx: Db, centerId: number, kind: DisplayEvent['kind'], at: Date, data: Record<string, unknown>): Promise<DisplayEvent> {
  const json = JSON.stringify(data)
  const { rows } = await sql<{ seq: number }>`
    with s as (
      insert into hall_settings (center_id, event_seq) values (${centerId}, 1)
      on conflict (center_id) do update set event_seq = hall_settings.event_seq + 1
      returning event_seq as seq
    ), e as (
      insert into hall_display_events (center_id, seq, at, kind, data)
      select ${centerId}, seq, ${at}, ${kind}, ${json}::jsonb from s
      returning seq
    )
    select seq, pg_notify(${HALL_CHANNEL}, jsonb_build_object('c', ${centerId}::int, 'e', jsonb_build_array(jsonb_build_object(
      'seq', seq, 'kind', ${kind}::text, 'at', ${at.toISOString()}::text, 'data', ${json}::jsonb)))::text)::text as sent
    from e`.execute(trx)
  return { seq: Number(rows[0].seq), kind, at: at.toISOString(), data }
}

export async function eventsAfter(db: Db, centerId: number, afterSeq: number, limit = 200): Promise<DisplayEvent[]> {
  const rows = await db.selectFrom('hall_display_events').select(['seq', 'kind', 'at', 'data'])
    .where('center_id', '=', centerId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, at: r.at.toISOString(), data: r.data as Record<string, unknown> }))
}

export async function recentCalls(db: Db, centerId: number, limit: number): Promise<DisplayEvent[]> {
  const rows = await db.selectFrom('hall_display_events').select(['seq', 'kind', 'at', 'data'])
    .where('center_id', '=', centerId).where('kind', '=', 'call').orderBy('seq', 'desc').limit(limit).execute()
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, at: r.at.toISOString(), data: r.data as Record<string, unknown> }))
}

export async function latestSeq(db: Db, centerId: number): Promise<number> {
  const r = await db.selectFrom('hall_settings').select('event_seq').where('center_id', '=', centerId).executeTakeFirst()
  return Number(r?.event_seq ?? 0)
}
