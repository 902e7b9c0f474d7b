// The 特别程序 and 期限变更 messages (migration 0100) keep their variables (messages.params, migration 0120) like every
// other message, so a provider sends them with their filed templates (src/domain/message-kinds.ts).
import { sql, type Kysely } from 'kysely'

const fn = (withParams: boolean) => sql.raw(`
    create or replace function yz_special_procedure_message() returns trigger language plpgsql as $$
    declare c record; t text; k text;
    begin
      k := case when new.action = 'suspend' and coalesce(new.data->>'special', 'false') = 'true' then 'special'
        when new.action = 'recalculate' then 'recalculated' end;
      if k is null then return null; end if;
      select number, query_code, item_name, applicant_phone into c from cases where id = new.case_id;
      select body into t from message_templates where key = k and enabled;
      if t is null then return null; end if;
      t := replace(replace(replace(replace(t, '{number}', c.number), '{code}', c.query_code), '{item}', c.item_name),
        '{note}', left(new.note, 120));
      ${withParams ? `insert into messages (case_id, event_id, template_key, phone, body, params, next_attempt_at, created_at)
      values (new.case_id, new.id, k, c.applicant_phone, t, jsonb_build_object('number', c.number, 'code', c.query_code,
        'item', c.item_name, 'note', left(new.note, 120)), new.at, new.at)` : `insert into messages (case_id, event_id, template_key, phone, body, next_attempt_at, created_at)
      values (new.case_id, new.id, k, c.applicant_phone, t, new.at, new.at)`}
      on conflict (event_id) do nothing;
      perform pg_notify('yizhan_outbox', '');
      return null;
    end $$;`)

export async function up(db: Kysely<any>): Promise<void> {
  await fn(true).execute(db)
  await sql`update messages set params = jsonb_build_object('number', c.number, 'code', c.query_code, 'item', c.item_name)
    from cases c where c.id = messages.case_id and messages.template_key in ('special', 'recalculated') and messages.params = '{}'::jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await fn(false).execute(db)
}
