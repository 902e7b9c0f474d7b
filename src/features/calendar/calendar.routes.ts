// Contract: GET /api/calendar/deadline (stable, public). The calendar's days (public) and the administrator's
// corrections: next year's holidays and 调休 each November, then confirming the year.
import { Type } from 'typebox'
import { isIsoDate, MAX_YEAR, MIN_YEAR } from '../../domain/calendar.js'
import { errors } from '../../domain/errors.js'
import type { App, AppContext } from '../../kernel/context.js'
import { requirePermission } from '../../kernel/guards.js'
import { DateString, ErrorResponse } from '../../kernel/schemas.js'
import * as service from './calendar.service.js'
import * as notice from './notice.service.js'

/** Longest limit accepted: ten years of working days, far beyond any statutory limit. */
export const MAX_DAYS = 3650

const Year = Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR })
const Source = Type.Union([Type.Literal('chinese-days'), Type.Literal('admin'), Type.Literal('provisional')])
const Day = Type.Object({ date: DateString, workday: Type.Boolean(), name: Type.String(), source: Source }, { title: 'CalendarDay' })
const DateParams = Type.Object({ date: DateString })
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))

/** The schema checks the shape; this checks the date exists ('2026-02-30' does not) and lies in the years served. */
function realDate(field: string, value: string): string {
  if (!isIsoDate(value)) throw errors.validation([{ field, message: `不是有效日期（${MIN_YEAR}–${MAX_YEAR} 年）: ${value}` }])
  return value
}

export function calendarRoutes(app: App, ctx: AppContext, cases: { recomputeOpenCases: notice.RecomputeOpenCases }): void {
  const cache = service.calendarCache(ctx)

  app.get('/api/calendar/deadline', {
    schema: {
      tags: ['calendar'], summary: '办理时限到期日 deadline: the Nth working day after a date',
      description: '受理当日不计; days=0 (即办) is `from` itself. confirmed=false when a year the answer depends on has no confirmed official schedule; provisional=true when such a year is counted on the statutory rules (《全国年节及纪念日放假办法》 2024) until its notice is entered.',
      querystring: Type.Object({ from: DateString, days: Type.Integer({ minimum: 0, maximum: MAX_DAYS }) }),
      response: {
        200: Type.Object({ due: DateString, confirmed: Type.Boolean(), unconfirmedYears: Type.Array(Type.Integer()), provisional: Type.Boolean() }),
        ...errorsFor(400),
      },
    },
  }, async (req) => service.deadline(cache, realDate('querystring.from', req.query.from), req.query.days))

  app.get('/api/calendar/days', {
    schema: {
      tags: ['calendar'], summary: '某年的节假日与调休 a year\'s holidays and make-up workdays',
      description: 'Only the days that differ from Monday–Friday work (and named weekend holidays). An unconfirmed year lists its statutory days computed from the 2024 rules with source "provisional".',
      querystring: Type.Object({ year: Year }),
      response: { 200: Type.Object({ year: Type.Integer(), confirmed: Type.Boolean(), days: Type.Array(Day) }), ...errorsFor(400) },
    },
  }, async (req) => service.listYear(ctx.db, req.query.year))

  app.put('/api/calendar/days/:date', {
    schema: {
      tags: ['calendar'], summary: '设置节假日或调休上班日 set a holiday or make-up workday',
      params: DateParams,
      body: Type.Object({ workday: Type.Boolean(), name: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      response: { 200: Day, ...errorsFor(400, 401, 403) },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'calendar.manage')
    const date = realDate('params.date', req.params.date)
    return service.setDay(ctx.db, cache, actor, date, { workday: req.body.workday, name: (req.body.name ?? '').trim() })
  })

  app.delete('/api/calendar/days/:date', {
    schema: {
      tags: ['calendar'], summary: '删除日历日期，恢复周一至周五规则 remove a day (back to the weekday rule)',
      params: DateParams,
      response: { 204: Type.Null(), ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'calendar.manage')
    await service.deleteDay(ctx.db, cache, actor, realDate('params.date', req.params.date))
    return reply.code(204).send(null)
  })

  app.post('/api/calendar/years/:year/notice', {
    schema: {
      tags: ['calendar'], summary: '录入并确认某年国务院放假安排 enter and confirm a year\'s official notice',
      description: 'The year\'s holidays and make-up working days replace its stored days; the year is confirmed; open cases whose dates change are recomputed, each with a `recalculate` event (the applicant is messaged). 400 when the year would have fewer than 200 or more than 260 working days (a paste error); 409 when the year is already confirmed.',
      params: Type.Object({ year: Year }),
      body: Type.Object({
        days: Type.Array(Type.Object({ date: DateString, workday: Type.Boolean(), name: Type.String({ maxLength: 100 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 120 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ year: Type.Integer(), confirmed: Type.Boolean(), workdays: Type.Integer(), changedCases: Type.Integer() }), ...errorsFor(400, 401, 403, 409) },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'calendar.manage')
    return notice.confirmNotice(ctx.db, cache, actor, ctx.clock.now(), req.params.year, req.body.days, cases.recomputeOpenCases)
  })

  app.put('/api/calendar/years/:year', {
    schema: {
      tags: ['calendar'], summary: '确认某年的官方安排 confirm a year\'s official schedule',
      params: Type.Object({ year: Year }),
      body: Type.Object({ confirmed: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Type.Object({ year: Type.Integer(), confirmed: Type.Boolean(), source: Source }), ...errorsFor(400, 401, 403, 409) },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'calendar.manage')
    return service.setYear(ctx.db, cache, actor, req.params.year, req.body)
  })
}
