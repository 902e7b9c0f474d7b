// Windows: GET/POST /api/windows, GET/PATCH /api/windows/:id, POST /api/windows/:id/retire.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { Id, IdRef, Name } from './network.shared.js'
import * as service from './windows.service.js'

const OpenStatus = Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')])

const Window = Type.Object({
  id: Type.Integer(), centerId: Type.Integer(), centerName: Type.String(), number: Type.String(), name: Type.String(),
  status: Type.String(), departments: Type.Array(IdRef), itemIds: Type.Array(Type.Integer()),
  standIn: Type.Union([IdRef, Type.Null()]), staff: Type.Array(IdRef),
}, { title: 'Window' })

const IdList = Type.Array(Id, { maxItems: 500 })
const editable = {
  number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' }), name: Name(),
  status: OpenStatus, departmentIds: IdList, itemIds: IdList, standInUserId: Type.Union([Id, Type.Null()]),
  /** 窗口人员: exactly these active staff of the center sit at the window (moved from another window if need be) */
  staffIds: IdList,
}

const NewWindow = Type.Object({
  centerId: Id, number: editable.number, name: editable.name, status: Type.Optional(editable.status),
  departmentIds: Type.Optional(IdList), itemIds: Type.Optional(IdList), standInUserId: Type.Optional(editable.standInUserId),
  staffIds: Type.Optional(IdList),
}, { additionalProperties: false })

const WindowPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 })

const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['network']

export function windowRoutes(app: App, ctx: AppContext): void {
  app.get('/api/windows', {
    schema: {
      tags, summary: '窗口列表 windows in my jurisdiction',
      querystring: Type.Object({
        centerId: Type.Optional(Id), status: Type.Optional(Type.Union([OpenStatus, Type.Literal('retired')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ windows: Type.Array(Window) }), ...errorReplies },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'network.read')
    return { windows: await service.listWindows(ctx.db, actor, req.query) }
  })

  app.get('/api/windows/:id', {
    schema: { tags, summary: '窗口详情 one window', params: IdParams, response: { 200: Window, ...errorReplies } },
  }, async (req) => service.getWindow(ctx.db, requirePermission(req, 'network.read'), req.params.id))

  app.post('/api/windows', {
    schema: { tags, summary: '新建窗口 create a window', body: NewWindow, response: { 201: Window, ...errorReplies } },
  }, async (req, reply) => {
    const win = await service.createWindow(ctx.db, requirePermission(req, 'network.manage'), req.body)
    return reply.code(201).send(win)
  })

  app.patch('/api/windows/:id', {
    schema: { tags, summary: '修改窗口 update a window', params: IdParams, body: WindowPatch, response: { 200: Window, ...errorReplies } },
  }, async (req) => service.updateWindow(ctx.db, requirePermission(req, 'network.manage'), req.params.id, req.body))

  app.post('/api/windows/:id/retire', {
    schema: { tags, summary: '停用窗口 retire a window', params: IdParams, response: { 200: Window, ...errorReplies } },
  }, async (req) => service.retireWindow(ctx.db, requirePermission(req, 'network.manage'), req.params.id))
}
