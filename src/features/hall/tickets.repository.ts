// SQL for tickets: the daily counter, the ticket row and its timeline (ticket_events), the queue, and the figures
// behind the wait estimate.
import { sql } from 'kysely'
import { runPrepared, type Db } from '../../db/database.js'
import type { TicketAction } from '../../db/schema.js'
import type { TicketStatus } from '../../domain/ticket-rules.js'

/**
 * The next number of a category on a day. The counter row stays locked until the transaction ends, so numbers are
 * unique, and a rolled-back transaction gives its number back: no gaps.
 */
export async function nextSeq(trx: Db, categoryId: number, day: string): Promise<number> {
  const row = await trx.insertInto('ticket_counters').values({ category_id: categoryId, day, last: 1 })
    .onConflict((oc) => oc.columns(['category_id', 'day']).doUpdateSet({ last: sql`ticket_counters.last + 1` }))
    .returning('last').executeTakeFirstOrThrow()
  return row.last
}

/**
 * Walk-in tickets of one category in one statement (one transaction by itself): the day's counter moves by
 * `tokens.length` and the tickets are written with their 'issued' events; the counter row is locked only while the
 * statement runs, and a statement that fails gives its numbers back (no gaps). Numbers as ticketNumber() makes them:
 * the prefix and the sequence padded to three digits.
 */
export async function issueWalkIns(db: Db, t: { centerId: number; categoryId: number; prefix: string; itemId: number | null; day: string; at: Date; priority: number }, tokens: string[]) {
  return runPrepared(db, sql<{ id: number; seq: number; number: string; token: string }>`
    with c as (
      insert into ticket_counters (category_id, day, last) values (${t.categoryId}, ${t.day}::date, ${tokens.length}::int)
      on conflict (category_id, day) do update set last = ticket_counters.last + excluded.last
      returning last),
    n as (
      select c.last - ${tokens.length}::int + g.i as seq, (${tokens}::text[])[g.i] as token from c, generate_series(1, ${tokens.length}::int) g(i)),
    t as (
      insert into tickets (center_id, category_id, item_id, appointment_id, day, seq, number, token, priority, queued_at, issued_at)
      select ${t.centerId}::int, ${t.categoryId}::int, ${t.itemId}::int, null, ${t.day}::date, n.seq,
        ${t.prefix}::text || case when n.seq < 1000 then lpad(n.seq::text, 3, '0') else n.seq::text end, n.token, ${t.priority}::smallint, ${t.at}::timestamptz, ${t.at}::timestamptz
      from n order by n.seq
      returning id, seq, number, token),
    e as (
      insert into ticket_events (ticket_id, center_id, at, action, window_id, staff_id, data)
      select t.id, ${t.centerId}::int, ${t.at}::timestamptz, 'issued', null, null, jsonb_build_object('number', t.number, 'priority', ${t.priority}::int) from t)
    select id, seq, number, token from t order by seq`.compile(db))
}

export interface NewTicket {
  centerId: number; categoryId: number; itemId: number | null; appointmentId: number | null; day: string; seq: number
  number: string; token: string; priority: number; at: Date
}

/** One ticket (an appointment's check-in) and its 'issued' event; its id. */
export async function insertTicket(trx: Db, t: NewTicket): Promise<number> {
  const { id } = await trx.insertInto('tickets').values({
    center_id: t.centerId, category_id: t.categoryId, item_id: t.itemId, appointment_id: t.appointmentId, day: t.day, seq: t.seq,
    number: t.number, token: t.token, priority: t.priority, queued_at: t.at, issued_at: t.at,
  }).returning('id').executeTakeFirstOrThrow()
  await appendTicketEvent(trx, { ticketId: id, centerId: t.centerId, at: t.at, action: 'issued', data: { number: t.number, priority: t.priority } })
  return id
}

