// Contract: POST /api/public/ratings (public). Plus, for managers and supervisors: ratings in their jurisdiction
// and the bad-rating follow-ups with their actions.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { DateString, DateTime, ErrorResponse, IdParams, NullableDateTime } from '../../kernel/schemas.js'
import { chinaDate } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import { isIsoDate } from '../../domain/calendar.js'
import { FOLLOWUP_ACTION_NAMES, FOLLOWUP_STATUSES } from '../../domain/rating-followup.js'
import { rateLimit } from '../../kernel/rate-limit.js'
import * as published from './published.service.js'
import * as service from './ratings.service.js'

const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

const RatingBody = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 40 }),
  code: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9A-Za-z_-]+$', description: 'the query code; a hall ticket (number DT-<id>): its slip\'s token' }),
  score: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意' }),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
  source: Type.Optional(Type.Enum(['progress', 'pad'])),
  options: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10, description: '差评选项 codes (GET /api/public/ratings/options); a bad rating only' })),
  indicators: Type.Optional(Type.Record(Type.String({ maxLength: 32 }), Type.Integer(), { description: '指标评分 by name (overall, efficiency, quality, attitude), 1–5' })),
}, { title: 'RatingBody', additionalProperties: false })
const Indicators = Type.Record(Type.String(), Type.Integer())
const RatingFormFields = { options: Type.Array(Type.String()), indicators: Indicators, addendum: Nullable(Type.String()) }
const Credentials = { number: RatingBody.properties.number, code: RatingBody.properties.code }
const Share = Type.Union([Type.Number(), Type.Null()], { description: 'a share in [0, 1]; null when there is nothing to divide by' })

const Followup = Type.Object({
  id: Type.Integer(), status: Type.Enum(FOLLOWUP_STATUSES), callbackDue: DateString, fixDue: DateString, due: Nullable(DateString),
  light: Type.Union([Type.Enum(['green', 'yellow', 'red']), Type.Null()]),
  calledBackAt: NullableDateTime, fixedAt: NullableDateTime, closedAt: NullableDateTime, createdAt: DateTime,
  rating: Type.Object({ id: Type.Integer(), score: Type.Integer(), comment: Type.String(), ratedAt: DateTime, source: Type.String(), ...RatingFormFields }),
  case: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), number: Type.String(), itemName: Type.String() }),
  ticketId: Type.Union([Type.Integer(), Type.Null()]), centerId: Type.Integer(), centerName: Type.String(), allowedActions: Type.Array(Type.String()),
}, { title: 'RatingFollowup' })
const FollowupDetail = Type.Intersect([Followup, Type.Object({
  events: Type.Array(Type.Object({ at: DateTime, action: Type.String(), from: Nullable(Type.String()), to: Type.String(), note: Type.String(), actor: Nullable(Type.String()) }, { title: 'FollowupEvent' })),
})], { title: 'RatingFollowupDetail' })

