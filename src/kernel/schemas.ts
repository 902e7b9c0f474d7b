// Schemas shared by many routes.
import { Type } from 'typebox'

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
}, { $id: 'ErrorResponse' })

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

export const Level = Type.Union([Type.Literal('district'), Type.Literal('town'), Type.Literal('village')])

/** YYYY-MM-DD */
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

/** A timestamp: Date objects from the database are serialized as ISO 8601. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' })
export const NullableDateTime = Type.Unsafe<Date | string | null>({ type: 'string', format: 'date-time', nullable: true })
