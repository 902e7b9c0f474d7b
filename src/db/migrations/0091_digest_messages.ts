// The manager's daily digest through the message outbox: a message may go to a staff member (no case, no case
// event), and digest_sends records the one digest per manager per working day, written in the message's own
// transaction so a restart never sends it twice. Its template is editable like the others.
import { sql, type Kysely } from 'kysely'

export const DIGEST_TEMPLATE = '【监察简报】{date} {center}：黄灯{yellow}个，红灯{red}个，未签收督办{notices}件，超期差评整改{late}件。请登录工作台查看。'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table messages alter column case_id drop not null, alter column event_id drop not null,
      add column user_id integer references users(id),
      add constraint messages_case_or_user check (case_id is not null or user_id is not null);
    create table digest_sends (
      user_id integer not null references users(id),
      day date not null,
      message_id bigint references messages(id),
      created_at timestamptz not null,
      primary key (user_id, day)
    );
  `.execute(db)
  await db.insertInto('message_templates').values({ key: 'digest', body: DIGEST_TEMPLATE }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table digest_sends;
    delete from message_attempts where message_id in (select id from messages where case_id is null);
    delete from messages where case_id is null;
    delete from message_templates where key = 'digest';
    alter table messages drop constraint messages_case_or_user, drop column user_id,
      alter column case_id set not null, alter column event_id set not null;
  `.execute(db)
}
