// Departments: GET/POST /api/departments, GET/PATCH /api/departments/:id, POST /api/departments/:id/retire.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import * as service from './departments.service.js'
import { Code, DateOnly, Id, Name, NullableString, Text } from './network.shared.js'

const Department = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), shortName: Type.String(), level: Type.String(),
  centerId: Type.Integer(), centerName: Type.String(), required: Type.Boolean(), enteredOn: NullableString,
  phone: Type.String(), status: Type.String(), windowCount: Type.Integer(), itemCount: Type.Integer(),
  headStandInUserId: Type.Union([Type.Integer(), Type.Null()], { description: 'the department head\'s AB岗 stand-in' }),
  headAway: Type.Boolean({ description: 'the head is away: the stand-in approves extensions (recorded as such)' }),
  reviewBody: Type.Union([Type.String(), Type.Null()], { description: '复议机关 named on its decisions (null: the center\'s default)' }),
  court: Type.Union([Type.String(), Type.Null()], { description: '人民法院 named on its decisions (null: the center\'s default)' }),
  reviewFirst: Type.Boolean({ description: '复议前置 (行政复议法 §23): its notices do not offer the court directly' }),
  windowMayRefuse: Type.Boolean({ description: 'the center\'s window may issue 不予受理 in its name (entrusted)' }),
}, { title: 'Department' })

const editable = {
  code: Code, name: Name(), shortName: Text(50), required: Type.Boolean(),
  enteredOn: Type.Union([DateOnly, Type.Null()]), phone: Text(100),
  headStandInUserId: Type.Union([Id, Type.Null()]), headAway: Type.Boolean(),
  reviewBody: Type.Union([Name(100), Type.Null()]), court: Type.Union([Name(100), Type.Null()]), reviewFirst: Type.Boolean(), windowMayRefuse: Type.Boolean(),
}

const NewDepartment = Type.Object({
  code: Code, name: Name(), centerId: Id,
  shortName: Type.Optional(editable.shortName), required: Type.Optional(editable.required),
  enteredOn: Type.Optional(editable.enteredOn), phone: Type.Optional(editable.phone),
}, { additionalProperties: false })

const DepartmentPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 })

const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['network']

export function departmentRoutes(app: App, ctx: AppContext): void {
  app.get('/api/departments', {
    schema: {
      tags, summary: '部门列表 departments in my jurisdiction',
      querystring: Type.Object({
        centerId: Type.Optional(Id), required: Type.Optional(Type.Boolean()),
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ departments: Type.Array(Department) }), ...errorReplies },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'network.read')
    return { departments: await service.listDepartments(ctx.db, actor, req.query) }
  })

  app.get('/api/departments/:id', {
    schema: { tags, summary: '部门详情 one department', params: IdParams, response: { 200: Department, ...errorReplies } },
  }, async (req) => service.getDepartment(ctx.db, requirePermission(req, 'network.read'), req.params.id))

  app.post('/api/departments', {
    schema: { tags, summary: '新建部门 create a department', body: NewDepartment, response: { 201: Department, ...errorReplies } },
  }, async (req, reply) => {
    const dept = await service.createDepartment(ctx.db, requirePermission(req, 'network.manage'), req.body)
    return reply.code(201).send(dept)
  })

  app.patch('/api/departments/:id', {
    schema: {
      tags, summary: '修改部门 (含应进必进、进驻日期) update a department', params: IdParams, body: DepartmentPatch,
      response: { 200: Department, ...errorReplies },
    },
  }, async (req) => service.updateDepartment(ctx.db, requirePermission(req, 'network.manage'), req.params.id, req.body))

  app.post('/api/departments/:id/retire', {
    schema: { tags, summary: '停用部门 retire a department', params: IdParams, response: { 200: Department, ...errorReplies } },
  }, async (req) => service.retireDepartment(ctx.db, requirePermission(req, 'network.manage'), req.params.id))
}
