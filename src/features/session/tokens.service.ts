// Bearer tokens. Every token ends: at most the administrator's maximum lifetime after it is made, and never after
// the token that made it (a short-lived token cannot mint a longer one). A password reset or change and a role
// removal revoke all of a user's tokens (src/features/session/password.service.ts, staff.service.ts).
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { appendAudit } from '../audit/audit.repository.js'
import { getSecuritySettings } from '../security/security.repository.js'
import type { AuthCache } from '../../kernel/auth-cache.js'
import { randomToken, sha256 } from './session.service.js'
import * as repo from './session.repository.js'

/** `via.tokenExpiresAt`: set when the request itself is authenticated by a token (ms since epoch). */
export async function createToken(db: Db, actor: Actor, input: { name: string; expiresInDays?: number }, via: { tokenExpiresAt?: number }) {
  const { maxTokenDays } = await getSecuritySettings(db)
  if (input.expiresInDays !== undefined && input.expiresInDays > maxTokenDays) {
    throw errors.validation([{ field: 'body.expiresInDays', message: `有效期不能超过 ${maxTokenDays} 天（系统管理员设置的上限）` }])
  }
  const notAfter = via.tokenExpiresAt !== undefined && via.tokenExpiresAt < 8.64e15 ? new Date(via.tokenExpiresAt) : null
  if (notAfter && input.expiresInDays !== undefined && Date.now() + input.expiresInDays * 86400_000 > notAfter.getTime()) {
    throw errors.validation([{ field: 'body.expiresInDays', message: `用令牌创建的令牌不能晚于该令牌到期 (${notAfter.toISOString()})` }])
  }
  const token = 'yz_' + randomToken()
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.insertToken(trx, { tokenHash: sha256(token), userId: actor.userId, name: input.name, days: input.expiresInDays ?? maxTokenDays, notAfter })
    await appendAudit(trx, {
      actorId: actor.userId, centerId: actor.centerId, action: 'token.create', entity: 'api_token', entityId: r.id,
      data: { name: input.name, expiresAt: r.expiresAt, viaToken: notAfter !== null },
    })
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

/** Revoke all of a user's tokens inside the caller's transaction; the caller drops the user's cache entries after commit. */
export function endUserTokens(trx: Db, userId: number): Promise<number> {
  return repo.revokeUserTokens(trx, userId)
}
