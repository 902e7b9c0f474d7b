// The 容缺 reminder: from 09:00 on the day before a commitment's due date, the applicant gets one message (the
// 'commitment_reminder' template, which an administrator edits like the others). The message and its
// commitment_reminders row commit together, so a restart or a second process never sends it twice.
import { sql } from 'kysely'
import { fromDayNumber, dayNumber } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { chinaTime } from '../../domain/hall-time.js'
import type { AppContext } from '../../kernel/context.js'
import { startPoller } from '../../kernel/poller.js'

/** Reminders go out from this time (China time), never at night. */
export const REMINDER_FROM_MINUTES = 9 * 60

/** Queues the reminders due now; how many were queued. */
export async function queueCommitmentReminders(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now()
  if (chinaTime(now).minutes < REMINDER_FROM_MINUTES) return 0
  const today = chinaDate(now)
  const tomorrow = fromDayNumber(dayNumber(today)! + 1)
  const due = await ctx.db.selectFrom('case_steps as s').innerJoin('cases as k', 'k.id', 's.case_id')
    .select(['s.id as stepId', 's.case_id as caseId', 's.due_date as dueDate', 'k.number', 'k.query_code as code', 'k.item_name as item', 'k.applicant_phone as phone'])
    .where('s.kind', '=', 'commitment').where('s.done_at', 'is', null).where('s.due_date', '>=', today).where('s.due_date', '<=', tomorrow)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('commitment_reminders as r').select('r.step_id').whereRef('r.step_id', '=', 's.id'))))
    .orderBy('s.id').limit(500).execute()
  let queued = 0
  for (const r of due) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const mark = await trx.insertInto('commitment_reminders').values({ step_id: r.stepId, case_id: r.caseId, message_id: null, created_at: now })
        .onConflict((oc) => oc.column('step_id').doNothing()).returning('step_id').executeTakeFirst()
      if (!mark) return false
      const t = await trx.selectFrom('message_templates').select('body').where('key', '=', 'commitment_reminder').where('enabled', '=', true).executeTakeFirst()
      if (!t) return true // a disabled template still marks the reminder done
      const params = { number: r.number, code: r.code, item: r.item, due: r.dueDate! }
      const body = t.body.replace(/\{(number|code|item|due)\}/g, (_, k: keyof typeof params) => params[k])
      const msg = await trx.insertInto('messages').values({
        case_id: r.caseId, event_id: null, template_key: 'commitment_reminder', phone: r.phone, body, params: JSON.stringify(params), next_attempt_at: now, created_at: now,
      }).returning('id').executeTakeFirstOrThrow()
      await trx.updateTable('commitment_reminders').set({ message_id: msg.id }).where('step_id', '=', r.stepId).execute()
      await sql`select pg_notify('yizhan_outbox', '')`.execute(trx)
      return true
    })
    if (done) queued += 1
  }
  return queued
}

/** Runs the reminder round now and every `everyMs` (10 minutes by default). */
export function startCommitmentReminders(ctx: Pick<AppContext, 'db' | 'clock'>, log: { warn(o: object, m: string): void }, everyMs = 600_000) {
  const poller = startPoller(async () => { await queueCommitmentReminders(ctx) }, { pollMs: everyMs, onError: (e) => log.warn({ err: (e as Error).message }, 'commitment reminder round failed') })
  return { stop: poller.stop }
}
