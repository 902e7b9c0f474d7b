// Table types of session: sessions, bearer tokens, login throttles and password history (migrations 0001, 0050).
// Composed into `Database` by src/db/schema.ts; columns are snake_case as in SQL.
import type { Generated } from 'kysely'
import type { Timestamp, NullableTimestamp } from '../../db/columns.js'

export interface SessionsTable {
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
  ip: Generated<string>
  user_agent: Generated<string>
}

export interface ApiTokensTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  name: string
  created_at: Timestamp
  expires_at: NullableTimestamp
  revoked_at: NullableTimestamp
  last_used_at: NullableTimestamp
}

// Security pass (migration 0050).
export interface LoginThrottlesTable {
  scope: 'user_ip' | 'ip'
  key: string
  failures: number
  blocked_until: NullableTimestamp
  updated_at: Timestamp
}

export interface PasswordHistoryTable {
  id: Generated<number>
  user_id: number
  password_hash: string
  created_at: Timestamp
}

export interface SessionTables {
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  login_throttles: LoginThrottlesTable
  password_history: PasswordHistoryTable
}
