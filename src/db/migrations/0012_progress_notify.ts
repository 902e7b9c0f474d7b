// Every case event is announced at commit on channel yizhan_progress with the case's id, so that each process can
// forget the progress answer it keeps for that case (src/features/progress/progress-trust.ts). NOTIFY folds equal
// payloads of one transaction into one.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function yz_case_event_progress() returns trigger language plpgsql as $$
    begin
      perform pg_notify('yizhan_progress', NEW.case_id::text);
      return null;
    end $$;
    create trigger case_events_progress after insert on case_events for each row execute function yz_case_event_progress();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger case_events_progress on case_events; drop function yz_case_event_progress();`.execute(db)
}
