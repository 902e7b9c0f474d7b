// Table types of messages to applicants and staff: templates, the outbox, attempts, phone tasks, digests
// (migrations 0020, 0091, 0120).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { ColumnType, Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

export interface MessageTemplatesTable {
  key: string
  body: string
  enabled: Generated<boolean>
  updated_at: NullableTimestamp
  updated_by: number | null
}

export type MessageStatus = 'pending' | 'sent' | 'failed'

export interface MessagesTable {
  id: Generated<number>
  /** Null for a message to a staff member (the manager's digest, migration 0091). */
  case_id: number | null
  event_id: number | null
  user_id: ColumnType<number | null, number | null | undefined, number | null>
  template_key: string
  phone: string
  body: string
  status: Generated<MessageStatus>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  created_at: Timestamp
  sent_at: NullableTimestamp
  last_error: string | null
  /** The variables of the provider's filed template (migration 0120; src/domain/message-kinds.ts). */
  params: ColumnType<Record<string, string | number>, string | undefined, string>
  // migration 0141: a message of a ticket or a consultation
  ticket_id: ColumnType<number | null, number | null | undefined, number | null>
  consultation_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface MessageAttemptsTable {
  id: Generated<number>
  message_id: number
  at: Timestamp
  ok: boolean
  sender: string
  worker: string
  error: string | null
  /** The provider's id of the accepted message (Alibaba BizId, Tencent SerialNo). */
  receipt: ColumnType<string | null, string | null | undefined, string | null>
  throttled: Generated<boolean>
}

/** A message that finally failed: the case's village agent or intake window phones the applicant (migration 0120). */
export interface PhoneTasksTable {
  id: Generated<number>
  message_id: number
  case_id: number
  agent_id: number | null
  window_id: number | null
  center_id: number
  status: Generated<'open' | 'done'>
  created_at: Timestamp
  done_at: NullableTimestamp
  done_by: number | null
  note: Generated<string>
}

export interface DigestSendsTable { user_id: number; day: string; message_id: number | null; created_at: Timestamp }

export interface MessagesTables {
  message_templates: MessageTemplatesTable
  messages: MessagesTable
  message_attempts: MessageAttemptsTable
  phone_tasks: PhoneTasksTable
  digest_sends: DigestSendsTable
}
