// The clerk's window panel. Contract: POST /api/windows/:id/call-next → 200 { ticket } or 204 when nobody waits.
import { Type } from 'typebox'
import type { App } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import * as service from './calling.service.js'
import { markPriority } from './priority.service.js'
import { CategoryRef, errorReplies, Id, tags, Ticket } from './hall.schemas.js'
import type { Hall } from './hall.context.js'

const Action = Type.Union([
  Type.Literal('recall'), Type.Literal('start'), Type.Literal('finish'), Type.Literal('noShow'), Type.Literal('transfer'), Type.Literal('link'),
])

const ActionBody = Type.Object({
  windowId: Type.Optional(Id), categoryId: Type.Optional(Id),
  caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' })),
}, { additionalProperties: false })

const Panel = Type.Object({
  window: Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String(), status: Type.String(), centerId: Type.Integer(), centerName: Type.String() }),
  current: Type.Union([Ticket, Type.Null()]),
  categories: Type.Array(Type.Object({ id: Type.Integer(), prefix: Type.String(), name: Type.String(), waiting: Type.Integer() })),
  allCategories: Type.Array(CategoryRef),
  otherWindows: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String() })),
  maxCalls: Type.Integer({ description: '叫号几次后才能记为过号 calls before a no-show may be recorded' }),
}, { title: 'WindowPanel' })

export function callingRoutes(app: App, hall: Hall): void {
  app.post('/api/windows/:id/call-next', {
    schema: {
      tags, summary: '叫号 call the next ticket to this window', params: IdParams,
      response: { 200: Type.Object({ ticket: Ticket }), 204: Type.Null(), ...errorReplies },
    },
  }, async (req, reply) => {
    const ticket = await service.callNext(hall, requirePermission(req, 'hall.call'), req.params.id)
    return ticket ? { ticket } : reply.code(204).send(null)
  })

  app.get('/api/windows/:id/panel', {
    schema: { tags, summary: '窗口叫号面板 the window panel', params: IdParams, response: { 200: Panel, ...errorReplies } },
  }, async (req) => service.panel(hall, requirePermission(req, 'hall.call'), req.params.id))

  app.post('/api/windows/:id/pause', {
    schema: {
      tags, summary: '暂停/恢复窗口 pause or resume the window', params: IdParams,
      body: Type.Object({ paused: Type.Boolean() }, { additionalProperties: false }), response: { 200: Panel, ...errorReplies },
    },
  }, async (req) => service.setWindowPaused(hall, requirePermission(req, 'hall.call'), req.params.id, req.body.paused))

  app.post('/api/tickets/:id/actions/:action', {
    schema: {
      tags, summary: '票号操作 recall, start, finish, no-show, transfer, link the case',
      params: Type.Object({ id: IdParams.properties.id, action: Action }), body: ActionBody,
      response: { 200: Ticket, ...errorReplies },
    },
  }, async (req) => service.act(hall, requirePermission(req, 'hall.call'), req.params.id, req.params.action, req.body))

  app.post('/api/tickets/:id/priority', {
    schema: {
      tags, summary: '改为优先 staff mark a waiting ticket priority (老年人/残疾人/孕妇): after appointments, before ordinary walk-ins', params: IdParams,
      response: { 200: Ticket, ...errorReplies },
    },
  }, async (req) => markPriority(hall, requirePermission(req, 'hall.call'), req.params.id))
}
