// Every case event is announced at commit on channel yizhan_progress with the case's id, so that each process can
// forget the progress answer it keeps for that case (src/features/progress/progress-trust.ts). One statement-level
// trigger per insert statement (an intake writes its events in one); NOTIFY folds equal payloads of a transaction.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function yz_case_event_progress() returns trigger language plpgsql as $$
    begin
      perform pg_notify('yizhan_progress', case_id::text) from (select distinct case_id from new_events) e;
      return null;
    end $$;
    create trigger case_events_progress after insert on case_events
      referencing new table as new_events for each statement execute function yz_case_event_progress();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger case_events_progress on case_events; drop function yz_case_event_progress();`.execute(db)
}
