// The invitation to rate (评价邀请): a case that finished (the rating_services view: closed, refused, delivered, 即办)
// 3 days ago and has no rating gets one message, once (rating_invitations), through the outbox like any other; so do a
// served hall ticket whose appointment left a phone (not linked to a case: the case is invited) and a consultation the
// window noted a phone for (rating_invite_visit, rated by DT-<ticket id> + token or the slip's number + query code).
// A background round on the poller pattern; rounds of several processes are kept apart by an advisory lock.
import { sql } from 'kysely'
import type { AppContext } from '../../kernel/context.js'
import { startPoller } from '../../kernel/poller.js'
import { TICKET_RATING_PREFIX } from '../../domain/rating-form.js'

/** Days after finishing before the invitation, and the last day it is still sent (a service long past is left alone). */
export const INVITE_AFTER_DAYS = 3
export const INVITE_UNTIL_DAYS = 10
const LOCK_KEY = 220140 // pg advisory lock of the invitation round
const BATCH = 500

/** Queues the due invitations; how many messages were queued. A disabled template still marks the case invited. */
export async function queueRatingInvites(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now()
  const after = new Date(now.getTime() - INVITE_AFTER_DAYS * 86_400_000)
  const until = new Date(now.getTime() - INVITE_UNTIL_DAYS * 86_400_000)
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`.execute(trx)
    if (!locked.rows[0].ok) return 0
    const r = await sql<{ messages: number }>`
      with cand as (
        select k.id as case_id, k.number, k.query_code, k.item_name, k.applicant_phone
        from rating_services s join cases k on k.id = s.service_id
        where s.kind = 'case' and s.finished_at <= ${after} and s.finished_at > ${until} and k.applicant_phone <> ''
          and not exists (select 1 from ratings r where r.case_id = k.id)
          and not exists (select 1 from rating_invitations i where i.case_id = k.id)
        order by k.id limit ${BATCH}),
      tpl as (select body from message_templates where key = 'rating_invite' and enabled),
      msg as (
        insert into messages (case_id, event_id, template_key, phone, body, params, next_attempt_at, created_at)
        select c.case_id, null, 'rating_invite', c.applicant_phone,
          replace(replace(replace(tpl.body, '{number}', c.number), '{code}', c.query_code), '{item}', c.item_name),
          jsonb_build_object('number', c.number, 'code', c.query_code, 'item', c.item_name), ${now}, ${now}
        from cand c cross join tpl
        returning id, case_id),
      inv as (
        insert into rating_invitations (case_id, message_id, created_at)
        select c.case_id, msg.id, ${now} from cand c left join msg on msg.case_id = c.case_id
        returning message_id)
      select (count(message_id))::int as messages from inv`.execute(trx)
    const queued = (r.rows[0]?.messages ?? 0) + await queueVisitInvites(trx, now, after, until)
    if (queued) await sql`select pg_notify('yizhan_outbox', '')`.execute(trx)
    return queued
  })
}

/** The served tickets and consultations with a phone, unrated and uninvited: one rating_invite_visit each. */
async function queueVisitInvites(trx: AppContext['db'], now: Date, after: Date, until: Date): Promise<number> {
  const r = await sql<{ messages: number }>`
    with cand as (
      (select s.kind, s.service_id, ${TICKET_RATING_PREFIX}::text || t.id::text as number, t.token as code, a.phone, c.name as center
        from rating_services s join tickets t on t.id = s.service_id join hall_appointments a on a.id = t.appointment_id join centers c on c.id = t.center_id
        where s.kind = 'ticket' and s.finished_at <= ${after} and s.finished_at > ${until} and t.case_ref is null and a.phone <> ''
          and not exists (select 1 from ratings r where r.ticket_id = t.id)
          and not exists (select 1 from rating_invitations i where i.ticket_id = t.id)
        order by t.id limit ${BATCH})
      union all
      (select s.kind, s.service_id, q.number, q.query_code, q.phone, c.name
        from rating_services s join consultations q on q.id = s.service_id join centers c on c.id = q.center_id
        where s.kind = 'consultation' and s.finished_at <= ${after} and s.finished_at > ${until} and q.phone <> ''
          and not exists (select 1 from ratings r where r.consultation_id = q.id)
          and not exists (select 1 from rating_invitations i where i.consultation_id = q.id)
        order by q.id limit ${BATCH})),
    tpl as (select body from message_templates where key = 'rating_invite_visit' and enabled),
    msg as (
      insert into messages (case_id, ticket_id, consultation_id, event_id, template_key, phone, body, params, next_attempt_at, created_at)
      select null, case when c.kind = 'ticket' then c.service_id end, case when c.kind = 'consultation' then c.service_id end, null,
        'rating_invite_visit', c.phone, replace(replace(replace(tpl.body, '{number}', c.number), '{code}', c.code), '{center}', c.center),
        jsonb_build_object('number', c.number, 'code', c.code, 'center', c.center), ${now}, ${now}
      from cand c cross join tpl
      returning id, ticket_id, consultation_id),
    inv as (
      insert into rating_invitations (ticket_id, consultation_id, message_id, created_at)
      select case when c.kind = 'ticket' then c.service_id end, case when c.kind = 'consultation' then c.service_id end, msg.id, ${now}
      from cand c left join msg on (c.kind = 'ticket' and msg.ticket_id = c.service_id) or (c.kind = 'consultation' and msg.consultation_id = c.service_id)
      returning message_id)
    select (count(message_id))::int as messages from inv`.execute(trx)
  return r.rows[0]?.messages ?? 0
}

/** Runs queueRatingInvites now and every `everyMs` (10 minutes by default); stop() waits for the round in progress. */
export function startRatingInviter(ctx: Pick<AppContext, 'db' | 'clock'>, log: { warn(o: object, m: string): void }, everyMs = 600_000) {
  const poller = startPoller(async () => { await queueRatingInvites(ctx) }, { pollMs: everyMs, onError: (e) => log.warn({ err: (e as Error).message }, 'rating invitation round failed') })
  return { stop: poller.stop }
}
