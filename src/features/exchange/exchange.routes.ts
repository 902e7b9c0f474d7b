// /api/exchange: the exchange log with the province (records, their requests and replies, the daily reconciliation),
// sending a refused record again, the identifiers the province needs, the catalog import; and the public signed link
// to the province's rating page.
import { Type } from 'typebox'
import { errors } from '../../domain/errors.js'
import { assertCan } from '../../domain/jurisdiction.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { DateString, DateTime, ErrorResponse, NullableDateTime } from '../../kernel/schemas.js'
import { Id } from '../network/network.shared.js'
import * as repo from './exchange.repository.js'
import * as service from './exchange.service.js'

const tags = ['exchange']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const NullableString = Type.Union([Type.String(), Type.Null()])
const Status = Type.Union(['pending', 'sent', 'acked', 'refused'].map((s) => Type.Literal(s)))
const Record_ = Type.Object({
  id: Type.Integer(), rowGuid: Type.String(), caseId: Type.Union([Type.Integer(), Type.Null()]), caseNumber: NullableString, centerName: Type.String(),
  stage: Type.String(), seq: Type.Integer(), operation: Type.String(), version: Type.Integer(), status: Type.String(), attempts: Type.Integer(),
  occurredAt: DateTime, sentAt: NullableDateTime, ackedAt: NullableDateTime, lastError: NullableString, refusedReason: NullableString,
}, { title: 'ExchangeRecord' })
const Counts = { created: Type.Integer(), sent: Type.Integer(), acknowledged: Type.Integer(), refused: Type.Integer(), pending: Type.Integer(), oldestUnacknowledged: NullableDateTime }
const Reconciliation = Type.Object({
  day: Type.String(), mode: Type.String(), totals: Type.Object(Counts),
  centers: Type.Array(Type.Object({ centerId: Type.Integer(), centerName: Type.String(), ...Counts })),
  refused: Type.Array(Type.Object({ id: Type.Integer(), centerId: Type.Integer(), caseNumber: NullableString, stage: Type.String(), seq: Type.Integer(), operation: Type.String(), reason: NullableString, at: NullableDateTime })),
})
const NationalItem = Type.Object({
  task_code: Type.String(), task_version: Type.Integer(), catalog_code: Type.String(), task_name: Type.String(), task_type: Type.String(),
  dept_code: Type.String(), handle_type: Type.Optional(Type.String()), legal_days: Type.Integer(), promised_days: Type.Integer(),
  town_accept: Type.Optional(Type.String()), village_accept: Type.Optional(Type.String()), task_state: Type.Optional(Type.String()), update_time: Type.String(),
  materials: Type.Optional(Type.Array(Type.Object({ material_name: Type.String(), material_form: Type.Optional(Type.String()), copies: Type.Optional(Type.Integer()), required: Type.Optional(Type.String()) }))),
})

/** /metrics: records by state and the age of the oldest unacknowledged one (one query per scrape, kept a second). */
function exchangeGauges(ctx: AppContext) {
  let last: ReturnType<typeof repo.totals> | undefined
  const totals = () => (last ??= repo.totals(ctx.db).catch(() => ({ pending: NaN, sent: NaN, acked: NaN, refused: NaN, oldest: NaN }))
    .finally(() => { setTimeout(() => { last = undefined }, 1000).unref() }))
  ctx.metrics.gauge('yizhan_exchange_pending_records', 'exchange records not yet sent to the province', async () => (await totals()).pending)
  ctx.metrics.gauge('yizhan_exchange_sent_unacknowledged_records', 'exchange records written to the staging tables, not yet taken by the province', async () => (await totals()).sent)
  ctx.metrics.gauge('yizhan_exchange_acknowledged_records', 'exchange records the province acknowledged', async () => (await totals()).acked)
  ctx.metrics.gauge('yizhan_exchange_refused_records', 'exchange records the province refused (kept with the reason)', async () => (await totals()).refused)
  ctx.metrics.gauge('yizhan_exchange_oldest_unacknowledged_age_seconds', 'age of the oldest exchange record not yet acknowledged (0: none)', async () => Math.max(0, (await totals()).oldest ?? 0))
}

