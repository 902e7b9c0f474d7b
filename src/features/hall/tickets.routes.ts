// Tickets (no login: the kiosk and the phone that follows a ticket). Contract: POST /api/tickets.
import { Type } from 'typebox'
import type { App } from '../../kernel/context.js'
import { rateLimit } from '../../kernel/rate-limit.js'
import { DateTime, IdParams } from '../../kernel/schemas.js'
import { BookingCode, errorReplies, Id, ItemRef, tags } from './hall.schemas.js'
import type { Hall } from './hall.context.js'
import * as service from './tickets.service.js'

const TicketRequest = Type.Object({
  centerId: Id, categoryId: Type.Optional(Id), itemId: Type.Optional(Id), appointmentId: Type.Optional(Id), bookingCode: Type.Optional(BookingCode),
  priority: Type.Optional(Type.Boolean({ description: '老年人/残疾人/孕妇 优先: called after checked-in appointments, before ordinary walk-ins' })),
}, { title: 'TicketRequest', additionalProperties: false })

const IssuedTicket = Type.Object({
  id: Type.Integer(), number: Type.String(), ahead: Type.Integer(), estimatedWaitMinutes: Type.Integer(),
  token: Type.String(), categoryName: Type.String(), centerName: Type.String(), issuedAt: DateTime, appointment: Type.Boolean(),
  lane: Type.Enum(['appointment', 'priority', 'ordinary'], { description: 'the call order: appointments, then 优先, then 普通' }),
}, { title: 'IssuedTicket' })

const Followed = Type.Object({
  id: Type.Integer(), number: Type.String(), status: Type.String(), statusName: Type.String(), ahead: Type.Integer(),
  estimatedWaitMinutes: Type.Integer(), day: Type.String(), categoryName: Type.String(), issuedAt: DateTime,
  windowNumber: Type.Union([Type.String(), Type.Null()]), windowName: Type.Union([Type.String(), Type.Null()]),
  rated: Type.Boolean({ description: 'a served ticket already rated (POST /api/public/tickets/:id/rating)' }),
  addendumAllowed: Type.Boolean({ description: 'its bad rating may get its one 追评 (POST /api/public/ratings/followup with ratingNumber and the token)' }),
  ratingNumber: Type.String({ description: 'the number the ticket is rated and followed up by (DT-<id>), with its token as the code' }),
}, { title: 'FollowedTicket' })

const Kiosk = Type.Object({
  centerId: Type.Integer(), centerName: Type.String(), today: Type.String(), opens: Type.String(), lunchStarts: Type.Union([Type.String(), Type.Null()]), lunchEnds: Type.Union([Type.String(), Type.Null()]), closes: Type.String(), hours: Type.String({ description: '办公时间 as the public pages print it' }), notice: Type.String(),
  open: Type.Boolean(), closedReason: Type.Union([Type.String(), Type.Null()]), closedMessage: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(Type.Object({
    id: Type.Integer(), prefix: Type.String(), name: Type.String(), status: Type.String(), waiting: Type.Integer(), items: Type.Array(ItemRef),
  })),
}, { title: 'Kiosk' })

export function ticketRoutes(app: App, hall: Hall): void {
  app.post('/api/tickets', {
    config: rateLimit(hall.config, 'ticket'), // per client address: RATE_LIMIT_TICKET
    schema: {
      tags, summary: '取号 take a ticket (kiosk; by category, item, or an appointment\'s check-in)', body: TicketRequest,
      response: { 201: IssuedTicket, ...errorReplies },
    },
  }, async (req, reply) => reply.code(201).send(await service.issueTicket(hall, req.body)))

  app.get('/api/public/tickets/:id', {
    schema: {
      tags, summary: '排队进度 follow a ticket (the slip\'s QR code)', params: IdParams,
      querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
      response: { 200: Followed, ...errorReplies },
    },
  }, async (req) => service.followTicket(hall, req.params.id, req.query.token))

  app.get('/api/public/centers/:id/kiosk', {
    schema: { tags, summary: '取号机 what the kiosk offers now', params: IdParams, response: { 200: Kiosk, ...errorReplies } },
  }, async (req) => service.kiosk(hall, req.params.id))
}
