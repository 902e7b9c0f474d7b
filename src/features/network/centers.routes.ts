// Centers: GET/POST /api/centers, GET/PATCH /api/centers/:id, POST /api/centers/:id/retire,
// and the public (no login) GET /api/public/centers of the contract.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { sendCached, serializeWith } from '../../kernel/public-cache.js'
import { ErrorResponse, IdParams, Level } from '../../kernel/schemas.js'
import * as service from './centers.service.js'
import { Code, Id, Name, NullableInteger, NullableString, Text } from './network.shared.js'

const Status = Type.Union([Type.Literal('active'), Type.Literal('retired')])

const Center = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), level: Level,
  parentId: NullableInteger, parentName: NullableString,
  address: Type.String(), phone: Type.String(), hours: Type.String({ description: '办公时间, from the hall settings (大厅设置)' }), note: Type.String(), status: Status,
  windowCount: Type.Integer(), staffCount: Type.Integer(),
}, { title: 'Center' })

const PublicCenter = Type.Object({
  id: Type.Integer(), name: Type.String(), level: Level, parentId: NullableInteger,
  address: Type.String(), phone: Type.String(), hours: Type.String(),
}, { title: 'PublicCenter' })

const editable = {
  name: Name(), address: Text(), phone: Text(100), note: Text(1000), code: Code,
}

const NewCenter = Type.Object({
  code: Code, name: Name(), level: Level, parentId: Id,
  address: Type.Optional(editable.address), phone: Type.Optional(editable.phone),
  note: Type.Optional(editable.note),
}, { additionalProperties: false })

const CenterPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 })

const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['network']

export function centerRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/centers', {
    schema: { tags: ['public'], summary: '服务网点 public list of centers', response: { 200: Type.Object({ centers: Type.Array(PublicCenter) }) } },
  }, async (req, reply) => sendCached(req, reply, await service.publicCentersPage(ctx.db, ctx.bus, (etag, v) => serializeWith(reply, etag, v))))

  app.get('/api/centers', {
    schema: {
      tags, summary: '中心列表 centers in my jurisdiction',
      querystring: Type.Object({ level: Type.Optional(Level), parentId: Type.Optional(Id), status: Type.Optional(Status) }, { additionalProperties: false }),
      response: { 200: Type.Object({ centers: Type.Array(Center) }), ...errorReplies },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'network.read')
    return { centers: await service.listCenters(ctx.db, actor, req.query) }
  })

  app.get('/api/centers/:id', {
    schema: { tags, summary: '中心详情 one center', params: IdParams, response: { 200: Center, ...errorReplies } },
  }, async (req) => service.getCenter(ctx.db, requirePermission(req, 'network.read'), req.params.id))

  app.post('/api/centers', {
    schema: { tags, summary: '新建镇中心或村服务室 create a center', body: NewCenter, response: { 201: Center, ...errorReplies } },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'network.manage')
    const center = await service.createCenter(ctx.db, actor, req.body)
    return reply.code(201).send(center)
  })

  app.patch('/api/centers/:id', {
    schema: { tags, summary: '修改中心信息 update a center', params: IdParams, body: CenterPatch, response: { 200: Center, ...errorReplies } },
  }, async (req) => service.updateCenter(ctx.db, requirePermission(req, 'network.manage'), req.params.id, req.body))

  app.post('/api/centers/:id/retire', {
    schema: { tags, summary: '停用中心 retire a center', params: IdParams, response: { 200: Center, ...errorReplies } },
  }, async (req) => service.retireCenter(ctx.db, requirePermission(req, 'network.manage'), req.params.id))
}
