// SQL for accounts, sessions, API tokens, login throttling, password history and the security settings.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

const actorColumns = [
  'users.id as userId', 'users.username', 'users.name', 'users.roles', 'users.center_id as centerId',
  'users.window_id as windowId', 'users.department_id as departmentId', 'centers.path as centerPath', 'centers.level as centerLevel', 'centers.name as centerName',
] as const

export function findUserForLogin(db: Db, username: string) {
  return db.selectFrom('users').innerJoin('centers', 'centers.id', 'users.center_id')
    .select([...actorColumns, 'users.password_hash as passwordHash', 'users.status'])
    .where(sql`lower(users.username)`, '=', username.toLowerCase())
    .executeTakeFirst()
}

export function findActorBySession(db: Db, idHash: string) {
  return db.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('centers', 'centers.id', 'users.center_id')
    .select([...actorColumns, 'sessions.csrf_token as csrfToken', 'sessions.expires_at as expiresAt'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.status', '=', 'active')
    .executeTakeFirst()
}

export function findActorByToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('centers', 'centers.id', 'users.center_id')
    .select([...actorColumns, 'api_tokens.id as tokenId', 'api_tokens.expires_at as expiresAt'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', sql<Date>`now()`)]))
    .where('users.status', '=', 'active')
    .executeTakeFirst()
}

export function insertSession(db: Db, row: { idHash: string; userId: number; csrfToken: string; expiresAt: Date; ip: string; userAgent: string }) {
  return db.insertInto('sessions').values({
    id_hash: row.idHash, user_id: row.userId, csrf_token: row.csrfToken, expires_at: row.expiresAt,
    ip: row.ip, user_agent: row.userAgent.slice(0, 300),
  }).execute()
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).returning('user_id').executeTakeFirst()
}

export function deleteExpiredSessions(db: Db) {
  return db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute()
}

/** A token ending `days` days from now, or at `notAfter` when that is sooner. */
export function insertToken(db: Db, row: { tokenHash: string; userId: number; name: string; days: number; notAfter: Date | null }) {
  const ends = sql<Date>`now() + make_interval(days => ${row.days})`
  return db.insertInto('api_tokens').values({
    token_hash: row.tokenHash, user_id: row.userId, name: row.name, revoked_at: null, last_used_at: null,
    expires_at: row.notAfter ? sql<Date>`least(${ends}, ${row.notAfter}::timestamptz)` : ends,
  }).returning(['id', 'name', 'created_at as createdAt', 'expires_at as expiresAt']).executeTakeFirstOrThrow()
}

/** End every live token of a user (password reset or change, role removal); returns how many. */
export async function revokeUserTokens(db: Db, userId: number): Promise<number> {
  const rows = await db.updateTable('api_tokens').set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').execute()
  return rows.length
}

export function listTokens(db: Db, userId: number) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'created_at as createdAt', 'expires_at as expiresAt', 'revoked_at as revokedAt'])
    .where('user_id', '=', userId).orderBy('id').execute()
}

export function revokeToken(db: Db, userId: number, id: number) {
  return db.updateTable('api_tokens').set({ revoked_at: sql`now()` })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .returning('token_hash').executeTakeFirst()
}

// ---- login throttling (src/domain/login-throttle.ts decides the delays)

/** The longest block now in force on any of the identities (seconds, 0 when none) and their recent failure counts. */
export async function throttleState(db: Db, ids: { scope: 'user_ip' | 'ip'; key: string }[], memoryHours: number) {
  const rows = await db.selectFrom('login_throttles')
    .select(['scope', 'failures', sql<number>`greatest(0, ceil(extract(epoch from blocked_until - now())))::int`.as('seconds')])
    .where((eb) => eb.or(ids.map((i) => eb.and([eb('scope', '=', i.scope), eb('key', '=', i.key)]))))
    .where('updated_at', '>', sql<Date>`now() - make_interval(hours => ${memoryHours})`)
    .execute()
  return {
    blockedSeconds: Math.max(0, ...rows.map((r) => Number(r.seconds ?? 0))),
    addressFailures: rows.find((r) => r.scope === 'ip')?.failures ?? 0,
  }
}

/** Count one failure of an identity (the count restarts after `memoryHours` without failures); returns the count. */
export async function countFailure(trx: Db, scope: 'user_ip' | 'ip', key: string, memoryHours: number): Promise<number> {
  const row = await trx.insertInto('login_throttles').values({ scope, key, failures: 1, blocked_until: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({
      failures: sql`case when login_throttles.updated_at < now() - make_interval(hours => ${memoryHours}) then 1 else login_throttles.failures + 1 end`,
      updated_at: sql`now()`,
    }))
    .returning('failures').executeTakeFirstOrThrow()
  return row.failures
}

export function blockFor(trx: Db, scope: 'user_ip' | 'ip', key: string, seconds: number) {
  return trx.updateTable('login_throttles').set({ blocked_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('scope', '=', scope).where('key', '=', key).execute()
}

export function clearThrottle(db: Db, scope: 'user_ip' | 'ip', key: string) {
  return db.deleteFrom('login_throttles').where('scope', '=', scope).where('key', '=', key).execute()
}

// ---- passwords

export function findPasswordOwner(db: Db, userId: number, lock = false) {
  const q = db.selectFrom('users').select(['id', 'username', 'password_hash as passwordHash', 'center_id as centerId']).where('id', '=', userId)
  return (lock ? q.forUpdate() : q).executeTakeFirst()
}

/** The hashes of the last `n` passwords before the current one, newest first. */
export async function previousHashes(db: Db, userId: number, n: number): Promise<string[]> {
  const rows = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId).orderBy('id', 'desc').limit(n).execute()
  return rows.map((r) => r.password_hash)
}

/** Store a new password hash, keeping the old one in the history. */
export async function replacePasswordHash(trx: Db, userId: number, oldHash: string, newHash: string) {
  await trx.insertInto('password_history').values({ user_id: userId, password_hash: oldHash }).execute()
  await trx.updateTable('users').set({ password_hash: newHash, updated_at: sql`now()` }).where('id', '=', userId).execute()
}

/** End the user's sessions, except `keepIdHash` (the one changing its own password). */
export function deleteUserSessions(db: Db, userId: number, keepIdHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepIdHash) q = q.where('id_hash', '<>', keepIdHash)
  return q.execute()
}
