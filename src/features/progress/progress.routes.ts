// Contract: GET /api/public/progress?number=&code= (public, no login), with an ETag.
import { resolveProvinceNumber } from '../exchange/exchange.repository.js'
import { resolveNumber } from '../cases/offline-intake.js'
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { etagMatches } from '../../kernel/public-cache.js'
import { rateLimit } from '../../kernel/rate-limit.js'
import { DateString, ErrorResponse, NullableDateTime } from '../../kernel/schemas.js'
import { progress } from './progress.service.js'
import { CaseStatusSchema, Light } from '../cases/cases.schemas.js'
import { bundleProgress, isBundleNumber } from './bundle-progress.js'

const progressProps = {
  number: Type.String(), itemName: Type.String(), status: CaseStatusSchema, acceptedAt: NullableDateTime,
  dueDate: Type.Union([DateString, Type.Null()]), applicantName: Type.String(), suspended: Type.Boolean(), light: Light,
  commitment: Type.Optional(Type.Object({ dueDate: DateString, materials: Type.Array(Type.String()), done: Type.Boolean() }, { title: 'ProgressCommitment', description: '容缺受理: what the applicant must hand in and by when' })),
  events: Type.Array(Type.Object({ at: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), action: Type.String(), status: CaseStatusSchema, centerName: Type.String(), note: Type.String() }, { title: 'ProgressEvent' })),
}
const PartProgress = Type.Object(progressProps, { title: 'PartProgress' })
const Progress = Type.Object({
  ...progressProps,
  bundle: Type.Optional(Type.Object({ number: Type.String(), name: Type.String(), parts: Type.Array(PartProgress) }, { description: '一件事一次办: a bundle\'s number shows every part (each as a case\'s progress)' })),
}, { title: 'Progress' })

export function progressRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/progress', {
    config: rateLimit(ctx.config, 'progress'), // per client address: RATE_LIMIT_PROGRESS
    schema: {
      tags: ['public'], summary: '办理进度查询 a case\'s progress by number and query code (no login)',
      querystring: Type.Object({
        number: Type.String({ minLength: 1, maxLength: 40 }),
        code: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9A-Za-z]+$' }),
      }, { additionalProperties: false }),
      response: { 200: Progress, 304: Type.Null(), 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    // an offline slip's OFL-… number is an alias (issue 20), and so is the province's 统一申办流水号 (issue 27)
    const number = await resolveProvinceNumber(ctx.db, await resolveNumber(ctx.db, req.query.number))
    const code = req.query.code
    const { body, etag } = await (isBundleNumber(number) ? bundleProgress(ctx, number, code, (v) => reply.serialize(v) as string)
      : progress(ctx, number, code, (v) => reply.serialize(v) as string))
    reply.header('etag', etag).header('cache-control', 'no-cache')
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send(null)
    return reply.type('application/json; charset=utf-8').send(body as never) // already serialized by the route's schema
  })
}
