// Resolves who is calling (session cookie or bearer token) and enforces CSRF on browser writes. The decision
// "is this an API request" is taken on the decoded path, so '/%61pi/session' cannot skip these checks.
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.js'
import { errors } from '../domain/errors.js'
import { SESSION_COOKIE } from '../kernel/guards.js'
import type { AuthCache } from '../kernel/auth-cache.js'
import { actorForSession, actorForToken } from '../features/session/session.service.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The request path percent-decoded (undefined when it cannot be decoded). */
function decodedPath(url: string): string | undefined {
  const raw = url.split('?')[0]
  try { return decodeURIComponent(raw) } catch { return undefined }
}

export function installAuth(app: FastifyInstance, db: Db, cache: AuthCache): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('csrfToken', null)
  app.decorateRequest('authVia', null)
  app.decorateRequest('tokenExpiresAt', null)
  app.addHook('onRequest', async (req, reply) => {
    const isApi = req.url.startsWith('/api/')
    if (!isApi) {
      // An encoded spelling of /api/ (or an undecodable path) is answered 404 before any route sees it.
      const path = req.url.includes('%') ? decodedPath(req.url) : req.url
      if (path === undefined || /^\/api(\/|$|\?)/i.test(path)) return reply.code(404).send({ error: { code: 'not_found', message: '没有这个地址' } })
      return
    }
    const header = req.headers.authorization
    if (header?.startsWith('Bearer ')) {
      const found = await actorForToken(db, cache, header.slice(7).trim())
      if (!found) throw errors.unauthenticated('令牌无效或已过期')
      req.actor = found.actor
      req.authVia = 'token'
      req.tokenExpiresAt = found.expiresAt
      return
    }
    const sid = req.cookies[SESSION_COOKIE]
    if (!sid) return
    const found = await actorForSession(db, cache, sid)
    if (!found) return
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== found.csrfToken) throw errors.csrf()
    req.actor = found.actor
    req.csrfToken = found.csrfToken
    req.authVia = 'session'
  })
  // Answers for a signed-in caller (and the login answer with its CSRF token) are never stored by a cache: JSON, and
  // every download that does not say otherwise (statistics xlsx, report docx/markdown, items export).
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.actor && !req.url.startsWith('/api/session')) return payload
    const type = String(reply.getHeader('content-type') ?? '')
    if (type.startsWith('application/json') || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })
}
