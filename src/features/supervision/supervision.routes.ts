// 电子监察 (login): lights board, 督办 notices and their acknowledgement, the manager's daily digest, per-center settings.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { DateString, DateTime, ErrorResponse, IdParams, NullableDateTime } from '../../kernel/schemas.js'
import { lightsBoard } from './lights.service.js'
import * as notices from './notices.service.js'

const tags = ['supervision']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
const NullStr = Type.Union([Type.String(), Type.Null()])
const NullId = Type.Union([Type.Integer(), Type.Null()])
const LightT = Type.Enum(['green', 'yellow', 'red'])
const Group = Type.Object({ key: Type.String(), id: NullId, name: Type.String(), yellow: Type.Integer(), red: Type.Integer() }, { title: 'LightsGroup' })
const Notice = Type.Object({
  id: Type.Integer(), caseId: Type.Integer(), number: Type.String(), itemName: Type.String(), message: Type.String(), sentAt: DateTime,
  senderName: Type.String(), recipientId: Type.Integer(), recipientName: Type.String(), acknowledgedAt: NullableDateTime, ackNote: Type.String(),
}, { title: 'SupervisionNotice' })
const Settings = Type.Object({
  yellowDaysLeft: Type.Integer({ minimum: 0, maximum: 30 }), yellowUsedShare: Type.Number({ minimum: 0.01, maximum: 1 }),
  callbackDays: Type.Integer({ minimum: 0, maximum: 30 }), fixDays: Type.Integer({ minimum: 1, maximum: 90 }),
}, { title: 'SupervisionSettings', additionalProperties: false })
/** The settings that apply to a center, with the center (Settings itself is closed: an allOf with it admits no centerId). */
const CenterSettings = Type.Object({ centerId: Type.Integer(), ...Settings.properties }, { title: 'CenterSupervisionSettings' })

export function supervisionRoutes(app: App, ctx: AppContext): void {
  app.get('/api/supervision/lights', {
    schema: {
      tags, summary: '亮灯 yellow and red open steps in the jurisdiction, grouped by center, department, window and person',
      querystring: Type.Object({ centerId: Type.Optional(Id), light: Type.Optional(Type.Enum(['yellow', 'red'])) }, { additionalProperties: false }),
      response: { 200: Type.Object({
        today: DateString, totals: Type.Object({ yellow: Type.Integer(), red: Type.Integer() }),
        byCenter: Type.Array(Group), byDepartment: Type.Array(Group), byWindow: Type.Array(Group), byPerson: Type.Array(Group),
        steps: Type.Array(Type.Object({
          stepId: Type.Integer(), kind: Type.String(), caseId: Type.Integer(), number: Type.String(), itemName: Type.String(), status: Type.String(),
          light: LightT, startDate: DateString, dueDate: Type.Union([DateString, Type.Null()]), centerId: Type.Integer(), centerName: Type.String(),
          departmentName: NullStr, windowName: NullStr,
          personName: Type.Union([Type.String(), Type.Null()], { description: '责任人: who holds the step now (its assignee, else an approver of its department, else the accepting clerk)' }),
          urgedAt: Type.Union([DateTime, Type.Null()], { description: '已督办: when the case was last urged (督办), null if never' }),
        })),
      }), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => lightsBoard(ctx, requireActor(req), req.query))

  app.post('/api/supervision/notices', {
    schema: {
      tags, summary: '督办 send a notice on a case to the person who answers for it now',
      body: Type.Object({ caseId: Id, message: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 201: Notice, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => reply.code(201).send(await notices.sendNotice(ctx, requireActor(req), req.body)))

  app.get('/api/supervision/notices', {
    schema: {
      tags, summary: '督办通知 my notices (mine=true) or the jurisdiction\'s',
      querystring: Type.Object({ mine: Type.Optional(Type.Boolean()), caseId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: Type.Object({ notices: Type.Array(Notice) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => notices.listNotices(ctx, requireActor(req), req.query))

  app.post('/api/supervision/notices/:id/acknowledge', {
    schema: {
      tags, summary: '签收督办 the recipient acknowledges a notice',
      params: IdParams, body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Notice, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => notices.acknowledge(ctx, requireActor(req), req.params.id, req.body.note ?? ''))

  app.get('/api/supervision/digest', {
    schema: {
      tags, summary: '每日监察简报 the manager\'s daily digest for the workbench',
      response: { 200: Type.Object({
        date: DateString, yellow: Type.Integer(), red: Type.Integer(),
        byCenter: Type.Array(Type.Object({ centerName: Type.String(), yellow: Type.Integer(), red: Type.Integer() })),
        reddest: Type.Array(Type.Object({ caseId: Type.Integer(), number: Type.String(), itemName: Type.String(), dueDate: Type.Union([DateString, Type.Null()]), centerName: Type.String(), personName: NullStr })),
        unacknowledgedNotices: Type.Integer(), lateFollowups: Type.Integer(), openFollowups: Type.Integer(),
      }), ...errorsFor(401, 403) },
    },
  }, async (req) => notices.digest(ctx, requireActor(req)))

  app.get('/api/supervision/settings', {
    schema: {
      tags, summary: '监察设置 light thresholds and follow-up limits that apply to a center',
      querystring: Type.Object({ centerId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: CenterSettings, ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => notices.getSettings(ctx, requireActor(req), req.query.centerId))

  app.put('/api/supervision/settings/:id', {
    schema: {
      tags, summary: '修改监察设置 set a center\'s thresholds and limits (its centers below inherit them)',
      params: IdParams, body: Settings,
      response: { 200: CenterSettings, ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => notices.putSettings(ctx, requireActor(req), req.params.id, req.body))
}
