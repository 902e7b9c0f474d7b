// Resolves who is calling (session cookie or bearer token) and enforces CSRF on browser writes.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import { errors } from '../domain/errors.js'
import { assertCan, type Actor, type Permission } from '../domain/jurisdiction.js'
import type { AuthCache } from '../features/session/auth-cache.js'
import { actorForSession, actorForToken } from '../features/session/session.service.js'

export const SESSION_COOKIE = 'yz_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { centerName: string }) | null
    csrfToken: string | null
  }
}

export function installAuth(app: FastifyInstance, db: Db, cache: AuthCache): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('csrfToken', null)
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return
    const header = req.headers.authorization
    if (header?.startsWith('Bearer ')) {
      const found = await actorForToken(db, cache, header.slice(7).trim())
      if (!found) throw errors.unauthenticated('令牌无效或已过期')
      req.actor = found.actor
      return
    }
    const sid = req.cookies[SESSION_COOKIE]
    if (!sid) return
    const found = await actorForSession(db, cache, sid)
    if (!found) return
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== found.csrfToken) throw errors.csrf()
    req.actor = found.actor
    req.csrfToken = found.csrfToken
  })
}

/** The caller, or 401. */
export function requireActor(req: FastifyRequest): Actor & { centerName: string } {
  if (!req.actor) throw errors.unauthenticated()
  return req.actor
}

/** The caller holding `permission` by role, or 401/403. */
export function requirePermission(req: FastifyRequest, permission: Permission): Actor & { centerName: string } {
  const actor = requireActor(req)
  assertCan(actor, permission)
  return actor
}
