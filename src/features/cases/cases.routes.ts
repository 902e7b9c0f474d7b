// Contract: Cases (login). POST /api/cases, GET /api/cases/:id, POST /api/cases/:id/actions/:action, GET /api/cases;
// plus the approver's inbox, the manager's pending extensions and the workbench's calendar warning.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { chinaDate } from '../../domain/clock.js'
import { calendarWarnings, CALENDAR_WARNING_DAYS } from '../../domain/deadlines.js'
import { errors } from '../../domain/errors.js'
import { ActionBody, ActionParams, Case, CaseDetail, ChainBody, CaseList, Inbox, IntakeBody, ListQuery } from './cases.schemas.js'
import { performAction, performChain } from './actions.service.js'
import { attachmentsRoutes } from './attachments.routes.js'
import type { intake } from './intake.service.js'
import * as query from './query.service.js'

const tags = ['cases']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))

/** `levels.intake`: the intake the route calls, levels' intakeKeepingRefusals (given by the composition root). */
export function casesRoutes(app: App, ctx: AppContext, levels: { intake: typeof intake }): void {
  attachmentsRoutes(app, ctx)
  app.post('/api/cases', {
    schema: {
      tags, summary: '一窗受理 record a case at a window (accepted, one-time notice, refused, or 即办 completed)',
      description: 'The same requestId again returns the same case with 200; a different body under a used requestId is 409.',
      body: IntakeBody, response: { 200: Case, 201: Case, ...errorsFor(400, 401, 403, 409) },
    },
  }, async (req, reply) => {
    const r = await levels.intake(ctx, requireActor(req), req.body) // an agent's refused offline intake is kept as a task
    return reply.code(r.created ? 201 : 200).send(r.case)
  })

  app.get('/api/cases', {
    schema: {
      tags, summary: '办件列表 cases in the caller\'s jurisdiction, newest first (keyset: cursor = nextCursor)',
      querystring: ListQuery, response: { 200: CaseList, ...errorsFor(400, 401, 403) },
    },
  }, async (req) => query.listCases(ctx, requireActor(req), req.query))

  app.get('/api/cases/counts', {
    schema: {
      tags, summary: '办件计数 the counts on the case list\'s tabs: mine received today, 待补正, 待送达领取, all in the jurisdiction',
      response: { 200: Type.Object({ today: Type.Integer(), correction: Type.Integer(), toDeliver: Type.Integer(), all: Type.Integer() }), ...errorsFor(401, 403) },
    },
  }, async (req) => query.workListCounts(ctx, requireActor(req)))

  app.get('/api/cases/inbox', {
    schema: {
      tags, summary: '待办 the approver\'s open steps at their center (their department), soonest due first',
      querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 40 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
      response: { 200: Inbox, ...errorsFor(400, 401, 403) },
    },
  }, async (req) => query.inbox(ctx, requireActor(req), req.query))

  app.get('/api/cases/extensions', {
    schema: {
      tags, summary: '延期审批 pending extension requests for a manager',
      response: { 200: Type.Object({ extensions: Type.Array(Type.Object({ id: Type.Integer(), days: Type.Integer(), reason: Type.String(), requestedAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), pastLegal: Type.Boolean(), case: Case })) }), ...errorsFor(401, 403) },
    },
  }, async (req) => query.pendingExtensions(ctx, requireActor(req)))

  app.get('/api/cases/:id', {
    schema: {
      tags, summary: '办件详情 the case page: full ID number (each view audited), timeline, steps, allowed actions, notice data',
      params: IdParams, response: { 200: CaseDetail, ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => query.getCase(ctx, requireActor(req), req.params.id))

  app.post('/api/cases/:id/actions/:action', {
    schema: {
      tags, summary: '办理 take an action on a case (accept, supplement, refuse, advance, sign, approve, deny, answer, suspend, resume, extend, deliver, pickup …)',
      description: '409 invalid_transition lists allowedActions in details; 409 case_busy when someone else is acting on it; 409 stale_case when `version` is behind.',
      params: ActionParams, body: ActionBody, response: { 200: Case, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    query.assertReader(actor)
    await performAction(ctx, actor, req.params.id, req.params.action, req.body)
    const detail = await query.getCaseRow(ctx, actor, req.params.id)
    return detail
  })

  app.post('/api/cases/:id/actions-in-one', {
    schema: {
      tags, summary: '连续办理 complete consecutive steps one holds (承办 → 审核 → 决定) in one go, each recorded as its own action',
      description: 'Only where the item version allows it (consecutiveSteps; 403 otherwise: separation of duties). One transaction: all or none; each action is checked as if taken alone and appends its event.',
      params: IdParams, body: ChainBody, response: { 200: Case, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    query.assertReader(actor)
    await performChain(ctx, actor, req.params.id, req.body.version, req.body.actions)
    return query.getCaseRow(ctx, actor, req.params.id)
  })

  app.get('/api/workbench/calendar-warning', {
    schema: {
      tags: ['calendar'], summary: '日历提醒 years within the next 60 days whose official working-day schedule is not confirmed',
      response: { 200: Type.Object({ horizonDays: Type.Integer(), warnings: Type.Array(Type.Object({ year: Type.Integer(), startsOn: Type.String(), daysUntil: Type.Integer() })) }), ...errorsFor(401, 403) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    if (!actor.roles.some((r) => r === 'manager' || r === 'admin')) throw errors.forbidden('只有管理人员和系统管理员查看日历提醒')
    const cal = await calendarCache(ctx).get()
    return { horizonDays: CALENDAR_WARNING_DAYS, warnings: calendarWarnings(cal, chinaDate(ctx.clock.now())) }
  })
}
