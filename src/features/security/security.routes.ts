// Security administration: GET/PUT /api/security/settings (administrator), GET /api/security/login-events (managers).
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { DateTime, ErrorResponse, NullableDateTime } from '../../kernel/schemas.js'
import * as service from './security.service.js'

const tags = ['security']
const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse }
const Settings = Type.Object({ maxTokenDays: Type.Integer(), updatedAt: NullableDateTime })

const LoginEvent = Type.Object({
  id: Type.Integer(), at: DateTime, action: Type.Union([Type.Literal('login.failed'), Type.Literal('login.locked')]),
  username: Type.String(), ip: Type.String(), knownUser: Type.Boolean(), centerName: Type.Union([Type.String(), Type.Null()]),
  failures: Type.Union([Type.Integer(), Type.Null()]), scope: Type.Union([Type.String(), Type.Null()]), seconds: Type.Union([Type.Integer(), Type.Null()]),
})

export function securityRoutes(app: App, ctx: AppContext): void {
  app.get('/api/security/settings', {
    schema: { tags, summary: '安全设置 security settings', response: { 200: Settings, ...errorReplies } },
  }, async (req) => {
    requirePermission(req, 'security.manage')
    return service.getSettings(ctx.db)
  })

  app.put('/api/security/settings', {
    schema: {
      tags, summary: '修改安全设置 set the maximum token lifetime',
      body: Type.Object({ maxTokenDays: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false }),
      response: { 200: Type.Intersect([Settings, Type.Object({ tokensShortened: Type.Integer() })]), ...errorReplies },
    },
  }, async (req) => service.updateSettings(ctx.db, ctx.authCache, requirePermission(req, 'security.manage'), req.body))

  app.get('/api/security/login-events', {
    schema: {
      tags, summary: '登录失败与锁定记录 failed logins and blocks in my jurisdiction',
      querystring: Type.Object({
        before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        username: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ events: Type.Array(LoginEvent), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }), ...errorReplies },
    },
  }, async (req) => service.loginEvents(ctx.db, requirePermission(req, 'security.audit'), req.query))
}
