// The invitation to rate (评价邀请): a case that finished (the rating_services view: closed, refused, delivered, 即办)
// 3 days ago and has no rating gets one message, once (rating_invitations), through the outbox like any other.
// A background round on the poller pattern; rounds of several processes are kept apart by an advisory lock.
import { sql } from 'kysely'
import type { AppContext } from '../../server/app.js'
import { startPoller } from '../../server/poller.js'

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
    const queued = r.rows[0]?.messages ?? 0
    if (queued) await sql`select pg_notify('yizhan_outbox', '')`.execute(trx)
    return queued
  })
}

/** Runs queueRatingInvites now and every `everyMs` (10 minutes by default); stop() waits for the round in progress. */
export function startRatingInviter(ctx: Pick<AppContext, 'db' | 'clock'>, log: { warn(o: object, m: string): void }, everyMs = 600_000) {
  const poller = startPoller(async () => { await queueRatingInvites(ctx) }, { pollMs: everyMs, onError: (e) => log.warn({ err: (e as Error).message }, 'rating invitation round failed') })
  return { stop: poller.stop }
}
