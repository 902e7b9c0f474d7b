// Statistics aggregates (统计分析, issue 8): append-only delta rows written by triggers inside the transaction that
// changes a case, a rating or issues a ticket (a rollback takes its deltas with it; an idempotent retry writes no
// event, so no delta), folded by a worker into one row per (day, center, department, window, person, item).
// Deltas are inserts only, so 32 clerks at one window never wait on one counter row; readers add folded + unfolded.
import { sql, type Kysely } from 'kysely'

/** The measures, in the order of both tables' columns. */
export const STAT_MEASURES = [
  'received', 'accepted', 'refused', 'finished', 'on_time', 'early', 'late', 'workdays', 'trips', 'one_trip', 'visits', 'rated', 'satisfied',
] as const
export const STAT_KEYS = ['day', 'center_id', 'department_id', 'window_id', 'person_id', 'item_id'] as const

/**
 * The deltas of a set of case events (`source`: the trigger's transition table, or case_events itself when the
 * benchmark fills the aggregates of generated history). One event counts where it happened: its day (China time),
 * center, window and actor; the case's department and item.
 * - received: the case's first event (intake at a window or a village room; a refusal on the spot included)
 * - accepted: into `accepted` from nothing, `received` or `correction`; refused: into `refused`
 * - finished: into a decision (准予/不予许可/已答复); on time = decided on or before the due date (early: before),
 *   late after it; workdays = working days from acceptance to the decision; trips = the item's 到现场次数 plus one per
 *   correction notice; one_trip = at most one visit and no correction (as the operations report counts it).
 * A decision on the day of acceptance has 0 working days without calling yz_workdays; corrections are counted on
 * case_events_corrections_idx (migration 0081).
 */
export function eventDeltasSelect(source: string): string {
  return `
    select d.day, e.center_id, c.department_id, e.window_id, e.actor_id as person_id, c.item_id,
      count(*) filter (where f.received)::int as received,
      count(*) filter (where f.accepted)::int as accepted,
      count(*) filter (where f.refused)::int as refused,
      count(*) filter (where f.decided)::int as finished,
      count(*) filter (where f.decided and (c.due_date is null or d.day <= c.due_date))::int as on_time,
      count(*) filter (where f.decided and d.day < c.due_date)::int as early,
      count(*) filter (where f.decided and d.day > c.due_date)::int as late,
      coalesce(sum(case when c.accepted_on >= d.day then 0 else yz_workdays(c.accepted_on, d.day) end) filter (where f.decided), 0)::int as workdays,
      coalesce(sum(v.visits + t.corrections) filter (where f.decided), 0)::int as trips,
      count(*) filter (where f.decided and v.visits <= 1 and t.corrections = 0)::int as one_trip,
      0 as visits, 0 as rated, 0 as satisfied
    from ${source} e
    join cases c on c.id = e.case_id
    cross join lateral (select (e.at at time zone 'Asia/Shanghai')::date as day) d
    cross join lateral (select
      e.from_status is null as received,
      e.to_status = 'accepted' and coalesce(e.from_status, 'received') in ('received', 'correction') as accepted,
      e.to_status = 'refused' and e.from_status is distinct from 'refused' as refused,
      e.to_status in ('approved', 'denied', 'answered') and coalesce(e.from_status, '') not in ('approved', 'denied', 'answered') as decided) f
    left join item_versions v on f.decided and v.id = c.item_version_id
    left join lateral (select count(*)::int as corrections from case_events x
      where f.decided and x.case_id = e.case_id and x.action in ('correct', 'request_correction')) t on true
    where f.received or f.accepted or f.refused or f.decided
    group by d.day, e.center_id, c.department_id, e.window_id, e.actor_id, c.item_id`
}

