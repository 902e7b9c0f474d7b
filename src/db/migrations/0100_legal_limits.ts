// Legal time limits and documents (issue 18): each item version's unit, extension rule and outcome wording; the
// case's copy of them, its extended legal date and provisional flag; per department and center the 复议机关, the
// court, 复议前置 and whether the window may refuse; the department_head role; the added special procedures; and
// documents with a 文号 allocated gaplessly per department, document type and year by a trigger on case events,
// inside the action's own transaction. Frozen: imports nothing that keeps changing.
import { sql, type Kysely } from 'kysely'

const SPECIAL = `'hearing','tender','auction','inspection','testing','quarantine','appraisal','expert_review','public_notice'`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table item_versions
      add column days_unit text not null default 'workday' check (days_unit in ('workday','calendar')),
      add column extension_rule text not null default 'none' check (extension_rule in ('none','art42','joint','own')),
      add column extension_days integer not null default 0 check (extension_days between 0 and 3650),
      add column outcome_wording text not null default '',
      add column publish_warnings jsonb not null default '[]',
      add column publish_reason text;
    -- 行政许可: working days (§82) and the §42 extension (+15 for joint handling); other types: working days, no
    -- extension, until the catalog check has the administrator look at each.
    update item_versions set extension_rule = case when handling_kind = 'joint' then 'joint' else 'art42' end
      where item_type = '行政许可';
    -- 工伤认定 (《工伤保险条例》 §20: 60 日): calendar days.
    update item_versions set days_unit = 'calendar' where item_type = '行政确认' and legal_basis like '%工伤保险条例%';
    update item_versions set outcome_wording = case
      when item_type = '行政许可' then '准予许可' when item_type = '行政确认' and name like '%登记%' then '予以登记'
      when item_type = '行政确认' then '予以确认' when item_type = '行政给付' then '准予给付' else '已办结' end;

    alter table cases
      add column days_unit text not null default 'workday' check (days_unit in ('workday','calendar')),
      add column extension_rule text not null default 'none' check (extension_rule in ('none','art42','joint','own')),
      add column extension_days integer not null default 0,
      add column extended_legal_due_date date,
      add column provisional boolean not null default false;
    update cases k set days_unit = v.days_unit, extension_rule = v.extension_rule, extension_days = v.extension_days
      from item_versions v where v.id = k.item_version_id;
    update cases set legal_due_date = null where handling_kind = 'immediate';

    alter table centers add column review_body text, add column court text;
    alter table departments
      add column review_body text, add column court text,
      add column review_first boolean not null default false,
      add column window_may_refuse boolean not null default true;

    alter table users drop constraint if exists users_roles_check;
    alter table users add constraint users_roles_check check (cardinality(roles) > 0
      and roles <@ array['admin','manager','clerk','approver','agent','supervisor','department_head']);

    alter table case_pauses drop constraint if exists case_pauses_kind_check;
    alter table case_pauses add constraint case_pauses_kind_check check (kind in ('correction',${SPECIAL}));

    alter table case_extensions add column past_legal boolean not null default false;

    create table document_counters (
      department_id integer not null references departments(id),
      doc_type text not null,
      year integer not null,
      last integer not null,
      primary key (department_id, doc_type, year)
    );
    create table case_documents (
      id bigserial primary key,
      case_id bigint not null references cases(id),
      event_id bigint not null references case_events(id),
      doc_type text not null,
      department_id integer not null references departments(id),
      year integer not null,
      seq integer not null,
      doc_number text not null,
      issued_at timestamptz not null,
      unique (department_id, doc_type, year, seq)
    );
    create index case_documents_case_idx on case_documents (case_id);

    create function yz_issue_document() returns trigger language plpgsql as $$
    declare
      t text; prefix text; dep integer; short text; y integer; n integer;
    begin
      t := case new.action
        when 'accept' then 'accept' when 'supplement' then 'accept' when 'correct' then 'correction' when 'refuse' then 'refusal'
        when 'approve' then 'decision' when 'deny' then 'denial' when 'answer' then 'answer' when 'extend' then 'extension'
        when 'suspend' then case when new.data->>'kind' in (${SPECIAL}) and new.data->>'kind' <> 'public_notice' then 'special' end
        end;
      if t is null then return null; end if;
      prefix := case t when 'accept' then '受' when 'correction' then '补' when 'refusal' then '不受' when 'decision' then '决'
        when 'denial' then '不许' when 'answer' then '复' when 'extension' then '延' else '特' end;
      select k.department_id, coalesce(nullif(d.short_name, ''), d.name) into dep, short
        from cases k join departments d on d.id = k.department_id where k.id = new.case_id;
      y := extract(year from new.at at time zone 'Asia/Shanghai')::integer;
      insert into document_counters (department_id, doc_type, year, last) values (dep, t, y, 1)
        on conflict (department_id, doc_type, year) do update set last = document_counters.last + 1
        returning last into n;
      insert into case_documents (case_id, event_id, doc_type, department_id, year, seq, doc_number, issued_at)
        values (new.case_id, new.id, t, dep, y, n, short || prefix || '〔' || y || '〕' || n || '号', new.at);
      return null;
    end $$;
    create trigger case_events_issue_document after insert on case_events
      for each row execute function yz_issue_document();

    -- 行政许可法 §45: the applicant is told of a special procedure and its time (the 特别程序告知书 is the document).
    create function yz_special_procedure_message() returns trigger language plpgsql as $$
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
      insert into messages (case_id, event_id, template_key, phone, body, next_attempt_at, created_at)
      values (new.case_id, new.id, k, c.applicant_phone, t, new.at, new.at)
      on conflict (event_id) do nothing;
      perform pg_notify('yizhan_outbox', '');
      return null;
    end $$;
    create trigger case_events_special_message after insert on case_events
      for each row execute function yz_special_procedure_message();
    insert into message_templates (key, body) values ('special', '${SPECIAL_TEMPLATE}'), ('recalculated', '${RECALCULATED_TEMPLATE}');
  `).execute(db)
}

export const RECALCULATED_TEMPLATE = '您的办件{number}（{item}）：{note}。查询码{code}。'
export const SPECIAL_TEMPLATE = '您的办件{number}（{item}）进入特别程序：{note}。特别程序所需时间不计入办理期限，书面告知书可在窗口领取。查询码{code}。'

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    delete from message_attempts where message_id in (select id from messages where template_key in ('special', 'recalculated'));
    delete from messages where template_key in ('special', 'recalculated');
    delete from message_templates where key in ('special', 'recalculated');
    drop trigger case_events_special_message on case_events;
    drop function yz_special_procedure_message();
    drop trigger case_events_issue_document on case_events;
    drop function yz_issue_document();
    drop table case_documents, document_counters;
    alter table case_extensions drop column past_legal;
    delete from case_pauses where kind not in ('correction','hearing','inspection','expert_review','testing','public_notice');
    alter table case_pauses drop constraint case_pauses_kind_check;
    alter table case_pauses add constraint case_pauses_kind_check check (kind in ('correction','hearing','inspection','expert_review','testing','public_notice'));
    update users set roles = array_remove(roles, 'department_head');
    alter table users drop constraint users_roles_check;
    alter table users add constraint users_roles_check check (cardinality(roles) > 0 and roles <@ array['admin','manager','clerk','approver','agent','supervisor']);
    alter table departments drop column review_body, drop column court, drop column review_first, drop column window_may_refuse;
    alter table centers drop column review_body, drop column court;
    alter table cases drop column days_unit, drop column extension_rule, drop column extension_days,
      drop column extended_legal_due_date, drop column provisional;
    alter table item_versions drop column days_unit, drop column extension_rule, drop column extension_days,
      drop column outcome_wording, drop column publish_warnings, drop column publish_reason;
  `).execute(db)
}
