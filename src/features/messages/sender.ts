// Who delivers a message: the log (development, the demo) or an SMS provider (providers/). One sender serves the
// case outbox and the hall's appointment codes. A provider's answer is sorted into three reasons: throttled and
// transient are retried by the outbox, rejected (a number or template the provider refuses) fails at once.
import { maskPhone } from '../../domain/ticket-rules.js'
import type { OutgoingMessage, Sender } from '../../kernel/sms-sender.js'

export type { OutgoingMessage, SendResult, Sender } from '../../kernel/sms-sender.js'

export type SendFailure = 'throttled' | 'transient' | 'rejected'

export class SendError extends Error {
  constructor(readonly reason: SendFailure, message: string, readonly code?: string) { super(message) }
}

/** Why a send failed, for any thrown value: unknown errors are transient (retried). */
export const failureOf = (e: unknown): SendFailure => (e instanceof SendError ? e.reason : 'transient')

export const refOf = (m: OutgoingMessage) => m.ref ?? `m${m.id}`

/** The default: one log line per message, the phone masked. The staff's message page lists the same messages. */
export function logSender(log: { info(o: object, m: string): void }): Sender {
  return {
    name: 'log', real: false,
    async send(m) { log.info({ messageId: m.id, caseId: m.caseId, phone: maskPhone(m.phone), template: m.templateKey, body: m.body }, '短信 sms (log sender, not sent)') },
  }
}

/** A provider's HTTP call: the answer's JSON whatever the status (providers put their error codes in the body). */
export async function postJson(url: string, init: { headers: Record<string, string>; body: string }, timeoutMs = 10_000): Promise<{ status: number; json: any }> {
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) })
  } catch (e) {
    throw new SendError('transient', `network: ${(e as Error).message}`)
  }
  const text = await res.text()
  try {
    return { status: res.status, json: JSON.parse(text) }
  } catch {
    throw new SendError('transient', `HTTP ${res.status}: ${text.slice(0, 200)}`)
  }
}
