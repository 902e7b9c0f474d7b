// The port through which the process sends a text message: the context carries one (src/features/messages/sender.ts
// gives the log sender and the providers that implement it).
/** `caseId` null: a message to a staff member (the digest) or a verification code. */
export interface OutgoingMessage {
  id: number
  caseId: number | null
  phone: string
  /** The rendered text (what the log sender writes and the staff's message page shows). */
  body: string
  /** The message kind (src/domain/message-kinds.ts), which picks the provider template. */
  templateKey: string
  /** The provider template's variables. */
  params?: Record<string, unknown>
  /** The idempotency key sent to the provider (Alibaba OutId, Tencent SessionContext); `m<id>` by default. */
  ref?: string
}

export interface SendResult { receipt?: string | null }

export interface Sender {
  name: string
  /** Whether a message leaves the building (a provider) or only the log. */
  real?: boolean
  /** Throws when the message was not accepted (a SendError says why). */
  send(m: OutgoingMessage): Promise<SendResult | void>
}
