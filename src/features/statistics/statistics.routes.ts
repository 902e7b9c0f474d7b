// GET /api/statistics (JSON or format=xlsx): the statistics of the actor's jurisdiction or of one center in it.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse } from '../../kernel/schemas.js'
import { centerById, GROUP_BYS } from './statistics.repository.js'
import { statistics } from './statistics.service.js'
import { channelStatistics } from './channels.js'
import { statisticsWorkbook } from './statistics.workbook.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const DateText = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })
const Count = Type.Integer()
const Rate = Type.Union([Type.Number(), Type.Null()])
const MeasuresSchema = {
  received: Count, accepted: Count, refused: Count, finished: Count, onTime: Count, early: Count, late: Count,
  onTimeRate: Rate, earlyRate: Rate, lateRate: Rate, workdays: Count, avgWorkdays: Rate, trips: Count, tripsPerCase: Rate,
  oneTrip: Count, oneTripRate: Rate, visits: Count, rated: Count, satisfied: Count, satisfaction: Rate,
}
const StatisticsSchema = Type.Object({
  from: Type.String(), to: Type.String(), groupBy: Type.Enum(GROUP_BYS), centerId: Count,
  rows: Type.Array(Type.Object({
    key: Type.Union([Type.Integer(), Type.String(), Type.Null()]), name: Type.String(),
    level: Type.Optional(Type.Enum(['district', 'town', 'village'], { description: 'groupBy=center: the center\'s level' })), ...MeasuresSchema,
  })),
  totals: Type.Object(MeasuresSchema),
  coverage: Type.Object({ villageRooms: Count, villageRoomsUsed: Count, rate: Rate }),
  entry: Type.Object({ requiredUnits: Count, enteredUnits: Count, rate: Rate }),
}, { title: 'Statistics' })
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`

const ChannelTally = { cases: Count, trips: Count, tripsPerCase: Rate }

export function statisticsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/statistics/channels', {
    schema: {
      tags: ['reports'], summary: '办理渠道 cases and trips per channel (窗口, 村代办, 帮办, 陪同办, 上门办), and trips per case with and without 容缺 and 一件事',
      querystring: Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText), centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), channels: Type.Array(Type.Object({ channel: Type.String(), name: Type.String(), ...ChannelTally })),
          total: Type.Object(ChannelTally), withCommitment: Type.Object(ChannelTally), bundled: Type.Object(ChannelTally), withoutEither: Type.Object(ChannelTally),
        }),
        400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse,
      },
    },
  }, async (req) => channelStatistics(ctx, requireActor(req), req.query))

  app.get('/api/statistics', {
    schema: {
      tags: ['reports'], summary: '统计分析 received/accepted/finished, on time, working days, trips, visits, satisfaction per group (JSON or xlsx)',
      description: 'from defaults to January 1 of to\'s year, to to today; groupBy defaults to center; a town user sees its own town and its villages.',
      querystring: Type.Object({
        from: Type.Optional(DateText), to: Type.Optional(DateText), groupBy: Type.Optional(Type.Enum(GROUP_BYS)),
        centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })), format: Type.Optional(Type.Enum(['json', 'xlsx'])),
      }, { additionalProperties: false }),
      response: { 200: StatisticsSchema, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (req, reply) => {
    const actor = requireActor(req)
    const s = await statistics(ctx, actor, req.query)
    if (req.query.format !== 'xlsx') {
      const { usedIds: _usedIds, ...coverage } = s.coverage // for the operations report, not part of the answer
      return { ...s, coverage }
    }
    const center = await centerById(ctx.db, s.centerId)
    const buf = await statisticsWorkbook(s, center?.name ?? '')
    return reply.header('content-type', XLSX).header('content-disposition', attachment(`统计分析-${s.from}-${s.to}.xlsx`)).send(buf as never)
  })
}
