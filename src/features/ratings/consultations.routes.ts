// 咨询登记: a window records a consultation and prints its slip (number + query code, rated like a case).
import { Type } from 'typebox'
import type { App, AppContext } from '../../kernel/context.js'
import { requireActor } from '../../kernel/guards.js'
import { DateTime, ErrorResponse, IdParams } from '../../kernel/schemas.js'
import * as service from './consultations.service.js'

const errorsFor = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]))
const Consultation = Type.Object({
  id: Type.Integer(), number: Type.String(), queryCode: Type.String(), topic: Type.String(), createdAt: DateTime,
  centerName: Type.String(), centerPhone: Type.String(), windowName: Type.Union([Type.String(), Type.Null()]), itemName: Type.Union([Type.String(), Type.Null()]),
}, { title: 'Consultation' })

export function consultationsRoutes(app: App, ctx: AppContext): void {
  app.post('/api/consultations', {
    schema: {
      tags: ['ratings'], summary: '咨询登记 a window records a consultation; the slip\'s number and query code rate it (POST /api/public/ratings)',
      body: Type.Object({
        itemId: Type.Optional(Type.Integer({ minimum: 1 })), topic: Type.Optional(Type.String({ maxLength: 200 })),
        phone: Type.Optional(Type.String({ maxLength: 20, description: 'the applicant\'s mobile (optional): one invitation to rate if still unrated 3 days later' })),
      }, { additionalProperties: false }),
      response: { 201: Consultation, ...errorsFor(400, 401, 403) },
    },
  }, async (req, reply) => reply.code(201).send(await service.recordConsultation(ctx, requireActor(req), req.body)))

  app.get('/api/consultations/:id', {
    schema: { tags: ['ratings'], summary: '咨询回执 one consultation\'s slip', params: IdParams, response: { 200: Consultation, ...errorsFor(400, 401, 403, 404) } },
  }, async (req) => service.getConsultation(ctx, requireActor(req), req.params.id))
}