export function exchangeRoutes(app: App, ctx: AppContext): void {
  exchangeGauges(ctx)
  app.get('/api/exchange/records', {
    schema: {
      tags, summary: '与省平台的交换记录 records of the exchange log in the actor\'s jurisdiction (refused ones with the province\'s reason)',
      querystring: Type.Object({
        status: Type.Optional(Status), caseId: Type.Optional(Id), afterId: Type.Optional(Type.Integer({ minimum: 0 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ records: Type.Array(Record_) }), ...errorsFor(400, 401, 403) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'supervision.read')
    return { records: await repo.listRecords(ctx.db, { ...req.query, centerPath: actor.centerPath, limit: req.query.limit ?? 100 }) }
  })

  app.get('/api/exchange/records/:id/attempts', {
    schema: {
      tags, summary: '每次请求与应答 every request and reply of a record (ID numbers masked)', params: Type.Object({ id: Id }),
      response: { 200: Type.Object({ attempts: Type.Array(Type.Object({ id: Type.Integer(), at: DateTime, adapter: Type.String(), worker: Type.String(), outcome: Type.String(), request: Type.String(), reply: Type.String() })) }), ...errorsFor(401, 403, 404) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'supervision.read')
    const [r] = await repo.listRecords(ctx.db, { centerPath: actor.centerPath, limit: 1, afterId: req.params.id - 1 })
    if (!r || r.id !== req.params.id) throw errors.notFound('交换记录', req.params.id)
    return { attempts: await repo.listAttempts(ctx.db, req.params.id) }
  })

  app.post('/api/exchange/records/:id/resend', {
    schema: {
      tags, summary: '重新发送 send a refused record again once its data is put right (identifiers read again, same row_guid)',
      params: Type.Object({ id: Id }), response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errorsFor(401, 403, 404, 409) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'network.manage')
    return service.resendRecord(ctx, actor, req.params.id)
  })

  app.get('/api/exchange/reconciliation', {
    schema: {
      tags, summary: '对账 the day\'s records per center: sent, acknowledged, refused (with reasons), not yet sent; the oldest unacknowledged',
      querystring: Type.Object({ day: Type.Optional(DateString) }, { additionalProperties: false }),
      response: { 200: Reconciliation, ...errorsFor(400, 401, 403) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'supervision.read')
    return service.reconciliationReport(ctx, actor, req.query.day)
  })

  app.get('/api/exchange/identifiers', {
    schema: {
      tags, summary: '区划代码与信用代码 each center\'s area code (and the 12 digits its records carry) and each department\'s credit code, in the actor\'s jurisdiction',
      response: {
        200: Type.Object({
          centers: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), areaCode: NullableString, recordAreaCode: NullableString })),
          departments: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), centerName: Type.String(), creditCode: NullableString })),
        }),
        ...errorsFor(401, 403),
      },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'network.manage')
    return repo.identifiers(ctx.db, actor.centerPath)
  })

  app.put('/api/exchange/centers/:id/area-code', {
    schema: {
      tags, summary: '中心的行政区划代码 a center\'s area code, 6, 9 or 12 digits (its records carry it padded to 12; a center without one uses the nearest above)',
      params: Type.Object({ id: Id }), body: Type.Object({ areaCode: Type.Union([Type.String({ maxLength: 12 }), Type.Null()]) }, { additionalProperties: false }),
      response: { 200: Type.Object({ centerId: Type.Integer(), areaCode: NullableString }), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'network.manage')
    return service.setAreaCode(ctx, actor, req.params.id, req.body.areaCode)
  })

  app.put('/api/exchange/departments/:id/credit-code', {
    schema: {
      tags, summary: '部门的统一社会信用代码 a department\'s credit code (the deciding department on every record)',
      params: Type.Object({ id: Id }), body: Type.Object({ creditCode: Type.Union([Type.String({ maxLength: 18 }), Type.Null()]) }, { additionalProperties: false }),
      response: { 200: Type.Object({ departmentId: Type.Integer(), creditCode: NullableString }), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'network.manage')
    return service.setCreditCode(ctx, actor, req.params.id, req.body.creditCode)
  })

  app.post('/api/exchange/catalog/import', {
    bodyLimit: 20 * 1024 * 1024,
    schema: {
      tags, summary: '从省平台导入实施清单 import the claimed 实施清单 (national item layout) from a file, or from EXCHANGE_CATALOG_URL when no items are given',
      body: Type.Object({ items: Type.Optional(Type.Array(NationalItem, { maxItems: 20000 })), source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), retired: Type.Integer(), skippedByWatermark: Type.Integer(), watermark: NullableString }),
        ...errorsFor(400, 401, 403, 409),
      },
    },
  }, async (req) => {
    const actor = requireActor(req)
    assertCan(actor, 'catalog.publish')
    return service.importCatalog(ctx, actor, req.body)
  })

  app.get('/api/public/exchange/rating-page', {
    schema: {
      tags, summary: '省级好差评页面 the province\'s rating page for a closed case, its fields signed (province-page mode)',
      querystring: Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }), code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ url: Type.String() }), ...errorsFor(400, 404, 409) },
    },
  }, async (req) => service.ratingPageLink(ctx, req.query.number, req.query.code))
}