export interface TicketEvent { ticketId: number; centerId: number; at: Date; action: TicketAction; windowId?: number | null; staffId?: number | null; data?: object }

const eventRow = (e: TicketEvent) => ({
  ticket_id: e.ticketId, center_id: e.centerId, at: e.at, action: e.action, window_id: e.windowId ?? null,
  staff_id: e.staffId ?? null, data: JSON.stringify(e.data ?? {}),
})

export function appendTicketEvent(trx: Db, e: TicketEvent) {
  return trx.insertInto('ticket_events').values(eventRow(e)).execute()
}

/** A locked ticket's changes and the timeline event that records them, in one statement. */
export function transition(trx: Db, changes: TicketChanges, e: TicketEvent) {
  return trx.with('changed', (db) => db.updateTable('tickets').set(changes).where('id', '=', e.ticketId).returning('id'))
    .insertInto('ticket_events').values(eventRow(e)).execute()
}

const ticketColumns = [
  't.id', 't.center_id as centerId', 't.category_id as categoryId', 't.item_id as itemId', 't.appointment_id as appointmentId',
  't.day', 't.number', 't.token', 't.status', 't.priority', 't.queued_at as queuedAt', 't.issued_at as issuedAt',
  't.target_window_id as targetWindowId', 't.window_id as windowId', 't.staff_id as staffId', 't.calls',
  't.first_called_at as firstCalledAt', 't.called_at as calledAt', 't.started_at as startedAt', 't.finished_at as finishedAt',
  't.case_ref as caseRef',
] as const

