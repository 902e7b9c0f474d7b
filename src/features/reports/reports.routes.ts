// Contract: Reports (login). GET /api/reports/operations as JSON, markdown or docx.
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { ErrorResponse } from '../../kernel/schemas.js'
import { toDocx, toMarkdown } from './operations.document.js'
import { operationsReport } from './operations.service.js'

const tags = ['reports']
const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const DateText = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })

const OperationsQuery = Type.Object({
  asOf: Type.Optional(DateText), casesFrom: Type.Optional(DateText), visitsFrom: Type.Optional(DateText),
  centerId: Type.Optional(Type.Integer({ minimum: 1 })),
  format: Type.Optional(Type.Enum(['json', 'markdown', 'docx'])),
}, { additionalProperties: false })

const Count = Type.Integer()
const Rate = Type.Union([Type.Number(), Type.Null()])
const Str = Type.String()
const Trips = Type.Object({ cases: Count, trips: Count, tripsPerCase: Rate }, { title: 'ReportTrips' })
const Operations = Type.Object({
  asOf: Str, casesFrom: Str, visitsFrom: Str,
  scope: Type.Object({ centerId: Count, name: Str, level: Str, government: Str }),
  network: Type.Object({ districtCenters: Count, townCenters: Count, villageRooms: Count }),
  district: Type.Union([Type.Null(), Type.Object({
    foundedOn: Type.Union([Str, Type.Null()]), requiredUnits: Count, enteredUnits: Count, windows: Count, items: Count,
    itemsByDepartment: Type.Array(Type.Object({ department: Str, items: Count })), windowStaff: Count, managers: Count,
  })]),
  towns: Type.Array(Type.Object({
    centerId: Count, name: Str, centerName: Str, windows: Count, windowNames: Type.Array(Str), staff: Count, items: Count, itemCategories: Count,
    casesSince: Type.Object({ from: Str, count: Count }), visits: Type.Object({ from: Str, to: Str, count: Count }),
  })),
  measures: Type.Object({
    from: Str, to: Str, received: Count, accepted: Count, refused: Count, decided: Count, onTime: Count, late: Count, onTimeRate: Rate,
    avgWorkdays: Rate, oneTripRate: Rate, villageRooms: Count, villageRoomsUsed: Count, villageCoverage: Rate, ratings: Count, good: Count,
    satisfaction: Rate, requiredUnits: Count, enteredUnits: Count, entryRate: Rate,
  }),
  trips: Type.Object({ total: Trips, withCommitment: Trips, bundled: Trips, withoutEither: Trips }),
  months: Type.Array(Type.Object({ month: Str, accepted: Count, finished: Count })),
  problems: Type.Object({
    unitsNotEntered: Type.Array(Str),
    lateSteps: Type.Array(Type.Object({ department: Str, steps: Count, late: Count })),
    leastUsedTown: Type.Union([Type.Null(), Type.Object({ name: Str, cases: Count, visits: Count, windows: Count, staff: Count, othersAverage: Count })]),
    idleVillageRooms: Type.Array(Type.Object({ town: Str, rooms: Count, names: Type.Array(Str) })),
  }),
  demoHistory: Type.Union([Type.Null(), Type.Object({ status: Type.Enum(['running', 'done']), from: Str, to: Str, through: Type.Union([Str, Type.Null()]) })]),
}, { title: 'OperationsReport' })

export function reportsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/reports/operations', {
    schema: {
      tags, summary: '运行情况报告 the live figures behind the district operations report (JSON, markdown or docx)',
      description: 'casesFrom defaults to January 1 of the year before asOf, visitsFrom to January 1 of asOf\'s year; a town user sees its own town. Cases and measures are the statistics\' figures over [casesFrom, asOf] (docs/MEASURES.md); the docx is a 公文 (GB/T 9704-2012) with server-drawn charts.',
      querystring: OperationsQuery, response: { 200: Operations, ...errorsFor(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const report = await operationsReport(ctx, requireActor(req), req.query)
    const name = `operations-${report.asOf}`
    if (req.query.format === 'markdown') {
      return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(toMarkdown(report) as never)
    }
    if (req.query.format === 'docx') {
      return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${name}.docx"`).send((await toDocx(report)) as never)
    }
    return report
  })
}
