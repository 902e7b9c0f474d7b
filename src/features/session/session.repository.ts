// SQL for accounts, sessions, API tokens and login throttling.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

const actorColumns = [
  'users.id as userId', 'users.username', 'users.name', 'users.roles', 'users.center_id as centerId',
  'users.window_id as windowId', 'centers.path as centerPath', 'centers.level as centerLevel', 'centers.name as centerName',
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

export function findLoginFailure(db: Db, key: string) {
  return db.selectFrom('login_failures').selectAll().where('username', '=', key).executeTakeFirst()
}

/** Count one failure; lock when the count reaches `limit`. Returns the row after the update. */
export function recordLoginFailure(db: Db, key: string, limit: number, lockMinutes: number) {
  return db.insertInto('login_failures').values({ username: key, failures: 1, locked_until: null })
    .onConflict((oc) => oc.column('username').doUpdateSet({
      failures: sql`case when login_failures.locked_until is not null and login_failures.locked_until < now() then 1 else login_failures.failures + 1 end`,
      locked_until: sql`case when (case when login_failures.locked_until is not null and login_failures.locked_until < now() then 1 else login_failures.failures + 1 end) >= ${limit} then now() + make_interval(mins => ${lockMinutes}) else null end`,
      updated_at: sql`now()`,
    }))
    .returningAll().executeTakeFirstOrThrow()
}

export function clearLoginFailures(db: Db, key: string) {
  return db.deleteFrom('login_failures').where('username', '=', key).execute()
}

export function insertToken(db: Db, row: { tokenHash: string; userId: number; name: string; expiresAt: Date | null }) {
  return db.insertInto('api_tokens').values({
    token_hash: row.tokenHash, user_id: row.userId, name: row.name, expires_at: row.expiresAt, revoked_at: null, last_used_at: null,
  }).returning(['id', 'name', 'created_at as createdAt', 'expires_at as expiresAt']).executeTakeFirstOrThrow()
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
