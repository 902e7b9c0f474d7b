// The guards a route calls on the request that src/server/auth.ts resolved (session cookie or bearer token): the
// caller, or the caller holding a permission.
import type { FastifyRequest } from 'fastify'
import { errors } from '../domain/errors.js'
import { assertCan, type Actor, type Permission } from '../domain/jurisdiction.js'

export const SESSION_COOKIE = 'yz_session'

declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { centerName: string }) | null
    csrfToken: string | null
    /** how the actor was authenticated */
    authVia: 'session' | 'token' | null
    /** the bearer token's end (ms since epoch) when authVia is 'token' */
    tokenExpiresAt: number | null
  }
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
