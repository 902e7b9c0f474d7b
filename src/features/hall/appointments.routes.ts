// Appointments: public booking with a phone code (no login), and the staff's list of a day.
import { Type } from 'typebox'
import type { App } from '../../kernel/context.js'
import { keyedLimit, rateLimit } from '../../kernel/rate-limit.js'
import { requirePermission } from '../../kernel/guards.js'
import { IdParams } from '../../kernel/schemas.js'
import * as service from './appointments.service.js'
import { BookingCode, Day, errorReplies, Hm, Id, Phone, tags } from './hall.schemas.js'
import type { Hall } from './hall.context.js'
import { hallInScope } from './setup.service.js'

const Booked = Type.Object({
  id: Type.Integer(), bookingCode: Type.String(), day: Type.String(), slotStart: Type.String(), slotEnd: Type.String(),
  categoryName: Type.String(), centerName: Type.String(), status: Type.String(),
})
const Changed = Type.Object({ id: Type.Integer(), status: Type.String(), day: Type.Optional(Type.String()), slotStart: Type.Optional(Type.String()), slotEnd: Type.Optional(Type.String()) }, { title: 'AppointmentChange' })
const Owner = { phone: Phone, bookingCode: BookingCode }

export function appointmentRoutes(app: App, hall: Hall): void {
  // Guessing a booking code: a limit per address (RATE_LIMIT_APPOINTMENT) and one per address and appointment
  // (RATE_LIMIT_APPOINTMENTCODE). The appointment itself is never locked, so nobody can lock its owner out.
  const owner = { config: rateLimit(hall.config, 'appointment'), preHandler: keyedLimit(app, hall.config, 'appointmentCode', (req) => `${req.ip}|appointment:${(req.params as { id: number }).id}`) }
  app.post('/api/public/appointments/codes', {
    config: rateLimit(hall.config, 'code'), // per client address: RATE_LIMIT_CODE
    schema: {
      tags, summary: '获取预约验证码 send a verification code to a phone', body: Type.Object({ phone: Phone }, { additionalProperties: false }),
      response: { 202: Type.Object({ sent: Type.Boolean(), expiresInSeconds: Type.Integer() }), ...errorReplies },
    },
  }, async (req, reply) => reply.code(202).send(await service.requestCode(hall, req.body.phone)))

  app.get('/api/public/centers/:id/slots', {
    schema: {
      tags, summary: '预约时段 bookable slots of a day', params: IdParams,
      querystring: Type.Object({ categoryId: Id, day: Day }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          day: Type.String(), workday: Type.Boolean(),
          slots: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer(), left: Type.Integer(), past: Type.Boolean() })),
        }),
        ...errorReplies,
      },
    },
  }, async (req) => service.slots(hall, req.params.id, req.query.categoryId, req.query.day))

  app.post('/api/public/appointments', {
    schema: {
      tags, summary: '预约 book a slot (with the phone\'s verification code)',
      body: Type.Object({
        centerId: Id, categoryId: Id, day: Day, start: Hm, phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$' }),
        name: Type.Optional(Type.String({ maxLength: 40, pattern: '^[^\\u0000]*$' })),
      }, { additionalProperties: false }),
      response: { 201: Booked, ...errorReplies },
    },
  }, async (req, reply) => reply.code(201).send(await service.book(hall, req.body)))

  app.post('/api/public/appointments/:id/cancel', {
    ...owner,
    schema: { tags, summary: '取消预约 cancel an appointment', params: IdParams, body: Type.Object(Owner, { additionalProperties: false }), response: { 200: Changed, ...errorReplies } },
  }, async (req) => service.cancel(hall, req.params.id, req.body))

  app.post('/api/public/appointments/:id/reschedule', {
    ...owner,
    schema: {
      tags, summary: '改约 move an appointment to another slot', params: IdParams,
      body: Type.Object({ ...Owner, day: Day, start: Hm }, { additionalProperties: false }), response: { 200: Changed, ...errorReplies },
    },
  }, async (req) => service.reschedule(hall, req.params.id, req.body))

  app.get('/api/hall/appointments', {
    schema: {
      tags, summary: '预约列表 appointments of a center on a day (no-shows recorded)',
      querystring: Type.Object({ centerId: Id, day: Day }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          appointments: Type.Array(Type.Object({
            id: Type.Integer(), categoryId: Type.Integer(), categoryName: Type.String(), day: Type.String(), slotStart: Type.String(),
            slotEnd: Type.String(), phone: Type.String(), name: Type.String(), status: Type.String(), late: Type.Boolean(),
          }, { additionalProperties: true })),
        }),
        ...errorReplies,
      },
    },
  }, async (req) => {
    const actor = requirePermission(req, 'network.read')
    await hallInScope(hall.db, actor, req.query.centerId)
    return { appointments: await service.listAppointments(hall, req.query.centerId, req.query.day) }
  })
}
