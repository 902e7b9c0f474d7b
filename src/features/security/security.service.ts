// Security settings (the administrator's maximum token lifetime) and the login audit a manager reviews.
import type { Db } from '../../db/database.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import type { AuthCache } from '../../kernel/auth-cache.js'
import * as repo from './security.repository.js'

export function getSettings(db: Db) {
  return repo.getSecuritySettings(db)
}

/** A new maximum token lifetime; live tokens that would outlive it now end at creation + the new maximum. */
export async function updateSettings(db: Db, cache: AuthCache, actor: Actor, input: { maxTokenDays: number }) {
  const shortened = await db.transaction().execute(async (trx) => {
    const before = await repo.getSecuritySettings(trx)
    await repo.updateSecuritySettings(trx, { maxTokenDays: input.maxTokenDays, updatedBy: actor.userId })
    const hashes = await repo.capTokenLifetimes(trx, input.maxTokenDays)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'security.settings', entity: 'security_settings', entityId: 1,
      data: { maxTokenDays: { from: before.maxTokenDays, to: input.maxTokenDays }, tokensShortened: hashes.length },
    })
    return hashes
  })
  for (const h of shortened) await cache.dropKey('t:' + h)
  return { ...(await repo.getSecuritySettings(db)), tokensShortened: shortened.length }
}

/** Failed logins and blocks of accounts in the actor's jurisdiction; an administrator also sees unknown usernames. */
export async function loginEvents(db: Db, actor: Actor, q: { before?: number; limit?: number; username?: string }) {
  const limit = q.limit ?? 50
  const rows = await repo.listLoginEvents(db, {
    scopePath: actor.centerPath, includeUnknown: actor.roles.includes('admin'), before: q.before, limit, username: q.username,
  })
  const events = rows.map((r) => {
    const d = (r.data ?? {}) as { username?: string; ip?: string; scope?: string; seconds?: number; failures?: number }
    return {
      id: Number(r.id), at: r.at, action: r.action as (typeof repo.LOGIN_ACTIONS)[number], username: d.username ?? '', ip: d.ip ?? '',
      knownUser: r.entity === 'user', centerName: r.centerName, failures: d.failures ?? null, scope: d.scope ?? null, seconds: d.seconds ?? null,
    }
  })
  return { events, nextBefore: rows.length === limit ? events[events.length - 1].id : null }
}
