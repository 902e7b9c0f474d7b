// Contract: POST /api/public/ratings (public). Plus, for managers and supervisors: ratings in their jurisdiction
// and the bad-rating follow-ups with their actions.
import { Type } from 'typebox'
import type { App, AppContext } from '../../server/app.js'
import { requireActor } from '../../server/auth.js'
import { DateString, DateTime, ErrorResponse, IdParams, NullableDateTime } from '../../server/schemas.js'
import { chinaDate } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import { isIsoDate } from '../../domain/calendar.js'
import { FOLLOWUP_ACTION_NAMES, FOLLOWUP_STATUSES } from '../../domain/rating-followup.js'
import { rateLimit } from '../../server/rate-limit.js'
import * as service from './ratings.service.js'

const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

const RatingBody = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 40 }),
  code: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9A-Za-z]+$' }),
  score: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意' }),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
  source: Type.Optional(Type.Enum(['progress', 'pad'])),
}, { additionalProperties: false })

const Followup = Type.Object({
  id: Type.Integer(), status: Type.Enum(FOLLOWUP_STATUSES), callbackDue: DateString, fixDue: DateString, due: Nullable(DateString),
  light: Type.Union([Type.Enum(['green', 'yellow', 'red']), Type.Null()]),
  calledBackAt: NullableDateTime, fixedAt: NullableDateTime, closedAt: NullableDateTime, createdAt: DateTime,
  rating: Type.Object({ id: Type.Integer(), score: Type.Integer(), comment: Type.String(), ratedAt: DateTime, source: Type.String() }),
  case: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), number: Type.String(), itemName: Type.String() }),
  ticketId: Type.Union([Type.Integer(), Type.Null()]), centerId: Type.Integer(), centerName: Type.String(), allowedActions: Type.Array(Type.String()),
})
const FollowupDetail = Type.Intersect([Followup, Type.Object({
  events: Type.Array(Type.Object({ at: DateTime, action: Type.String(), from: Nullable(Type.String()), to: Type.String(), note: Type.String(), actor: Nullable(Type.String()) })),
})])

export function ratingsRoutes(app: App, ctx: AppContext): void {
  app.post('/api/public/ratings', {
    config: rateLimit(ctx.config, 'rating'), // per client address: RATE_LIMIT_RATING
    schema: {
      tags: ['public'], summary: '好差评 the applicant rates a closed case (number + query code), once, confidential',
      body: RatingBody,
      response: { 201: Type.Object({ id: Type.Integer(), number: Type.String(), score: Type.Integer(), followupId: Type.Union([Type.Integer(), Type.Null()]) }), ...errorsFor(400, 404, 409, 429) },
    },
  }, async (req, reply) => reply.code(201).send(await service.submitRating(ctx, req.body)))

  app.post('/api/public/tickets/:id/rating', {
    config: rateLimit(ctx.config, 'rating'), // per client address: RATE_LIMIT_RATING
    schema: {
      tags: ['public'], summary: '好差评 the applicant rates a served hall ticket from its follow page (the slip\'s token), once, confidential',
      params: IdParams,
      body: Type.Object({
        token: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z_-]+$' }),
        score: RatingBody.properties.score, comment: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), number: Type.String(), score: Type.Integer(), followupId: Type.Union([Type.Integer(), Type.Null()]) }), ...errorsFor(400, 404, 409, 429) },
    },
  }, async (req, reply) => reply.code(201).send(await service.rateTicket(ctx, req.params.id, req.body)))

  app.get('/api/ratings', {
    schema: {
      tags: ['ratings'], summary: '评价列表 ratings in the caller\'s jurisdiction (supervisors and managers)',
      querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 10 })), to: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ ratings: Type.Array(Type.Object({
        id: Type.Integer(), score: Type.Integer(), comment: Type.String(), source: Type.String(), ratedAt: DateTime, setAside: Type.Boolean(),
        number: Type.String(), itemName: Type.String(), centerName: Type.String(), staffName: Nullable(Type.String()),
      })) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => {
    const today = chinaDate(ctx.clock.now())
    const from = req.query.from ?? `${today.slice(0, 4)}-01-01`
    const to = req.query.to ?? today
    const bad = [['from', from], ['to', to]].filter(([, v]) => !isIsoDate(v)).map(([f]) => ({ field: `querystring.${f}`, message: '日期无效' }))
    if (bad.length) throw errors.validation(bad)
    if (from > to) throw errors.validation([{ field: 'querystring.from', message: '起始日期晚于截止日期' }])
    return service.listRatings(ctx, requireActor(req), { from, to })
  })

  app.get('/api/ratings/followups', {
    schema: {
      tags: ['ratings'], summary: '差评整改 bad-rating follow-ups in the caller\'s jurisdiction',
      querystring: Type.Object({ status: Type.Optional(Type.Enum(FOLLOWUP_STATUSES)) }, { additionalProperties: false }),
      response: { 200: Type.Object({ followups: Type.Array(Followup) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => service.listFollowups(ctx, requireActor(req), req.query.status))

  app.get('/api/ratings/followups/:id', {
    schema: { tags: ['ratings'], summary: '差评整改单 one follow-up with its record', params: IdParams, response: { 200: FollowupDetail, ...errorsFor(400, 401, 403, 404) } },
  }, async (req) => service.getFollowup(ctx, requireActor(req), req.params.id))

  app.post('/api/ratings/followups/:id/actions/:action', {
    schema: {
      tags: ['ratings'], summary: '整改操作 call back, fix, close, ask for review, set aside or reject the review',
      params: Type.Object({ id: IdParams.properties.id, action: Type.Enum(FOLLOWUP_ACTION_NAMES) }),
      body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
      response: { 200: FollowupDetail, ...errorsFor(400, 401, 403, 404, 409) },
    },
  }, async (req) => service.followupAction(ctx, requireActor(req), req.params.id, req.params.action, req.body.note))
}
