// The manager's daily digest through the message outbox: once per working day, to each active manager with a phone,
// the digest of the workbench rendered from the 'digest' template (an administrator edits it like the others).
// The message and its digest_sends row commit in one transaction: a restart, a second process or a second round the
// same day finds the row and sends nothing twice.
import { sql } from 'kysely'
import { isWorkday } from '../../domain/calendar.js'
import { chinaDate } from '../../domain/clock.js'
import { chinaTime } from '../../domain/hall-time.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { Role } from '../../domain/vocabulary.js'
import type { AppContext } from '../../kernel/context.js'
import { startPoller } from '../../kernel/poller.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { digest } from '../supervision/notices.service.js'

/** What the digest template may name. */
export const DIGEST_PLACEHOLDERS = ['date', 'center', 'yellow', 'red', 'notices', 'late', 'open'] as const
/** The digest goes out from this time of the working day (China time), when the day's lights are known. */
export const DIGEST_FROM = '08:30'

export function renderDigest(template: string, v: Record<(typeof DIGEST_PLACEHOLDERS)[number], string | number>): string {
  return template.replace(/\{([a-z]+)\}/g, (m, k: string) => (k in v ? String(v[k as keyof typeof v]) : m))
}

class AlreadySent extends Error {}

/** Queues today's digest for every manager who has not had it; how many were queued. Nothing on a rest day or before DIGEST_FROM. */
export async function queueDigests(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'bus'>): Promise<number> {
  const now = ctx.clock.now()
  const day = chinaDate(now)
  const [h, m] = DIGEST_FROM.split(':').map(Number)
  if (chinaTime(now).minutes < h * 60 + m) return 0
  if (!isWorkday(await calendarCache(ctx as AppContext).get(), day)) return 0
  const managers = await ctx.db.selectFrom('users as u').innerJoin('centers as c', 'c.id', 'u.center_id')
    .select(['u.id', 'u.username', 'u.name', 'u.roles', 'u.phone', 'u.window_id as windowId', 'c.id as centerId', 'c.path', 'c.level', 'c.name as centerName'])
    .where('u.status', '=', 'active').where(sql<boolean>`'manager' = any(u.roles)`).where('u.phone', '<>', '')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('digest_sends as d').select('d.user_id').whereRef('d.user_id', '=', 'u.id').where('d.day', '=', day))))
    .orderBy('u.id').execute()
  let queued = 0
  for (const u of managers) {
    const actor: Actor = { userId: u.id, username: u.username, name: u.name, roles: u.roles as Role[], centerId: u.centerId, centerPath: u.path, centerLevel: u.level, windowId: u.windowId }
    const d = await digest(ctx as AppContext, actor)
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const t = await trx.selectFrom('message_templates').select('body').where('key', '=', 'digest').where('enabled', '=', true).executeTakeFirst()
        const values = { date: day, center: u.centerName, yellow: d.yellow, red: d.red, notices: d.unacknowledgedNotices, late: d.lateFollowups, open: d.openFollowups }
        const body = t ? renderDigest(t.body, values) : null
        const msg = body === null ? undefined : await trx.insertInto('messages').values({
          case_id: null, event_id: null, user_id: u.id, template_key: 'digest', phone: u.phone, body, params: JSON.stringify(values), next_attempt_at: now, created_at: now,
        }).returning('id').executeTakeFirstOrThrow()
        // a disabled template still marks the day done: the manager reads the digest on the workbench
        const row = await trx.insertInto('digest_sends').values({ user_id: u.id, day, message_id: msg?.id ?? null, created_at: now })
          .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing()).returning('user_id').executeTakeFirst()
        if (!row) throw new AlreadySent()
        if (msg) await sql`select pg_notify('yizhan_outbox', '')`.execute(trx)
      })
      queued += 1
    } catch (e) {
      if (!(e instanceof AlreadySent)) throw e
    }
  }
  return queued
}

/** Runs queueDigests now and every `everyMs` (10 minutes by default); stop() waits for the round in progress. */
export function startDigestScheduler(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'bus'>, log: { warn(o: object, m: string): void }, everyMs = 600_000) {
  const poller = startPoller(async () => { await queueDigests(ctx) }, { pollMs: everyMs, onError: (e) => log.warn({ err: (e as Error).message }, 'digest round failed') })
  return { stop: poller.stop }
}
