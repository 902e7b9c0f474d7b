// SQL for the display board's event stream: one numbered sequence per center (hall_settings.event_seq, locked until
// commit, so numbers commit in order), replay after a Last-Event-ID, and the notification other processes hear.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export const HALL_CHANNEL = 'yizhan_hall'

export interface DisplayEvent { seq: number; kind: 'call' | 'notice'; at: string; data: Record<string, unknown> }

/** What goes over LISTEN/NOTIFY: the center, and the display events it committed (if any). */
export interface HallNotice { c: number; e?: DisplayEvent[] }

export async function appendDisplayEvent(trx: Db, centerId: number, kind: DisplayEvent['kind'], at: Date, data: Record<string, unknown>): Promise<DisplayEvent> {
  const { seq } = await trx.insertInto('hall_settings').values({ center_id: centerId, event_seq: 1 })
    .onConflict((oc) => oc.column('center_id').doUpdateSet({ event_seq: sql`hall_settings.event_seq + 1` }))
    .returning('event_seq as seq').executeTakeFirstOrThrow()
  await trx.insertInto('hall_display_events').values({ center_id: centerId, seq, at, kind, data: JSON.stringify(data) }).execute()
  return { seq: Number(seq), kind, at: at.toISOString(), data }
}

/** Sent at commit (NOTIFY inside the transaction): every process's displays of the center hear it. */
export async function notifyHall(trx: Db, notice: HallNotice): Promise<void> {
  await sql`select pg_notify(${HALL_CHANNEL}, ${JSON.stringify(notice)})`.execute(trx)
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
