// The 办结 message says the decision in the item's own words, never the approver's internal opinion: an approval
// says its wording (予以确认, 准予给付 …, kept in the event's data since migration 0100's documents), a denial its
// wording and reasons (不予确认，理由：…), a plain 办结 its result (办理结果为调解协议书, not 已办结：已办结); a written
// answer its text as before. Until now {note} was the event's note, so an approver's opinion reached the applicant
// and the demo's 工伤认定 read 准予许可.
// The function is written out in full (a migration imports no code that keeps changing); down restores 0120's.
import { sql, type Kysely } from 'kysely'

const fn = (note: string) => sql.raw(`
    create or replace function yz_case_event_message() returns trigger language plpgsql as $$
    declare
      k text; c record; t text; center_name text; n text;
    begin
      k := case
        when NEW.data->>'ready' = 'true' then 'ready'
        when NEW.action in ('accept', 'supplement') and NEW.to_status = 'accepted' then 'accepted'
        when NEW.action = 'correct' then 'correction'
        when NEW.action = 'forward' then 'forwarded'
        when NEW.action in ('approve', 'deny', 'answer') then 'decided'
        when NEW.action = 'extend' then 'extended'
        else null end;
      if k is null then return null; end if;
      select number, query_code, item_name, applicant_phone, due_date, status, item_version_id into c from cases where id = NEW.case_id;
      if c.status = 'closed' then return null; end if; -- 即办: done on the spot, nothing to tell afterwards
      select body into t from message_templates where key = k and enabled;
      if t is null then return null; end if;
      -- 'ready' names where to pick the result up: the hand-over's receiver or the delivery's pick-up point.
      select name into center_name from centers where id = case when k = 'ready'
        then coalesce((NEW.data->>'toCenterId')::int, (NEW.data->>'centerId')::int, NEW.center_id) else NEW.center_id end;
      n := left(${note}, 80);
      t := replace(replace(replace(replace(replace(replace(t,
        '{number}', c.number), '{code}', c.query_code), '{item}', c.item_name), '{center}', coalesce(center_name, '')),
        '{due}', coalesce(to_char(c.due_date, 'YYYY-MM-DD'), '')), '{note}', n);
      insert into messages (case_id, event_id, template_key, phone, body, params, next_attempt_at, created_at)
      values (NEW.case_id, NEW.id, k, c.applicant_phone, t, jsonb_build_object('number', c.number, 'code', c.query_code,
        'item', c.item_name, 'center', coalesce(center_name, ''), 'due', coalesce(to_char(c.due_date, 'YYYY-MM-DD'), ''),
        'note', n), NEW.at, NEW.at);
      perform pg_notify('yizhan_outbox', '');
      return null;
    end $$;`)

const WORDED = `case NEW.action
        when 'approve' then case when NEW.data->>'wording' = '已办结'
          then coalesce('办理结果为' || nullif((select result from item_versions where id = c.item_version_id), ''), '办理完毕')
          else coalesce(nullif(NEW.data->>'wording', ''), NEW.note) end
        when 'deny' then coalesce(nullif(NEW.data->>'wording', ''), '不予许可') || '，理由：' || NEW.note
        else NEW.note end`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`${fn(WORDED)}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`${fn('NEW.note')}`.execute(db)
}
