// Exchange, second part (issue 27): every rating goes to the province, not only a case's (a served hall ticket's and a
// consultation's too, keyed by the rating since they have no case), its 追评 as an update and its withdrawal after
// review (set aside: 复核属实，不计入满意度) as a deletion record (cd_operation D); the province's own 统一申办流水号
// generated at 受理 by the province's rule where it asks the county to number (exchange_settings.province_no_rule,
// written at start-up from EXCHANGE_PROVINCE_NO_RULE), one counter per prefix.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table exchange_records alter column case_id drop not null,
      drop constraint exchange_records_operation_check,
      add constraint exchange_records_operation_check check (operation in ('I','U','D')),
      add constraint exchange_records_subject check (case_id is not null or rating_id is not null);
    -- the versions of a rating without a case (a ticket's, a consultation's); the sender's wait for an earlier one
    create unique index exchange_records_rating_key on exchange_records (rating_id, version) where case_id is null;
    create index exchange_records_rating_idx on exchange_records (rating_id) where rating_id is not null;

    create table exchange_settings (key text primary key, value text not null, updated_at timestamptz not null default now());
    create table exchange_number_counters (prefix text primary key, last integer not null);

    -- The province's 统一申办流水号 by its rule: {area} the 12-digit 区划代码, {area6} its first six, {date} the China
    -- date of 受理 (YYYYMMDD), {year}, and one {seq:N}, a counter per everything else, N digits. Null: no rule.
    create function yz_province_number(cid bigint, at timestamptz) returns text language plpgsql as $f$
    declare rule text; area text; s text; n integer;
    begin
      select value into rule from exchange_settings where key = 'province_no_rule';
      if rule is null then return null; end if;
      area := coalesce(yz_exchange_head(cid)->>'area_code', '000000000000');
      s := replace(replace(replace(replace(rule, '{area}', area), '{area6}', left(area, 6)),
        '{date}', to_char(at at time zone 'Asia/Shanghai', 'YYYYMMDD')), '{year}', to_char(at at time zone 'Asia/Shanghai', 'YYYY'));
      insert into exchange_number_counters as c (prefix, last) values (regexp_replace(s, '\\{seq:\\d+\\}', '#'), 1)
        on conflict (prefix) do update set last = c.last + 1 returning last into n;
      return regexp_replace(s, '\\{seq:\\d+\\}', lpad(n::text, substring(s from '\\{seq:(\\d+)\\}')::int, '0'));
    end $f$;

    -- As in 0170, and the first 受理 record of a case numbers it by the province's rule (when there is one).
    create or replace function yz_exchange_put(cid bigint, st text, sq integer, at timestamptz, ev bigint, rt bigint, body jsonb)
    returns void language plpgsql as $f$
    declare v integer; h jsonb;
    begin
      select coalesce(max(version), 0) + 1 into v from exchange_records where case_id = cid and stage = st and seq = sq;
      if st = 'accept' and v = 1 then
        update cases set province_number = yz_province_number(cid, at) where id = cid and province_number is null
          and exists (select 1 from exchange_settings where key = 'province_no_rule');
      end if;
      h := yz_exchange_head(cid);
      insert into exchange_records (case_id, center_id, stage, seq, operation, version, event_id, rating_id, occurred_at, created_at, payload, next_attempt_at)
      values (cid, (h->>'center_id')::int, st, sq, case when v = 1 then 'I' else 'U' end, v, ev, rt, at, at,
        (h - 'center_id') || body, at);
      perform pg_notify('yizhan_exchange', '');
    end $f$;

    -- The identifiers of a service without a case: the ticket's (center code, day, ticket number) or the
    -- consultation's number, the item named on it (its published version), the rating's center.
    create function yz_exchange_service_head(rid bigint) returns jsonb language sql stable as $f$
      select jsonb_build_object(
        'project_no', coalesce(q.number, 'T' || c.code || to_char(t.day, 'YYYYMMDD') || t.number), 'province_no', null,
        'task_code', i.code, 'task_version', v.version, 'catalog_code', v.basic_code, 'task_name', v.name,
        'org_code', coalesce(d.credit_code, case when i.code ~ '^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{12}$' then left(i.code, 18) end),
        'org_name', d.name,
        'area_code', (select rpad(a.area_code, 12, '0') from centers a where a.area_code is not null
          and (a.id = c.id or c.path like a.path || '%') order by length(a.path) desc limit 1),
        'center_id', r.center_id)
      from ratings r join centers c on c.id = r.center_id
        left join tickets t on t.id = r.ticket_id left join consultations q on q.id = r.consultation_id
        left join service_items i on i.id = r.item_id
        left join item_versions v on v.item_id = i.id and v.status = 'published'
        left join departments d on d.id = coalesce(r.department_id, i.department_id)
      where r.id = rid
    $f$;

    -- Every rating (a case's, a ticket's, a consultation's) with its channel and who collected it: I when given, U when
    -- its 追评 is added, D when a review sets it aside. Keyed by the rating; a case's also waits for its 受理.
    create or replace function yz_exchange_rating() returns trigger language plpgsql as $f$
    declare v integer; h jsonb; op text; at timestamptz;
    begin
      if tg_op = 'INSERT' then op := 'I'; at := new.rated_at;
      elsif new.set_aside and not old.set_aside then
        op := 'D'; at := coalesce((select max(f.updated_at) from rating_followups f where f.rating_id = new.id), now());
      elsif new.addendum is distinct from old.addendum and not new.set_aside then op := 'U'; at := coalesce(new.addendum_at, now());
      else return null;
      end if;
      select coalesce(max(version), 0) + 1 into v from exchange_records where rating_id = new.id;
      h := case when new.case_id is not null then yz_exchange_head(new.case_id) else yz_exchange_service_head(new.id) end;
      insert into exchange_records (case_id, center_id, stage, seq, operation, version, rating_id, occurred_at, created_at, payload, next_attempt_at)
      values (new.case_id, new.center_id, 'rating', 0, case when v = 1 then 'I' else op end, v, new.id, at, at,
        (h - 'center_id') || jsonb_build_object(
          'evaluate_object', case when new.case_id is not null then 'case' when new.ticket_id is not null then 'ticket' else 'consultation' end,
          'evaluate_level', new.score, 'evaluate_content', new.comment, 'evaluate_addendum', new.addendum, 'evaluate_time', new.rated_at,
          'evaluate_channel', new.source,
          'evaluate_provenance', case new.source when 'pad' then 'window_pad' when 'progress' then 'progress_page' when 'ticket' then 'ticket_page' else new.source end),
        at);
      perform pg_notify('yizhan_exchange', '');
      return null;
    end $f$;
    drop trigger ratings_yz_exchange on ratings;
    create trigger ratings_yz_exchange after insert or update of set_aside, addendum on ratings for each row execute function yz_exchange_rating();
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger ratings_yz_exchange on ratings;
    create or replace function yz_exchange_rating() returns trigger language plpgsql as $f$
    begin
      if new.case_id is null then return null; end if;
      perform yz_exchange_put(new.case_id, 'rating', 0, new.rated_at, null, new.id, jsonb_build_object(
        'evaluate_level', new.score, 'evaluate_content', new.comment, 'evaluate_time', new.rated_at,
        'evaluate_channel', new.source,
        'evaluate_provenance', case new.source when 'pad' then 'window_pad' when 'progress' then 'progress_page' else new.source end));
      return null;
    end $f$;
    create trigger ratings_yz_exchange after insert on ratings for each row execute function yz_exchange_rating();
    drop function yz_exchange_service_head(bigint);
    create or replace function yz_exchange_put(cid bigint, st text, sq integer, at timestamptz, ev bigint, rt bigint, body jsonb)
    returns void language plpgsql as $f$
    declare v integer; h jsonb;
    begin
      select coalesce(max(version), 0) + 1 into v from exchange_records where case_id = cid and stage = st and seq = sq;
      h := yz_exchange_head(cid);
      insert into exchange_records (case_id, center_id, stage, seq, operation, version, event_id, rating_id, occurred_at, created_at, payload, next_attempt_at)
      values (cid, (h->>'center_id')::int, st, sq, case when v = 1 then 'I' else 'U' end, v, ev, rt, at, at,
        (h - 'center_id') || body, at);
      perform pg_notify('yizhan_exchange', '');
    end $f$;
    drop function yz_province_number(bigint, timestamptz);
    drop table exchange_number_counters, exchange_settings;
    -- records of ratings without a case, and deletions, go with this migration
    delete from exchange_attempts where record_id in (select id from exchange_records where case_id is null or operation = 'D');
    delete from exchange_records where case_id is null or operation = 'D';
    drop index exchange_records_rating_idx;
    drop index exchange_records_rating_key;
    alter table exchange_records drop constraint exchange_records_subject,
      drop constraint exchange_records_operation_check,
      add constraint exchange_records_operation_check check (operation in ('I','U')),
      alter column case_id set not null;
  `.execute(db)
}
