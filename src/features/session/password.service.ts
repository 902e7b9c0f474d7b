// Passwords: the policy (src/domain/password-policy.ts) plus "not one of the last few", a user's own change with the
// current password, and the replacement every path shares: the old hash goes to the history, the other sessions
// and every bearer token of the account end.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { ThrottleSettings } from '../../domain/login-throttle.js'
import { PASSWORD_HISTORY, passwordProblem } from '../../domain/password-policy.js'
import { appendAudit } from '../audit/audit.repository.js'
import type { AuthCache } from '../../kernel/auth-cache.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { loginBlockedSeconds, recordFailedLogin } from './session.service.js'
import * as repo from './session.repository.js'
import { endUserTokens } from './tokens.service.js'

type Owner = NonNullable<Awaited<ReturnType<typeof repo.findPasswordOwner>>>

/** The policy and the history check for a new password of `user`; a 400 naming `field` when it fails. Returns the new hash. */
export async function hashNewPassword(db: Db, user: Owner, plain: string, field: string): Promise<string> {
  const weak = passwordProblem(plain, user.username)
  if (weak) throw errors.validation([{ field, message: weak }])
  const recent = [user.passwordHash, ...(await repo.previousHashes(db, user.id, PASSWORD_HISTORY - 1))]
  for (const h of recent) {
    if (await verifyPassword(h, plain)) throw errors.validation([{ field, message: `不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同` }])
  }
  return hashPassword(plain)
}

/**
 * Inside the caller's transaction: store `newHash` (refusing if the password changed meanwhile), end the account's
 * sessions but `keepSession` and all its tokens. The caller drops the user's cache entries after commit.
 */
export async function replacePassword(trx: Db, user: Owner, newHash: string, keepSession?: string) {
  const now = await repo.findPasswordOwner(trx, user.id, true)
  if (!now || now.passwordHash !== user.passwordHash) throw errors.conflict('password_changed_meanwhile', '密码刚被修改过，请重试')
  await repo.replacePasswordHash(trx, user.id, now.passwordHash, newHash)
  await repo.deleteUserSessions(trx, user.id, keepSession)
  return { tokensRevoked: await endUserTokens(trx, user.id) }
}

/** A signed-in user changes their own password with the current one. A wrong current password counts as a failed login. */
export async function changeOwnPassword(db: Db, cache: AuthCache, s: ThrottleSettings, actor: Actor,
  input: { currentPassword: string; newPassword: string; ip: string; sessionIdHash: string }) {
  const blocked = await loginBlockedSeconds(db, actor.username, input.ip)
  if (blocked > 0) throw errors.lockedOut(blocked)
  const user = await repo.findPasswordOwner(db, actor.userId)
  if (!user) throw errors.unauthenticated()
  if (!(await verifyPassword(user.passwordHash, input.currentPassword, { key: input.ip, low: false }))) {
    const lockedFor = await recordFailedLogin(db, s, { username: actor.username.toLowerCase(), ip: input.ip, user: { id: user.id, centerId: user.centerId } })
    if (lockedFor > 0) throw errors.lockedOut(lockedFor)
    throw errors.validation([{ field: 'body.currentPassword', message: '当前密码不正确' }])
  }
  const newHash = await hashNewPassword(db, user, input.newPassword, 'body.newPassword')
  await db.transaction().execute(async (trx) => {
    const { tokensRevoked } = await replacePassword(trx, user, newHash, input.sessionIdHash)
    await appendAudit(trx, { actorId: user.id, centerId: user.centerId, action: 'password.change', entity: 'user', entityId: user.id, data: { tokensRevoked } })
  })
  await cache.dropUser(user.id)
}
