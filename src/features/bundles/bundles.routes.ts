// 一件事一次办: define and list bundles, take one (POST /api/bundles/:id/intake: one requestId, one linked case per
// item plus the bundle's own number and query code, all or nothing).
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { Id, Name, Text } from '../network/network.shared.js'
import { Case, ChannelSchema, IntakeBody } from '../cases/cases.schemas.js'
import { CASE_INTAKE_ROLES } from '../../domain/case-status.js'
import { errors } from '../../domain/errors.js'
import { bundleCaseReceipt, bundleIntake } from './bundle-intake.service.js'
import { defineBundle, editBundle, getBundle, listBundles, setBundleStatus } from './bundles.service.js'

const tags = ['bundles']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))

const Field = Type.Object({ key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' }), label: Name(50), required: Type.Boolean() }, { title: 'BundleField', additionalProperties: false })
const Bundle = Type.Object({
  id: Type.Integer(), name: Type.String(), description: Type.String(), centerId: Type.Integer(), centerName: Type.String(), status: Type.String(),
  fields: Type.Array(Field),
  items: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), departmentId: Type.Integer(), departmentName: Type.String(), level: Type.String(), handlingKind: Type.String(),
    promisedDays: Type.Integer(), offered: Type.Boolean(), deferralDays: Type.Union([Type.Integer(), Type.Null()]),
  })),
  materials: Type.Array(Type.Object({
    name: Type.String(), required: Type.Boolean(), deferrable: Type.Boolean({ description: '容缺 allowed by every item that asks it' }),
    items: Type.Array(Type.Object({ itemId: Type.Integer(), materialId: Type.Integer() })),
  }), { description: 'the merged list: a material asked by several items is asked once (by name)' }),
}, { title: 'Bundle' })
const DefineBody = Type.Object({
  centerId: Id, name: Name(100), description: Type.Optional(Text(500)),
  itemIds: Type.Array(Id, { minItems: 2, maxItems: 20, uniqueItems: true }), fields: Type.Optional(Type.Array(Field, { maxItems: 30 })),
}, { additionalProperties: false })
const BundleIntakeBody = Type.Object({
  requestId: IntakeBody.properties.requestId, centerId: Id, windowId: Type.Optional(Id), applicant: IntakeBody.properties.applicant,
  fields: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Text(500))),
  materials: Type.Array(Type.Object({ name: Name(200), received: Type.Boolean(), problem: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false }), { maxItems: 200 }),
  commitment: Type.Optional(Type.Object({
    materials: Type.Array(Name(200), { minItems: 1, maxItems: 50, uniqueItems: true }),
    dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  }, { additionalProperties: false })),
  channel: Type.Optional(ChannelSchema),
}, { additionalProperties: false })
const Receipt = Type.Object({
  bundle: Type.Object({ id: Type.Integer(), number: Type.String(), queryCode: Type.String(), name: Type.String() }),
  parts: Type.Array(Case),
  missing: Type.Array(Type.Object({ name: Type.String(), items: Type.Array(Type.String()), problem: Type.Union([Type.String(), Type.Null()]) }), { description: 'one one-time notice for every part' }),
}, { title: 'BundleReceipt' })

export function bundlesRoutes(app: App, ctx: AppContext): void {
  app.post('/api/bundles', {
    schema: { tags, summary: '一件事 define a bundle of items the center offers (400 naming any it does not)', body: DefineBody, response: { 201: Bundle, ...errorsFor(400, 401, 403, 409) } },
  }, async (req, reply) => reply.code(201).send(await defineBundle(ctx, requireActor(req), req.body)))

  app.get('/api/bundles', {
    schema: {
      tags, summary: '一件事 the bundles a center may take (its own and its parents\')',
      querystring: Type.Object({ centerId: Type.Optional(Id), withRetired: Type.Optional(Type.Boolean({ description: 'administrators: retired bundles too' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ bundles: Type.Array(Bundle) }), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => listBundles(ctx, requireActor(req), req.query.centerId, req.query.withRetired))

  app.put('/api/bundles/:id', {
    schema: {
      tags, summary: '一件事 edit a bundle (name, items, shared form); cases already taken keep their parts', params: IdParams,
      body: Type.Omit(DefineBody, ['centerId']), response: { 200: Bundle, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => editBundle(ctx, requireActor(req), req.params.id, req.body))

  for (const [verb, status] of [['retire', 'retired'], ['restore', 'active']] as const) {
    app.post(`/api/bundles/:id/${verb}`, {
      schema: {
        tags, summary: verb === 'retire' ? '一件事 retire a bundle (no longer taken at the window; its cases stay)' : '一件事 bring a retired bundle back',
        params: IdParams, response: { 200: Bundle, ...errorsFor(400, 401, 403, 404) },
      },
    }, async (req) => setBundleStatus(ctx, requireActor(req), req.params.id, status))
  }

  app.get('/api/bundles/:id', {
    schema: { tags, summary: '一件事 one bundle with its items and merged material list', params: IdParams, response: { 200: Bundle, ...errorsFor(400, 401, 404) } },
  }, async (req) => getBundle(ctx, requireActor(req), req.params.id))

  app.get('/api/bundles/cases/:id', {
    schema: {
      tags, summary: '一件事 a bundle case\'s receipt again (受理回执): its number, query code, shared form and every part',
      params: IdParams, response: { 200: Type.Intersect([Receipt, Type.Object({ fields: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })) })]), ...errorsFor(400, 401, 404) },
    },
  }, async (req) => bundleCaseReceipt(ctx, requireActor(req), req.params.id))

  app.post('/api/bundles/:id/intake', {
    schema: {
      tags, summary: '一件事一次办 one request opens one linked case per item plus the bundle\'s number and query code; all or nothing',
      description: 'The same requestId again returns the same receipt with 200; a part failing its checks → 400 naming it under body.parts.N, nothing written.',
      params: IdParams, body: BundleIntakeBody, response: { 200: Receipt, 201: Receipt, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const actor = requireActor(req)
    if (!actor.roles.some((r) => (CASE_INTAKE_ROLES as readonly string[]).includes(r))) throw errors.forbidden('只有窗口人员或代办员可以受理办件')
    const r = await bundleIntake(ctx, actor, req.params.id, req.body)
    return reply.code(r.created ? 201 : 200).send(r.receipt)
  })
}
