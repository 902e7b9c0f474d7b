// What the log must never show besides passwords and tokens (logger.ts): a case's query code (查询码), a phone's
// verification code (验证码) and an appointment's booking code (预约码), with which anyone reading the log could
// follow a case or cancel an appointment; and full ID numbers. Applied to request URLs, message texts and fields.
import { maskIdNumbersIn } from '../domain/id-number.js'

const CENSOR = '***'
/** Query parameters that carry a code: ?code= (progress, ratings), ?bookingCode=, ?queryCode=. */
const CODE_PARAM = /([?&](?:code|bookingCode|queryCode|booking_code|query_code)=)[^&#]*/gi
/** A code written in a text (an SMS body): 查询码ABC123, 验证码为 123456, 预约码：123456. */
const CODE_IN_TEXT = /((?:查询码|验证码|预约码)\s*(?:为|是)?\s*[:：]?\s*)[0-9A-Za-z]{4,}/g
/** Fields holding a code, wherever they appear in a logged object. */
export const CODE_FIELDS = ['queryCode', 'bookingCode', 'query_code', 'booking_code', 'codeHash', 'code_hash']

/** A log text with ID numbers masked and every code replaced by ***. */
export function redactText(text: string): string {
  return maskIdNumbersIn(text).replace(CODE_PARAM, `$1${CENSOR}`).replace(CODE_IN_TEXT, `$1${CENSOR}`)
}

/** A logged object's own string fields redacted the same way (the sender logs put the SMS text in `body`/`text`). */
export function redactFields(o: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(o)) {
    const next = CODE_FIELDS.includes(k) ? CENSOR : typeof v === 'string' ? redactText(v) : v
    if (next !== v) (out ??= { ...o })[k] = next
  }
  return out ?? o
}
