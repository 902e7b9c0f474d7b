// Rate-limit counters shared by every Yizhan process on this database (src/server/rate-limit.ts): one row per
// (limited route group and client address, fixed time window). Unlogged: counters are worth nothing after a crash,
// and skipping the WAL keeps the periodic batched upserts cheap.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limit_hits (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rate_limit_hits`.execute(db)
}
