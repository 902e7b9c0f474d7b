// Offline intakes the server could not record (issue 20): the item was retired or republished with other materials,
// the standing proxy was revoked, the requestId was reused with another body, the agent's account was disabled. The
// intake as the device sent it is kept here (never lost) as a task for the agent and the town until it is recorded
// again (resent, with the case) or given up (dropped, with the reason). One row per agent and requestId.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table offline_intake_tasks (
      id serial primary key,
      agent_id integer not null references users(id),
      center_id integer not null references centers(id),
      request_id text not null,
      offline_number text not null,
      device_received_at timestamptz not null,
      body jsonb not null,
      reason_code text not null,
      reason text not null,
      details jsonb,
      attempts integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      resolved_at timestamptz,
      resolved_by integer references users(id),
      resolution text check (resolution in ('resent', 'dropped')),
      case_id integer references cases(id),
      resolve_note text,
      unique (agent_id, request_id),
      check ((resolved_at is null) = (resolution is null))
    )`.execute(db)
  await sql`create index offline_intake_tasks_open on offline_intake_tasks (center_id, id) where resolved_at is null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table offline_intake_tasks`.execute(db)
}
