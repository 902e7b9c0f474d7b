// 离线待处理件: offline intakes the server refused, kept for the agent and the town; giving one up.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { IntakeBody } from '../cases/cases.schemas.js'
import * as service from './offline-tasks.js'

const tags = ['levels']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' })
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Task = Type.Object({
  id: Type.Integer(), agentId: Type.Integer(), agentName: Type.String(), centerId: Type.Integer(), centerName: Type.String(), requestId: Type.String(),
  offlineNumber: Type.String(), receivedAt: DateTime, reasonCode: Type.String(), reason: Type.String(), details: Type.Unknown(), attempts: Type.Integer(),
  createdAt: DateTime, updatedAt: DateTime, resolvedAt: N(DateTime), resolution: N(Type.String()), caseId: N(Type.Integer()), caseNumber: N(Type.String()),
  resolveNote: N(Type.String()), state: Type.Union([Type.Literal('open'), Type.Literal('resent'), Type.Literal('dropped')]),
  intake: Type.Object({ itemId: Type.Integer(), applicantName: Type.String(), applicantIdNumber: Type.String(), proxyId: N(Type.Integer()) }),
}, { title: 'OfflineTask' })

export function offlineTasksRoutes(app: App, ctx: AppContext): void {
  app.get('/api/agency/offline-tasks', {
    schema: {
      tags, summary: '离线待处理件 offline intakes the server refused (the agent\'s own; the rooms under a town\'s or district\'s staff), open first',
      querystring: Type.Object({ open: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ tasks: Type.Array(Task) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => service.list(ctx, requireActor(req), req.query))

  app.post('/api/agency/offline-tasks/adopt', {
    schema: {
      tags, summary: '收下停用代办员的离线受理 a town clerk, signed in on a disabled agent\'s phone, takes its waiting intakes over as tasks',
      body: Type.Object({ agent: Type.String({ minLength: 1, maxLength: 100 }), intakes: Type.Array(IntakeBody, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ tasks: Type.Array(Task) }), ...errorsFor(400, 401, 403, 409) },
    },
  }, async (req) => service.adopt(ctx, requireActor(req), req.body))

  app.post('/api/agency/offline-tasks/:id/drop', {
    schema: {
      tags, summary: '放弃离线受理 give an offline intake up, with the reason (the agent\'s own, or the town\'s staff)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: Task, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => service.drop(ctx, requireActor(req), req.params.id, req.body.reason))
}
