// The skeleton's per-username failure counter, unused since the login throttle of migration 0050 (login_throttles)
// took its place: dropped. Down brings the empty table back for migration 0001's own down.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists login_failures`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_failures (
      username text primary key,
      failures integer not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    )
  `.execute(db)
}