export function findTicket(db: Db, id: number) {
  return db.selectFrom('tickets as t').select([...ticketColumns]).where('t.id', '=', id).executeTakeFirst()
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>

export function lockTicket(trx: Db, id: number) {
  return trx.selectFrom('tickets as t').select([...ticketColumns]).where('t.id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * A window locked for a call (the center's windows call one at a time each), with what the call needs to know in the
 * same read: the ticket it holds now (called or being served today: one left open on an earlier day holds nothing) and
 * the categories it calls (none: all of them).
 */
export function lockCallingWindow(trx: Db, windowId: number, day: string) {
  return trx.selectFrom('windows as w')
    .select(['w.id', 'w.center_id', 'w.number', 'w.name', 'w.status',
      (eb) => eb.selectFrom('tickets as t')
        .select(sql<{ id: number; number: string; status: TicketStatus }>`jsonb_build_object('id', t.id, 'number', t.number, 'status', t.status)`.as('held'))
        .whereRef('t.window_id', '=', 'w.id').where('t.day', '=', day).where('t.status', 'in', ['called', 'serving'])
          .orderBy('t.called_at', 'desc').limit(1).as('current'),
      sql<number[]>`array(select wc.category_id from hall_window_categories wc where wc.window_id = w.id)`.as('categoryIds'),
    ])
    .where('w.id', '=', windowId).forUpdate('w').executeTakeFirst()
}

/** The ticket a window holds now (called or being served). */
export function currentOfWindow(db: Db, windowId: number) {
  return db.selectFrom('tickets as t').select([...ticketColumns]).where('t.window_id', '=', windowId)
    .where('t.status', 'in', ['called', 'serving']).orderBy('t.called_at', 'desc').executeTakeFirst()
}

/**
 * The first waiting ticket a window may call, locked; tickets locked by another window's call are skipped.
 * Candidates: tickets transferred to this very window and the untargeted ones of its categories (all categories when
 * it has none set). Order: appointments, then arrival (domain/ticket-rules compareQueue); a transfer keeps queued_at.
 */
export function lockNextFor(trx: Db, w: { centerId: number; windowId: number; day: string; categoryIds: number[] }) {
  return trx.selectFrom('tickets as t').select([...ticketColumns])
    .where('t.center_id', '=', w.centerId).where('t.day', '=', w.day).where('t.status', '=', 'waiting')
    .where((eb) => eb.or([
      eb('t.target_window_id', '=', w.windowId),
      w.categoryIds.length
        ? eb.and([eb('t.target_window_id', 'is', null), eb('t.category_id', 'in', w.categoryIds)])
        : eb('t.target_window_id', 'is', null),
    ]))
    .orderBy('t.priority').orderBy('t.queued_at').orderBy('t.id')
    .limit(1).forUpdate().skipLocked().executeTakeFirst()
}

export type TicketChanges = Partial<{
  status: TicketStatus; window_id: number | null; target_window_id: number | null; category_id: number; staff_id: number | null
  calls: number; first_called_at: Date; called_at: Date; started_at: Date; finished_at: Date; case_ref: string; priority: number
}>

export function updateTicket(trx: Db, id: number, changes: TicketChanges) {
  return trx.updateTable('tickets').set(changes).where('id', '=', id).execute()
}

/** People waiting before a ticket in its category (or for its target window). */
export async function countAhead(db: Db, t: { id: number; centerId: number; categoryId: number; day: string; priority: number; queuedAt: Date }): Promise<number> {
  const r = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', t.centerId).where('day', '=', t.day).where('category_id', '=', t.categoryId)
    .where('status', '=', 'waiting').where('id', '<>', t.id)
    .where(sql<boolean>`(priority, queued_at, id) < (${t.priority}, ${t.queuedAt}, ${t.id})`)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Service seconds of the last tickets finished in a category (at most 20, the last 7 days), and the windows calling it. */
export async function estimateInputs(db: Db, centerId: number, categoryId: number, since: Date) {
  const [recent, windows] = await Promise.all([
    db.selectFrom('tickets').select(sql<number>`extract(epoch from finished_at - started_at)`.as('s'))
      .where('category_id', '=', categoryId).where('status', '=', 'done').where('finished_at', '>=', since)
      .orderBy('finished_at', 'desc').limit(20).execute(),
    db.selectFrom('windows as w').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('w.center_id', '=', centerId).where('w.status', '=', 'open')
      .where((eb) => eb.or([
        eb.exists(eb.selectFrom('hall_window_categories as wc').select('wc.window_id').whereRef('wc.window_id', '=', 'w.id').where('wc.category_id', '=', categoryId)),
        eb.not(eb.exists(eb.selectFrom('hall_window_categories as wc').select('wc.window_id').whereRef('wc.window_id', '=', 'w.id'))),
      ])).executeTakeFirstOrThrow(),
  ])
  return { serviceSeconds: recent.map((r) => Number(r.s)), windows: Number(windows.n) }
}

/** Waiting tickets per category of a center today. */
export function waitingCounts(db: Db, centerId: number, day: string) {
  return db.selectFrom('hall_categories as k')
    // t.center_id too, so the join reads this center's waiting queue (tickets_queue), not every center's tickets of the day.
    .leftJoin('tickets as t', (j) => j.onRef('t.category_id', '=', 'k.id').on('t.center_id', '=', centerId).on('t.day', '=', day).on('t.status', '=', 'waiting'))
    .select(['k.id as categoryId', 'k.prefix', 'k.name', 'k.status', (eb) => eb.fn.count<number>('t.id').as('waiting')])
    .where('k.center_id', '=', centerId).where('k.status', '<>', 'retired')
    .groupBy(['k.id', 'k.prefix', 'k.name', 'k.status', 'k.position']).orderBy('k.position').orderBy('k.prefix').execute()
}

export function ticketTimeline(db: Db, ticketId: number) {
  return db.selectFrom('ticket_events as e').leftJoin('windows as w', 'w.id', 'e.window_id').leftJoin('users as u', 'u.id', 'e.staff_id')
    .select(['e.at', 'e.action', 'e.window_id as windowId', 'w.number as windowNumber', 'u.name as staffName', 'e.data'])
    .where('e.ticket_id', '=', ticketId).orderBy('e.id').execute()
}
