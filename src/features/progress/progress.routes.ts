// Contract: GET /api/public/progress?number=&code= (public, no login), with an ETag.
import crypto from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { App, AppContext } from '../../server/app.js'
import { DateString, ErrorResponse, NullableDateTime } from '../../server/schemas.js'
import { progress } from './progress.service.js'

/**
 * Rate limiting of this public lookup goes HERE (the "public pages" work adds it): a preHandler that answers 429
 * with retry-after per client address. Until then it lets every request through.
 */
export async function progressRateLimit(_req: FastifyRequest, _reply: FastifyReply): Promise<void> {}

const Progress = Type.Object({
  number: Type.String(), itemName: Type.String(), status: Type.String(), acceptedAt: NullableDateTime,
  dueDate: Type.Union([DateString, Type.Null()]), applicantName: Type.String(), suspended: Type.Boolean(), light: Type.String(),
  events: Type.Array(Type.Object({ at: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), action: Type.String(), status: Type.String(), centerName: Type.String(), note: Type.String() })),
})

export function progressRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/progress', {
    preHandler: progressRateLimit,
    schema: {
      tags: ['public'], summary: '办理进度查询 a case\'s progress by number and query code (no login)',
      querystring: Type.Object({
        number: Type.String({ minLength: 1, maxLength: 40 }),
        code: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9A-Za-z]+$' }),
      }, { additionalProperties: false }),
      response: { 200: Progress, 304: Type.Null(), 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
    },
  }, async (req, reply) => {
    const body = await progress(ctx, req.query.number, req.query.code)
    const etag = '"' + crypto.createHash('sha1').update(JSON.stringify(body)).digest('base64url') + '"'
    reply.header('etag', etag).header('cache-control', 'no-cache')
    if (req.headers['if-none-match'] === etag) return reply.code(304).send(null)
    return body
  })
}
