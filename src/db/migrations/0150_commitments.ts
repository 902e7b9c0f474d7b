// 容缺受理 (accept with a non-key material missing, 国发〔2024〕3号 容缺事项承诺办): an item version marks the materials
// that may be missing at acceptance, the working days the applicant has to hand them in and what a missed date allows;
// a case marks the materials it was accepted without and opens a step of kind `commitment` with its own due date;
// the reminder the day before is sent once per commitment (commitment_reminders).
import { sql, type Kysely } from 'kysely'

const STEP_KINDS = `'handle','review','approve','sign','forward','handover','delivery','issue'` // 'issue': migration 0102

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table item_materials add column deferral_allowed boolean not null default false;
    alter table item_versions add column deferral_days integer check (deferral_days between 1 and 60);
    alter table item_versions add column deferral_lapse text not null default 'suspend' check (deferral_lapse in ('suspend','deny','terminate'));
    alter table case_materials add column deferred boolean not null default false;
    alter table case_materials add column handed_in_via text check (handed_in_via in ('window','mail','electronic'));
    alter table case_steps drop constraint case_steps_kind_check;
    alter table case_steps add constraint case_steps_kind_check check (kind in (${STEP_KINDS},'commitment'));
    create table commitment_reminders (
      step_id bigint primary key references case_steps(id),
      case_id bigint not null references cases(id),
      message_id bigint references messages(id),
      created_at timestamptz not null
    );
    -- the reminder round: open commitments by due date
    create index case_steps_commitment_due_idx on case_steps (due_date, id) where done_at is null and kind = 'commitment';
    insert into message_templates (key, body) values
      ('commitment_reminder', '您的办件{number}容缺受理时承诺的材料须于{due}前补交，可交至受理窗口，也可邮寄或网上提交。查询码{code}。')
      on conflict (key) do nothing;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    delete from message_attempts where message_id in (select id from messages where template_key = 'commitment_reminder');
    delete from phone_tasks where message_id in (select id from messages where template_key = 'commitment_reminder');
    drop table commitment_reminders;
    drop index case_steps_commitment_due_idx;
    delete from messages where template_key = 'commitment_reminder';
    delete from message_templates where key = 'commitment_reminder';
    delete from case_steps where kind = 'commitment';
    alter table case_steps drop constraint case_steps_kind_check;
    alter table case_steps add constraint case_steps_kind_check check (kind in (${STEP_KINDS}));
    alter table case_materials drop column handed_in_via, drop column deferred;
    alter table item_versions drop column deferral_lapse, drop column deferral_days;
    alter table item_materials drop column deferral_allowed;
  `).execute(db)
}
