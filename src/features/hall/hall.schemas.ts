// TypeBox schemas shared by the hall's routes.
import { Type } from 'typebox'
import { ErrorResponse, DateTime, NullableDateTime } from '../../kernel/schemas.js'
import { Id } from '../network/network.shared.js'

export { Id }
export const tags = ['hall']
export const errorReplies = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }
export const Hm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
export const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })
export const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$' })
export const BookingCode = Type.String({ pattern: '^[0-9]{6}$' })
export const Prefix = Type.String({ pattern: '^[A-Z]{1,2}$' })

const NullableInt = Type.Union([Type.Integer(), Type.Null()])
const NullableStr = Type.Union([Type.String(), Type.Null()])

export const TimelineEntry = Type.Object({
  at: DateTime, action: Type.String(), windowId: NullableInt, windowNumber: NullableStr, staffName: NullableStr, data: Type.Unknown(),
}, { title: 'TicketTimelineEntry' })

export const Ticket = Type.Object({
  id: Type.Integer(), centerId: Type.Integer(), categoryId: Type.Integer(), itemId: NullableInt, appointmentId: NullableInt,
  day: Type.String(), number: Type.String(), status: Type.String(), priority: Type.Integer(), queuedAt: DateTime, issuedAt: DateTime,
  targetWindowId: NullableInt, windowId: NullableInt, staffId: NullableInt, calls: Type.Integer(),
  firstCalledAt: NullableDateTime, calledAt: NullableDateTime, startedAt: NullableDateTime, finishedAt: NullableDateTime,
  caseRef: NullableStr, timeline: Type.Array(TimelineEntry),
}, { title: 'Ticket' })

export const CategoryRef = Type.Object({ id: Type.Integer(), prefix: Type.String(), name: Type.String() })
export const ItemRef = Type.Object({ id: Type.Integer(), name: Type.String() })