const keyColumns = 'day date not null, center_id integer not null, department_id integer, window_id integer, person_id integer, item_id integer'
const measureColumns = STAT_MEASURES.map((m) => `${m} integer not null default 0`).join(',\n      ')

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- Working days after 'from' up to and including 'to' (the day of 'from' not counted, as for limits):
    -- Monday–Friday unless calendar_days says otherwise.
    create function yz_workdays(from_day date, to_day date) returns integer language sql stable as $$
      select count(*)::int from generate_series((from_day + 1)::timestamp, to_day::timestamp, interval '1 day') g(d)
      left join calendar_days cd on cd.day = g.d::date
      where coalesce(cd.workday, extract(isodow from g.d) < 6)
    $$;

    create table stat_deltas (
      id bigint generated always as identity primary key,
      ${keyColumns},
      ${measureColumns}
    );

    create table stat_daily (
      ${keyColumns},
      ${measureColumns},
      -- the fold's upsert target: one row per key, an absent window or person being one key too
      constraint stat_daily_key unique nulls not distinct (day, center_id, department_id, window_id, person_id, item_id)
    );
    -- statistics over a date range (every groupBy reads by day, then filters centers in scope)
    create index stat_daily_day_idx on stat_daily (day, center_id);

    -- Per month ('day' is the month's first day), one dimension at a time: a row per (month, center, dim, dim_id)
    -- for dim department, window, person and item. A range reads its whole months here (a year of a district is a few
    -- thousand rows, items being the most) and only the days of its partial months from stat_daily. Center and month
    -- totals are the sums of the department rows (every delta has exactly one department, possibly none).
    create table stat_monthly (
      day date not null,
      center_id integer not null,
      dim text not null check (dim in ('department','window','person','item')),
      dim_id integer,
      ${measureColumns},
      constraint stat_monthly_key unique nulls not distinct (day, center_id, dim, dim_id)
    );
    create index stat_monthly_day_idx on stat_monthly (dim, day, center_id);

    -- the operations report: cases accepted at a town's center in a date range
    create index cases_accepting_idx on cases (accepting_center_id, accepted_on);

    create function yz_stat_case_events() returns trigger language plpgsql as $f$
    begin
      insert into stat_deltas (${[...STAT_KEYS, ...STAT_MEASURES].join(', ')})
      ${eventDeltasSelect('new_events')};
      return null;
    end $f$;
    create trigger case_events_stats after insert on case_events
      referencing new table as new_events for each statement execute function yz_stat_case_events();

    -- A ticket issued is one visit (接待人次) at its center, for its item's department when it names an item.
    create function yz_stat_ticket() returns trigger language plpgsql as $f$
    begin
      insert into stat_deltas (day, center_id, department_id, item_id, visits)
      values (NEW.day, NEW.center_id, (select department_id from service_items where id = NEW.item_id), NEW.item_id, 1);
      return null;
    end $f$;
    create trigger tickets_stats after insert on tickets for each row execute function yz_stat_ticket();

    -- A rating counts unless set aside after review; 满意 or better (score >= 4) is satisfied.
    create function yz_stat_rating() returns trigger language plpgsql as $f$
    declare sign integer;
    begin
      if TG_OP = 'INSERT' then sign := case when NEW.set_aside then 0 else 1 end;
      else sign := case when NEW.set_aside = OLD.set_aside then 0 when NEW.set_aside then -1 else 1 end;
      end if;
      if sign <> 0 then
        insert into stat_deltas (day, center_id, department_id, window_id, person_id, item_id, rated, satisfied)
        values (NEW.rated_on, NEW.center_id, NEW.department_id, NEW.window_id, NEW.staff_id, NEW.item_id, sign,
          case when NEW.score >= 4 then sign else 0 end);
      end if;
      return null;
    end $f$;
    create trigger ratings_stats after insert or update of set_aside on ratings for each row execute function yz_stat_rating();
  `).execute(db)
  await backfillDeltas(db)
}

/**
 * The deltas of everything already in the base tables (case events, tickets, ratings): run here for data written
 * before this migration, and by bench:reports for its generated history; the fold then moves them like any other.
 */
export async function backfillDeltas(db: Kysely<any>): Promise<void> {
  await sql.raw(`insert into stat_deltas (${[...STAT_KEYS, ...STAT_MEASURES].join(', ')}) ${eventDeltasSelect('case_events')}`).execute(db)
  await sql`insert into stat_deltas (day, center_id, department_id, item_id, visits)
    select t.day, t.center_id, i.department_id, t.item_id, count(*)::int from tickets t left join service_items i on i.id = t.item_id
    group by 1, 2, 3, 4`.execute(db)
  await sql`insert into stat_deltas (day, center_id, department_id, window_id, person_id, item_id, rated, satisfied)
    select rated_on, center_id, department_id, window_id, staff_id, item_id, count(*)::int, count(*) filter (where score >= 4)::int
    from ratings where not set_aside group by 1, 2, 3, 4, 5, 6`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger ratings_stats on ratings;
    drop trigger tickets_stats on tickets;
    drop trigger case_events_stats on case_events;
    drop function yz_stat_rating(); drop function yz_stat_ticket(); drop function yz_stat_case_events();
    drop table stat_monthly, stat_daily, stat_deltas;
    drop index cases_accepting_idx;
    drop function yz_workdays(date, date);
  `.execute(db)
}
