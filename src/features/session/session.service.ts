// Login (throttled per (username, address) and per address), logout, and resolving the actor of a request.
import crypto from 'node:crypto'
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import type { AuthCache, CachedAuth } from '../../kernel/auth-cache.js'
import { blockSeconds, FAILURE_MEMORY_HOURS, throttleRules, type ThrottleSettings } from '../../domain/login-throttle.js'
import { burnVerify, verifyPassword } from './passwords.js'
import * as repo from './session.repository.js'

export interface AuthSettings extends ThrottleSettings { sessionTtlHours: number }

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url')

type ActorRow = NonNullable<Awaited<ReturnType<typeof repo.findActorBySession>>>
function toActor(r: Omit<ActorRow, 'csrfToken' | 'expiresAt'>): Actor & { centerName: string } {
  return {
    userId: r.userId, username: r.username, name: r.name, roles: r.roles, centerId: r.centerId,
    centerPath: r.centerPath, centerLevel: r.centerLevel, centerName: r.centerName, windowId: r.windowId, departmentId: r.departmentId,
  }
}

export async function login(db: Db, s: AuthSettings, input: { username: string; password: string; ip: string; userAgent: string }) {
  const username = input.username.trim().toLowerCase()
  const ids = throttleIds(username, input.ip)
  const state = await repo.throttleState(db, ids, FAILURE_MEMORY_HOURS)
  if (state.blockedSeconds > 0) throw errors.lockedOut(state.blockedSeconds)

  const user = await repo.findUserForLogin(db, username)
  // An address that has failed recently waits for its hashes behind everyone else, and is looked at again when its turn comes.
  const recheck = async () => {
    const now = await repo.throttleState(db, ids, FAILURE_MEMORY_HOURS)
    if (now.blockedSeconds > 0) throw errors.lockedOut(now.blockedSeconds)
  }
  const turn = { key: input.ip, low: state.addressFailures > 0, beforeHash: state.addressFailures > 0 ? recheck : undefined }
  const ok = user && user.status === 'active' ? await verifyPassword(user.passwordHash, input.password, turn) : (await burnVerify(input.password, turn), false)
  if (!ok || !user) {
    const lockedFor = await recordFailedLogin(db, s, { username, ip: input.ip, user: user && { id: user.userId, centerId: user.centerId } })
    if (lockedFor > 0) throw errors.lockedOut(lockedFor)
    throw errors.badCredentials()
  }

  const sessionId = randomToken()
  const csrfToken = randomToken(24)
  const expiresAt = new Date(Date.now() + s.sessionTtlHours * 3600_000)
  await db.transaction().execute(async (trx) => {
    await repo.clearThrottle(trx, 'user_ip', ids[0].key)
    await repo.insertSession(trx, { idHash: sha256(sessionId), userId: user.userId, csrfToken, expiresAt, ip: input.ip, userAgent: input.userAgent })
    await appendAudit(trx, { actorId: user.userId, centerId: user.centerId, action: 'login', entity: 'user', entityId: user.userId, data: { ip: input.ip } })
  })
  return { sessionId, csrfToken, expiresAt, actor: toActor(user) }
}

/** The identities a login attempt is throttled by: (username, address) first, then the address alone. */
function throttleIds(username: string, ip: string) {
  return [{ scope: 'user_ip' as const, key: `${username}@${ip}` }, { scope: 'ip' as const, key: ip }]
}

/**
 * One failed login (also a wrong current password on a password change): counted against (username, address) and
 * the address, audited as login.failed, and as login.locked when a block starts. Returns the block in seconds (0: none).
 */
export async function recordFailedLogin(db: Db, s: ThrottleSettings, a: { username: string; ip: string; user?: { id: number; centerId: number } | null }) {
  const rules = throttleRules(s)
  const [pair, addr] = throttleIds(a.username, a.ip)
  return db.transaction().execute(async (trx) => {
    const pairFailures = await repo.countFailure(trx, pair.scope, pair.key, FAILURE_MEMORY_HOURS)
    const addrFailures = await repo.countFailure(trx, addr.scope, addr.key, FAILURE_MEMORY_HOURS)
    const entity = a.user ? { entity: 'user', entityId: a.user.id } : { entity: 'login', entityId: a.username }
    const where = { actorId: null, centerId: a.user?.centerId ?? null, ...entity }
    await appendAudit(trx, { ...where, action: 'login.failed', data: { username: a.username, ip: a.ip, failures: pairFailures, addressFailures: addrFailures } })
    let longest = 0
    for (const [id, failures, rule] of [[pair, pairFailures, rules.userIp], [addr, addrFailures, rules.ip]] as const) {
      const seconds = blockSeconds(failures, rule)
      if (seconds === 0) continue
      await repo.blockFor(trx, id.scope, id.key, seconds)
      await appendAudit(trx, { ...where, action: 'login.locked', data: { username: a.username, ip: a.ip, scope: id.scope, failures, seconds } })
      longest = Math.max(longest, seconds)
    }
    return longest
  })
}

/** Seconds the (username, address) pair or the address is still blocked. */
export async function loginBlockedSeconds(db: Db, username: string, ip: string) {
  return (await repo.throttleState(db, throttleIds(username.trim().toLowerCase(), ip), FAILURE_MEMORY_HOURS)).blockedSeconds
}

export async function logout(db: Db, cache: AuthCache, sessionId: string): Promise<void> {
  const idHash = sha256(sessionId)
  await db.transaction().execute(async (trx) => {
    const row = await repo.deleteSession(trx, idHash)
    if (row) await appendAudit(trx, { actorId: row.user_id, centerId: null, action: 'logout', entity: 'user', entityId: row.user_id })
  })
  await cache.dropKey('s:' + idHash)
}

/** The actor behind a session cookie, from the cache or the database. */
export async function actorForSession(db: Db, cache: AuthCache, sessionId: string): Promise<CachedAuth | undefined> {
  const key = 's:' + sha256(sessionId)
  const hit = cache.get(key)
  if (hit) return hit
  const row = await repo.findActorBySession(db, key.slice(2))
  if (!row) return undefined
  const value = { actor: toActor(row), csrfToken: row.csrfToken, expiresAt: new Date(row.expiresAt).getTime() }
  cache.set(key, value)
  return value
}

export async function actorForToken(db: Db, cache: AuthCache, token: string): Promise<CachedAuth | undefined> {
  const key = 't:' + sha256(token)
  const hit = cache.get(key)
  if (hit) return hit
  const row = await repo.findActorByToken(db, key.slice(2))
  if (!row) return undefined
  const value = { actor: toActor(row), csrfToken: null, expiresAt: row.expiresAt ? new Date(row.expiresAt).getTime() : Number.MAX_SAFE_INTEGER }
  cache.set(key, value)
  return value
}
