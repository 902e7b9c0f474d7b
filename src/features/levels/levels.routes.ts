// Cases across the levels: the agent's inbox, incoming hand-overs, forwards out and in, the custody chain,
// village coverage per room per month, and the per-center rules for forward and hand-over days.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { CaseItem } from '../cases/cases.schemas.js'
import { Id } from '../network/network.shared.js'
import * as service from './levels.service.js'

const tags = ['levels']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Page = Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 40 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false })
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Light = Type.Enum(['green', 'yellow', 'red'])
const Cursor = Type.Union([Type.String(), Type.Null()])
const Forwards = Type.Object({
  forwards: Type.Array(Type.Object({
    step: Type.Object({ id: Type.Integer(), dueDate: Nullable(Type.String()), startDate: Type.String(), light: Light, fromCenterName: Type.String(), toCenterName: Type.String() }, { title: 'ForwardStep' }),
    case: CaseItem,
  })),
  nextCursor: Cursor,
})
const Rule = Type.Object({ forwardDays: Type.Integer({ minimum: 0, maximum: 30 }), handoverDays: Type.Integer({ minimum: 0, maximum: 30 }) }, { title: 'LevelRules', additionalProperties: false })
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$' })

export function levelsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/agency/inbox', {
    schema: {
      tags, summary: '代办员待办 the agent\'s open cases: what they carry, what is due next, where each stands', querystring: Page,
      response: {
        200: Type.Object({
          cases: Type.Array(Type.Intersect([CaseItem, Type.Object({
            currentCenterName: Type.String(),
            next: Type.Union([Type.Object({ kind: Type.String(), dueDate: Nullable(Type.String()), light: Light, atMyRoom: Type.Boolean() }), Type.Null()]),
          })])),
          nextCursor: Cursor,
          total: Type.Integer({ description: 'every open case the agent carries (all pages)' }),
        }),
        ...errorsFor(400, 401, 403),
      },
    },
  }, async (req) => service.agentInbox(ctx, requireActor(req), req.query))

  app.get('/api/agency/incoming', {
    schema: {
      tags, summary: '待接收的代办件 cases handed over to my center and waiting for the window to accept them', querystring: Page,
      response: { 200: Type.Object({ cases: Type.Array(Type.Intersect([CaseItem, Type.Object({
        originCenterName: Type.String(), agentName: Nullable(Type.String()), files: Type.Integer(), filesSeen: Type.Integer(), thumbFileId: Type.Union([Type.Integer(), Type.Null()]),
      })])), nextCursor: Cursor }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => service.incomingHandovers(ctx, requireActor(req), req.query))

  app.get('/api/forwards/outgoing', {
    schema: { tags, summary: '已上报待签收 forwards sent from my center and not yet received, soonest due first', querystring: Page, response: { 200: Forwards, ...errorsFor(400, 401, 403) } },
  }, async (req) => service.forwards(ctx, requireActor(req), 'out', req.query))

  app.get('/api/forwards/incoming', {
    schema: { tags, summary: '待签收的上报件 forwards waiting for my department, soonest due first', querystring: Page, response: { 200: Forwards, ...errorsFor(400, 401, 403) } },
  }, async (req) => service.forwards(ctx, requireActor(req), 'in', req.query))

  app.get('/api/cases/:id/custody', {
    schema: {
      tags, summary: '物料交接链 the custody chain (who held the materials when) and the case\'s levels', params: IdParams,
      response: {
        200: Type.Object({
          caseId: Type.Integer(), currentCenterId: Type.Integer(), originCenterId: Type.Integer(), acceptingCenterId: Type.Integer(),
          levels: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }, { title: 'CenterRef' })),
          materials: Type.Array(Type.Object({ id: Type.Integer(), materialId: Type.Union([Type.Integer(), Type.Null()]), kind: Type.String(), name: Type.String(), received: Type.Boolean() })),
          handovers: Type.Array(Type.Object({
            id: Type.Integer(), at: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), direction: Type.String(),
            fromCenterId: Type.Integer(), fromCenterName: Type.String(), fromLevel: Type.String(), toCenterId: Type.Integer(), toCenterName: Type.String(), toLevel: Type.String(),
            fromUser: Nullable(Type.String()), toUser: Nullable(Type.String()),
            materials: Type.Array(Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Type.String() })),
            note: Type.String(), dueDate: Nullable(Type.String()), late: Type.Boolean(),
          })),
          receivers: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), centerId: Type.Integer(), roles: Type.Array(Type.String()) })),
        }),
        ...errorsFor(400, 401, 403, 404),
      },
    },
  }, async (req) => service.custody(ctx, requireActor(req), req.params.id))

  app.get('/api/reports/village-coverage', {
    schema: {
      tags: ['reports'], summary: '村便民服务室覆盖 cases started in each village room per month (rooms without cases included)',
      querystring: Type.Object({ from: Month, to: Month, centerId: Type.Optional(Id) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), usedRooms: Type.Integer(),
          rooms: Type.Array(Type.Object({ centerId: Type.Integer(), centerName: Type.String(), total: Type.Integer(), months: Type.Array(Type.Object({ month: Type.String(), cases: Type.Integer() })) })),
        }),
        ...errorsFor(400, 401, 403),
      },
    },
  }, async (req) => service.villageCoverage(ctx, requireActor(req), req.query))

  app.get('/api/centers/:id/level-rules', {
    schema: {
      tags, summary: '上报与交接时限 the forward and hand-over days that apply at a center (its own or inherited)', params: IdParams,
      response: { 200: Type.Object({ centerId: Type.Integer(), own: Type.Boolean(), forwardDays: Type.Integer(), handoverDays: Type.Integer() }, { title: 'CenterLevelRules' }), ...errorsFor(401, 403, 404) },
    },
  }, async (req) => service.getRule(ctx, requireActor(req), req.params.id))

  app.put('/api/centers/:id/level-rules', {
    schema: {
      tags, summary: '设置上报与交接时限 set a center\'s forward days (default 1) and village hand-over days (default 3)', params: IdParams, body: Rule,
      response: { 200: Type.Object({ centerId: Type.Integer(), own: Type.Boolean(), forwardDays: Type.Integer(), handoverDays: Type.Integer() }, { title: 'CenterLevelRules' }), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => service.setRule(ctx, requireActor(req), req.params.id, req.body))
}
