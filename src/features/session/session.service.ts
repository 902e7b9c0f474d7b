// Login, logout, bearer tokens and resolving the actor of a request.
import crypto from 'node:crypto'
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import type { AuthCache, CachedAuth } from './auth-cache.js'
import { burnVerify, verifyPassword } from './passwords.js'
import * as repo from './session.repository.js'

export interface AuthSettings { sessionTtlHours: number; lockoutAttempts: number; lockoutMinutes: number }

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url')

type ActorRow = NonNullable<Awaited<ReturnType<typeof repo.findActorBySession>>>
function toActor(r: Omit<ActorRow, 'csrfToken' | 'expiresAt'>): Actor & { centerName: string } {
  return {
    userId: r.userId, username: r.username, name: r.name, roles: r.roles, centerId: r.centerId,
    centerPath: r.centerPath, centerLevel: r.centerLevel, centerName: r.centerName, windowId: r.windowId,
  }
}

export async function login(db: Db, s: AuthSettings, input: { username: string; password: string; ip: string; userAgent: string }) {
  const key = input.username.trim().toLowerCase()
  const failure = await repo.findLoginFailure(db, key)
  const lockedMs = failure?.locked_until ? new Date(failure.locked_until).getTime() - Date.now() : 0
  if (lockedMs > 0) throw errors.lockedOut(Math.ceil(lockedMs / 1000))

  const user = await repo.findUserForLogin(db, key)
  const ok = user && user.status === 'active' ? await verifyPassword(user.passwordHash, input.password) : (await burnVerify(input.password), false)
  if (!ok || !user) {
    const row = await repo.recordLoginFailure(db, key, s.lockoutAttempts, s.lockoutMinutes)
    if (row.locked_until) throw errors.lockedOut(s.lockoutMinutes * 60)
    throw errors.badCredentials()
  }

  const sessionId = randomToken()
  const csrfToken = randomToken(24)
  const expiresAt = new Date(Date.now() + s.sessionTtlHours * 3600_000)
  await db.transaction().execute(async (trx) => {
    await repo.clearLoginFailures(trx, key)
    await repo.insertSession(trx, { idHash: sha256(sessionId), userId: user.userId, csrfToken, expiresAt, ip: input.ip, userAgent: input.userAgent })
    await appendAudit(trx, { actorId: user.userId, centerId: user.centerId, action: 'login', entity: 'user', entityId: user.userId, data: { ip: input.ip } })
  })
  return { sessionId, csrfToken, expiresAt, actor: toActor(user) }
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

export async function createToken(db: Db, actor: Actor, input: { name: string; expiresInDays?: number }) {
  const token = 'yz_' + randomToken()
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.insertToken(trx, { tokenHash: sha256(token), userId: actor.userId, name: input.name, expiresAt })
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'token.create', entity: 'api_token', entityId: r.id, data: { name: input.name } })
    return r
  })
  return { ...row, token }
}

export function listTokens(db: Db, actor: Actor) {
  return repo.listTokens(db, actor.userId)
}

export async function revokeToken(db: Db, cache: AuthCache, actor: Actor, id: number): Promise<void> {
  const hash = await db.transaction().execute(async (trx) => {
    const r = await repo.revokeToken(trx, actor.userId, id)
    if (!r) throw errors.notFound('令牌', id)
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'token.revoke', entity: 'api_token', entityId: id })
    return r.token_hash
  })
  await cache.dropKey('t:' + hash)
}
