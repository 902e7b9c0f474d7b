// SQL of the security settings (one row) and of the login audit (failed logins and blocks) a manager reviews.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

export async function getSecuritySettings(db: Db) {
  const row = await db.selectFrom('security_settings').select(['max_token_days as maxTokenDays', 'updated_at as updatedAt']).where('id', '=', 1).executeTakeFirst()
  return row ?? { maxTokenDays: 365, updatedAt: null }
}

export function updateSecuritySettings(trx: Db, s: { maxTokenDays: number; updatedBy: number }) {
  return trx.updateTable('security_settings').set({ max_token_days: s.maxTokenDays, updated_by: s.updatedBy, updated_at: sql`now()` }).where('id', '=', 1).execute()
}

/** Live tokens that outlive `days` from their creation end at creation + days; returns their hashes. */
export async function capTokenLifetimes(trx: Db, days: number): Promise<string[]> {
  const rows = await trx.updateTable('api_tokens').set({ expires_at: sql`created_at + make_interval(days => ${days})` })
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`created_at + make_interval(days => ${days})`)]))
    .returning('token_hash').execute()
  return rows.map((r) => r.token_hash)
}

export const LOGIN_ACTIONS = ['login.failed', 'login.locked'] as const

/**
 * Failed logins and blocks, newest first, keyset-paginated by id. `scopePath` limits them to accounts of centers in
 * the jurisdiction; attempts on unknown usernames (no center) are shown only when `includeUnknown`.
 */
export function listLoginEvents(db: Db, f: { scopePath: string; includeUnknown: boolean; before?: number; limit: number; username?: string }) {
  let q = db.selectFrom('audit_events as e').leftJoin('centers as c', 'c.id', 'e.center_id')
    .select(['e.id', 'e.at', 'e.action', 'e.entity', 'e.entity_id as entityId', 'e.data', 'c.name as centerName'])
    .where('e.action', 'in', [...LOGIN_ACTIONS])
    .where((eb) => eb.or([
      eb('c.path', 'like', `${f.scopePath}%`),
      ...(f.includeUnknown ? [eb('e.center_id', 'is', null)] : []),
    ]))
  if (f.before) q = q.where('e.id', '<', f.before)
  if (f.username) q = q.where(sql<string>`e.data->>'username'`, '=', f.username.trim().toLowerCase())
  return q.orderBy('e.id', 'desc').limit(f.limit).execute()
}
