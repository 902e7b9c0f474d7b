// Staff: GET/POST /api/staff, GET/PATCH /api/staff/:id, POST /api/staff/:id/password, POST /api/staff/:id/retire.
import { Type } from 'typebox'
import { ROLES } from '../../domain/vocabulary.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { Id, Name, NullableInteger, NullableString, Text } from './network.shared.js'
import * as service from './staff.service.js'

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)))
const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length, uniqueItems: true })
const Password = Type.String({ minLength: 1, maxLength: 200 })
const Status = Type.Union([Type.Literal('active'), Type.Literal('retired')])

const Staff = Type.Object({
  id: Type.Integer(), username: Type.String(), name: Type.String(), roles: Type.Array(Type.Enum(ROLES)),
  centerId: Type.Integer(), centerName: Type.String(), windowId: NullableInteger, windowName: NullableString,
  phone: Type.String(), status: Type.String(), departmentId: NullableInteger,
}, { title: 'Staff' })

const editable = { name: Name(50), roles: Roles, windowId: Type.Union([Id, Type.Null()]), phone: Text(100), centerId: Id }

const NewStaff = Type.Object({
  username: Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9._-]+$' }), name: editable.name,
  password: Password, roles: Roles, centerId: Id, windowId: Type.Optional(editable.windowId), phone: Type.Optional(editable.phone),
}, { additionalProperties: false })

const StaffPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 })

const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['network']

export function staffRoutes(app: App, ctx: AppContext): void {
  app.get('/api/staff', {
    schema: {
      tags, summary: '工作人员列表 staff in my jurisdiction',
      querystring: Type.Object({ centerId: Type.Optional(Id), role: Type.Optional(RoleSchema), status: Type.Optional(Status) }, { additionalProperties: false }),
      response: { 200: Type.Object({ staff: Type.Array(Staff) }), ...errorReplies },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'network.read')
    return { staff: await service.listStaff(ctx.db, actor, req.query) }
  })

  app.get('/api/staff/:id', {
    schema: { tags, summary: '工作人员详情 one staff member', params: IdParams, response: { 200: Staff, ...errorReplies } },
  }, async (req) => service.getStaff(ctx.db, requirePermission(req, 'network.read'), req.params.id))

  app.post('/api/staff', {
    schema: { tags, summary: '新建工作人员账号 create a staff account', body: NewStaff, response: { 201: Staff, ...errorReplies } },
  }, async (req, reply) => {
    const staff = await service.createStaff(ctx.db, requirePermission(req, 'users.manage'), req.body)
    return reply.code(201).send(staff)
  })

  app.patch('/api/staff/:id', {
    schema: { tags, summary: '修改工作人员 (角色、窗口、调动) update staff', params: IdParams, body: StaffPatch, response: { 200: Staff, ...errorReplies } },
  }, async (req) => service.updateStaff(ctx.db, ctx.authCache, requirePermission(req, 'users.manage'), req.params.id, req.body))

  app.post('/api/staff/:id/password', {
    schema: {
      tags, summary: '重置密码 reset a password', params: IdParams,
      body: Type.Object({ password: Password }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorReplies },
    },
  }, async (req, reply) => {
    await service.resetPassword(ctx.db, ctx.authCache, requirePermission(req, 'users.manage'), req.params.id, req.body.password)
    return reply.code(204).send(null)
  })

  app.post('/api/staff/:id/retire', {
    schema: { tags, summary: '停用账号 retire a staff account', params: IdParams, response: { 200: Staff, ...errorReplies } },
  }, async (req) => service.retireStaff(ctx.db, ctx.authCache, requirePermission(req, 'users.manage'), req.params.id))
}