export function ratingsRoutes(app: App, ctx: AppContext): void {
  app.post('/api/public/ratings', {
    config: rateLimit(ctx.config, 'rating'), // per client address: RATE_LIMIT_RATING
    schema: {
      tags: ['public'], summary: '好差评 the applicant rates a finished case (closed, refused, denied/answered once delivered, 即办) a consultation (number + query code) or a served hall ticket (DT-<id> + its token), once',
      body: RatingBody,
      response: { 201: Type.Object({ id: Type.Integer(), number: Type.String(), score: Type.Integer(), followupId: Type.Union([Type.Integer(), Type.Null()]) }, { title: 'RatingReceipt' }), ...errorsFor(400, 404, 409, 429) },
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
        options: RatingBody.properties.options, indicators: RatingBody.properties.indicators,
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), number: Type.String(), score: Type.Integer(), followupId: Type.Union([Type.Integer(), Type.Null()]) }, { title: 'RatingReceipt' }), ...errorsFor(400, 404, 409, 429) },
    },
  }, async (req, reply) => reply.code(201).send(await service.rateTicket(ctx, req.params.id, req.body)))

  // The short link printed on the 办结通知书, the 不予受理/不予许可 documents and the consultation slip.
  app.get('/r/:number/:code', {
    schema: { hide: true, params: Type.Object({ number: Type.String({ pattern: '^[0-9A-Za-z-]{1,40}$' }), code: RatingBody.properties.code }) },
  }, async (req, reply) => reply.redirect(`/rate?${new URLSearchParams({ number: req.params.number, code: req.params.code }).toString()}`, 302))

  app.get('/api/public/ratings/options', {
    schema: {
      tags: ['public'], summary: '评价表 the 差评 options (by code) and the indicators of the national form, and who reads a comment',
      response: { 200: Type.Object({
        options: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
        indicators: Type.Array(Type.Object({ name: Type.String(), text: Type.String() })), commentReaders: Type.String(),
      }) },
    },
  }, async (_req, reply) => { reply.header('cache-control', 'public, max-age=300'); return service.ratingOptions(ctx) })

  app.get('/api/public/ratings/state', {
    config: rateLimit(ctx.config, 'progress'), // per client address: RATE_LIMIT_PROGRESS
    schema: {
      tags: ['public'], summary: '可否评价 whether the service (number + query code) may be rated now, was rated, may get a 追评',
      querystring: Type.Object(Credentials, { additionalProperties: false }),
      response: { 200: Type.Object({ ratable: Type.Boolean(), rated: Type.Boolean(), addendumAllowed: Type.Boolean() }), ...errorsFor(400, 404, 429) },
    },
  }, async (req) => service.ratingState(ctx, req.query.number, req.query.code))

  app.post('/api/public/ratings/followup', {
    config: rateLimit(ctx.config, 'rating'), // per client address: RATE_LIMIT_RATING
    schema: {
      tags: ['public'], summary: '追评 the applicant adds to a bad rating once (number + query code; a hall ticket: DT-<id> + its slip\'s token; a consultation: its slip)',
      body: Type.Object({ ...Credentials, comment: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), addendum: Type.String(), addendumAt: DateTime }), ...errorsFor(400, 404, 409, 429) },
    },
  }, async (req, reply) => reply.code(201).send(await service.addAddendum(ctx, req.body)))

  app.get('/api/public/ratings/summary', {
    schema: {
      tags: ['public'], summary: '评价公开 the 附录B values (好评率, 差评数, 差评整改率, 主动评价率) of a center (and the centers below it) and a month',
      querystring: Type.Object({ centerId: Type.Integer({ minimum: 1 }), month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({
        center: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() }), month: Type.String(), from: DateString, to: DateString,
        ratings: Type.Integer(), good: Type.Integer(), bad: Type.Integer(), badClosed: Type.Integer(), finished: Type.Integer(), rated: Type.Integer(),
        goodRate: Share, badCount: Type.Integer(), badFixedRate: Share, ratedRate: Share,
        byScore: Type.Array(Type.Object({ score: Type.Integer(), name: Type.String(), ratings: Type.Integer() })),
        definitions: Type.Record(Type.String(), Type.String()),
      }), ...errorsFor(400, 404) },
    },
  }, async (req, reply) => { reply.header('cache-control', 'public, max-age=60'); return published.publicSummary(ctx, req.query.centerId, req.query.month) })

  app.get('/api/ratings/export', {
    schema: {
      tags: ['ratings'], summary: '评价数据导出 one record per rating for a provincial 好差评 system (docs/RATINGS-EXPORT.md), JSON or CSV',
      querystring: Type.Object({ from: Type.String({ maxLength: 10 }), to: Type.String({ maxLength: 10 }), format: Type.Optional(Type.Enum(['json', 'csv'])) }, { additionalProperties: false }),
      response: { 200: Type.Any(), ...errorsFor(400, 401, 403) },
    },
  }, async (req, reply) => {
    const { from, to } = req.query
    const bad = [['from', from], ['to', to]].filter(([, v]) => !isIsoDate(v)).map(([f]) => ({ field: `querystring.${f}`, message: '日期无效' }))
    if (bad.length) throw errors.validation(bad)
    if (from > to) throw errors.validation([{ field: 'querystring.from', message: '起始日期晚于截止日期' }])
    const out = await published.exportRatings(ctx, requireActor(req), { from, to, format: req.query.format ?? 'json' })
    if (out.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(out.body) as never)
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="ratings-${from}-${to}.csv"`).send(out.body)
  })

  app.get('/api/ratings', {
    schema: {
      tags: ['ratings'], summary: '评价列表 ratings in the caller\'s jurisdiction (supervisors and managers)',
      querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 10 })), to: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ ratings: Type.Array(Type.Object({
        id: Type.Integer(), score: Type.Integer(), comment: Type.String(), source: Type.String(), ratedAt: DateTime, setAside: Type.Boolean(), ...RatingFormFields,
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
