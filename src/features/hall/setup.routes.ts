// The hall's setup (manager) and its statistics.
import { Type } from 'typebox'
import { addDays } from '../../domain/calendar.js'
import { errors } from '../../domain/errors.js'
import { chinaTime } from '../../domain/hall-time.js'
import type { App } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import { Day, errorReplies, Hm, Id, ItemRef, Prefix, tags } from './hall.schemas.js'
import type { Hall } from './hall.context.js'
import * as service from './setup.service.js'
import { hallStats } from './stats.repository.js'
import { Name } from '../network/network.shared.js'

const NullableHm = Type.Union([Type.String(), Type.Null()], { description: '午休 (null: none)' })

const Category = Type.Object({
  id: Type.Integer(), centerId: Type.Integer(), prefix: Type.String(), name: Type.String(), status: Type.String(),
  slotCapacity: Type.Integer(), position: Type.Integer(), items: Type.Array(ItemRef),
}, { title: 'TicketCategory' })

const Setup = Type.Object({
  centerId: Type.Integer(), centerName: Type.String(), opens: Type.String(), lunchStarts: NullableHm, lunchEnds: NullableHm, closes: Type.String(), hours: Type.String(), closed: Type.Boolean(),
  notice: Type.String(), maxCalls: Type.Integer(), slotMinutes: Type.Integer(), categories: Type.Array(Category),
  windows: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String(), status: Type.String(), categoryIds: Type.Array(Type.Integer()) })),
}, { title: 'HallSetup' })

const CategoryFields = {
  prefix: Prefix, name: Name(40), status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('retired')]),
  slotCapacity: Type.Integer({ minimum: 0, maximum: 500 }), position: Type.Integer({ minimum: 0, maximum: 1000 }),
  itemIds: Type.Array(Id, { maxItems: 500 }),
}

const StatsRow = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]), label: Type.String(), tickets: Type.Integer(), served: Type.Integer(), noShows: Type.Integer(),
  avgWaitSeconds: Type.Union([Type.Integer(), Type.Null()]), p90WaitSeconds: Type.Union([Type.Integer(), Type.Null()]),
  avgServiceSeconds: Type.Union([Type.Integer(), Type.Null()]),
  priorityTickets: Type.Integer({ description: '优先 tickets (老年人/残疾人/孕妇), counted apart' }), avgWaitPrioritySeconds: Type.Union([Type.Integer(), Type.Null()]),
})

export function setupRoutes(app: App, hall: Hall): void {
  app.get('/api/hall/centers/:id', {
    schema: { tags, summary: '大厅设置 the hall of a center: hours, notice, categories, windows', params: IdParams, response: { 200: Setup, ...errorReplies } },
  }, async (req) => service.getSetup(hall, requirePermission(req, 'network.read'), req.params.id))

  app.patch('/api/hall/centers/:id', {
    schema: {
      tags, summary: '修改大厅设置 opening hours (with the lunch break: the one source of hours), notice, calls before a no-show', params: IdParams,
      body: Type.Partial(Type.Object({
        opens: Hm, lunchStarts: Type.Union([Hm, Type.Null()]), lunchEnds: Type.Union([Hm, Type.Null()]), closes: Hm, closed: Type.Boolean(), notice: Type.String({ maxLength: 500, pattern: '^[^\\u0000]*$' }),
        maxCalls: Type.Integer({ minimum: 1, maximum: 10 }), slotMinutes: Type.Integer({ minimum: 10, maximum: 240 }),
      }), { additionalProperties: false, minProperties: 1 }),
      response: { 200: Setup, ...errorReplies },
    },
  }, async (req) => service.updateSettings(hall, requirePermission(req, 'hall.manage'), req.params.id, req.body))

  app.post('/api/hall/categories', {
    schema: {
      tags, summary: '新建取号类别 create a ticket category',
      body: Type.Object({
        centerId: Id, prefix: Prefix, name: CategoryFields.name, slotCapacity: Type.Optional(CategoryFields.slotCapacity),
        position: Type.Optional(CategoryFields.position), itemIds: Type.Optional(CategoryFields.itemIds),
      }, { additionalProperties: false }),
      response: { 201: Category, ...errorReplies },
    },
  }, async (req, reply) => reply.code(201).send(await service.createCategory(hall, requirePermission(req, 'hall.manage'), req.body)))

  app.patch('/api/hall/categories/:id', {
    schema: {
      tags, summary: '修改取号类别 update (pause, retire) a ticket category', params: IdParams,
      body: Type.Partial(Type.Object(CategoryFields), { additionalProperties: false, minProperties: 1 }), response: { 200: Category, ...errorReplies },
    },
  }, async (req) => service.updateCategory(hall, requirePermission(req, 'hall.manage'), req.params.id, req.body))

  app.put('/api/hall/windows/:id/categories', {
    schema: {
      tags, summary: '窗口叫号类别 the categories a window calls (none: all)', params: IdParams,
      body: Type.Object({ categoryIds: Type.Array(Id, { maxItems: 100 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ windowId: Type.Integer(), categoryIds: Type.Array(Type.Integer()) }), ...errorReplies },
    },
  }, async (req) => service.setWindowCategories(hall, requirePermission(req, 'hall.manage'), req.params.id, req.body.categoryIds))

  app.get('/api/hall/stats', {
    schema: {
      tags, summary: '大厅统计 tickets, wait (average, 90th percentile), service time, no-shows',
      querystring: Type.Object({
        from: Type.Optional(Day), to: Type.Optional(Day), centerId: Type.Optional(Id),
        by: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('center'), Type.Literal('window'), Type.Literal('staff')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), rows: Type.Array(StatsRow) }), ...errorReplies },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'hall.stats')
    // Default: the 30 days up to today (the hall's clock).
    const today = chinaTime(hall.clock.now()).day
    const { to = today, from = addDays(to, -29), centerId, by = 'day' } = req.query
    if (from > to) throw errors.validation([{ field: 'querystring.to', message: '结束日期不能早于开始日期' }])
    if (centerId !== undefined) await service.hallInScope(hall.db, actor, centerId)
    return { from, to, rows: await hallStats(hall.db, { scopePath: actor.centerPath, centerId, from, to, by }) }
  })
}
