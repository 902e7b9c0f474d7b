// Contract: Session. POST/GET/DELETE /api/session, PUT /api/session/password, and bearer tokens under /api/tokens.
import { Type } from 'typebox'
import type { AppContext, App } from '../../kernel/context.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { ROLES } from '../../domain/vocabulary.js'
import { requireActor, requirePermission, SESSION_COOKIE } from '../../kernel/guards.js'
import { DateTime, ErrorResponse, NullableDateTime } from '../../kernel/schemas.js'
import { rateLimit } from '../../kernel/rate-limit.js'
import { changeOwnPassword } from './password.service.js'
import * as service from './session.service.js'
import * as tokens from './tokens.service.js'

const SessionUser = Type.Object({
  username: Type.String(), name: Type.String(), roles: Type.Array(Type.Enum(ROLES)),
  centerId: Type.Integer(), centerName: Type.String(), centerLevel: Type.String(),
  windowId: Type.Union([Type.Integer(), Type.Null()]), csrfToken: Type.Union([Type.String(), Type.Null()]),
}, { title: 'SessionUser' })

/** The signed-in user as SessionUser declares it: the actor's ids and center path stay on the server. */
function sessionUser(a: Actor & { centerName: string }, csrfToken: string | null) {
  return { username: a.username, name: a.name, roles: a.roles, centerId: a.centerId, centerName: a.centerName, centerLevel: a.centerLevel, windowId: a.windowId, csrfToken }
}

export function sessionRoutes(app: App, ctx: AppContext): void {
  app.post('/api/session', {
    config: rateLimit(ctx.config, 'login'),
    schema: {
      tags: ['session'], summary: '登录 log in',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: SessionUser, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    const result = await service.login(ctx.db, ctx.config, {
      username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? '',
    })
    reply.setCookie(SESSION_COOKIE, result.sessionId, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.secureCookies, expires: result.expiresAt,
    })
    return sessionUser(result.actor, result.csrfToken)
  })

  app.get('/api/session', {
    schema: { tags: ['session'], summary: '当前用户 current user', response: { 200: SessionUser, 401: ErrorResponse } },
  }, async (req) => sessionUser(requireActor(req), req.csrfToken))

  app.delete('/api/session', {
    schema: { tags: ['session'], summary: '退出 log out', response: { 204: Type.Null(), 403: ErrorResponse, 404: ErrorResponse } },
  }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE]
    if (sid) await service.logout(ctx.db, ctx.authCache, sid)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send(null)
  })

  app.put('/api/session/password', {
    schema: {
      tags: ['session'], summary: '修改密码 change my password (with the current one; a browser session only)',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    const actor = requireActor(req)
    const sid = req.cookies[SESSION_COOKIE]
    if (req.authVia !== 'session' || !sid) throw errors.forbidden('只能在登录会话中修改密码，不能使用接口令牌')
    await changeOwnPassword(ctx.db, ctx.authCache, ctx.config, actor, { ...req.body, ip: req.ip, sessionIdHash: service.sha256(sid) })
    return reply.code(204).send(null)
  })

  const Token = Type.Object({
    id: Type.Integer(), name: Type.String(), createdAt: DateTime, expiresAt: NullableDateTime,
  }, { title: 'Token' })

  app.post('/api/tokens', {
    schema: {
      tags: ['session'], summary: '创建接口令牌 create a bearer token',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }, { additionalProperties: false }),
      response: { 201: Type.Intersect([Token, Type.Object({ token: Type.String() })]), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'tokens.manage')
    reply.code(201)
    return tokens.createToken(ctx.db, actor, req.body, { tokenExpiresAt: req.authVia === 'token' ? req.tokenExpiresAt ?? undefined : undefined })
  })

  app.get('/api/tokens', {
    schema: { tags: ['session'], summary: '我的接口令牌 my tokens', response: { 200: Type.Object({ tokens: Type.Array(Type.Intersect([Token, Type.Object({ revokedAt: NullableDateTime })])) }), 401: ErrorResponse, 403: ErrorResponse } },
  }, async (req) => {
    const actor = requirePermission(req, 'tokens.manage')
    return { tokens: await tokens.listTokens(ctx.db, actor) }
  })

  app.delete('/api/tokens/:id', {
    schema: { tags: ['session'], summary: '吊销令牌 revoke a token', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'tokens.manage')
    await tokens.revokeToken(ctx.db, ctx.authCache, actor, req.params.id)
    return reply.code(204).send(null)
  })
}
