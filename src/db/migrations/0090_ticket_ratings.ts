// 好差评 of a served hall ticket: a rating (and a bad rating's follow-up) names either a case or a ticket, once each.
// Also an index for the kiosk's wait estimate, which scanned every ticket once a hall had a history.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ratings alter column case_id drop not null, alter column item_id drop not null,
      add column ticket_id integer references tickets(id),
      add constraint ratings_case_or_ticket check ((case_id is null) <> (ticket_id is null)),
      drop constraint ratings_source_check,
      add constraint ratings_source_check check (source in ('progress','pad','ticket'));
    -- one rating per ticket (a second one is refused)
    create unique index ratings_ticket_idx on ratings (ticket_id);
    alter table rating_followups alter column case_id drop not null,
      add column ticket_id integer references tickets(id),
      add constraint rating_followups_case_or_ticket check ((case_id is null) <> (ticket_id is null));
    -- the wait estimate's recent service times of a category (tickets.service estimateInputs): no scan of every ticket
    create index tickets_done_recent on tickets (category_id, finished_at) where status = 'done';
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index tickets_done_recent;
    alter table rating_followups drop constraint rating_followups_case_or_ticket, drop column ticket_id;
    drop index ratings_ticket_idx;
    alter table ratings drop constraint ratings_case_or_ticket, drop column ticket_id,
      drop constraint ratings_source_check, add constraint ratings_source_check check (source in ('progress','pad'));
  `.execute(db)
}
