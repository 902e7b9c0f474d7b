// The invitation to rate reaches a served hall ticket (its appointment's phone) and a consultation (a phone the window
// may note on it) as it reaches a case: once per service, 3 days after, through the outbox. A message may now belong
// to a ticket or a consultation; rating_invitations holds one row per service of any kind.
import { sql, type Kysely } from 'kysely'

export const RATING_INVITE_VISIT_TEMPLATE = '【一站】您在{center}的{number}号服务已结束，欢迎评价本次服务（一次一评）：在办理进度查询页输入编号{number}和查询码{code}即可评价。'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table consultations add column phone text not null default '' check (phone = '' or phone ~ '^1[0-9]{10}$');

    alter table messages add column ticket_id bigint references tickets(id),
      add column consultation_id bigint references consultations(id),
      drop constraint messages_case_or_user,
      add constraint messages_recipient check (num_nonnulls(case_id, user_id, ticket_id, consultation_id) >= 1);

    alter table rating_invitations drop constraint rating_invitations_pkey,
      alter column case_id drop not null,
      add column ticket_id bigint references tickets(id),
      add column consultation_id bigint references consultations(id),
      add constraint rating_invitations_one_service check (num_nonnulls(case_id, ticket_id, consultation_id) = 1);
    create unique index rating_invitations_case_idx on rating_invitations (case_id);
    create unique index rating_invitations_ticket_idx on rating_invitations (ticket_id);
    create unique index rating_invitations_consultation_idx on rating_invitations (consultation_id);
  `.execute(db)
  await db.insertInto('message_templates').values({ key: 'rating_invite_visit', body: RATING_INVITE_VISIT_TEMPLATE }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from message_attempts where message_id in (select id from messages where ticket_id is not null or consultation_id is not null);
    delete from rating_invitations where case_id is null;
    delete from messages where ticket_id is not null or consultation_id is not null;
    delete from message_templates where key = 'rating_invite_visit';
    drop index rating_invitations_case_idx, rating_invitations_ticket_idx, rating_invitations_consultation_idx;
    alter table rating_invitations drop constraint rating_invitations_one_service, drop column ticket_id, drop column consultation_id,
      alter column case_id set not null, add primary key (case_id);
    alter table messages drop constraint messages_recipient, drop column ticket_id, drop column consultation_id,
      add constraint messages_case_or_user check (case_id is not null or user_id is not null);
    alter table consultations drop column phone;
  `.execute(db)
}
