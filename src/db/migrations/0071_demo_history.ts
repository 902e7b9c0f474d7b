// Progress of the demo district's history (src/demo/history): generated day by day after the server is healthy,
// resumed from the last finished day after a restart.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table demo_history (
      id integer primary key check (id = 1),
      from_date date not null,
      to_date date not null,
      through date not null,
      status text not null check (status in ('running','done')),
      updated_at timestamptz not null
    );
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table demo_history`.execute(db)
}
