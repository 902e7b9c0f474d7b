// History for bench:reports across the demo district, in SQL (generate_series): `n` cases taken by the demo's clerks
// and agents at their own centers for items those centers offer, about five events each, tickets and ratings; then
// the statistics deltas of all of it (the migration's backfill) folded into the daily aggregate by the real fold.
import type pg from 'pg'
import type { Db } from '../src/db/database.js'
import { backfillDeltas } from '../src/db/migrations/0080_statistics.js'
import { foldAll } from '../src/features/statistics/statistics.repository.js'

const TRIGGERS = [['case_events', 'case_events_message'], ['case_events', 'case_events_progress'], ['case_events', 'case_events_stats'], ['tickets', 'tickets_stats'], ['ratings', 'ratings_stats']]

/**
 * Per case (i % 20): 0–12 closed (accept, advance ×2, approve, deliver, pickup), 13–14 corrected first then closed
 * (correct, supplement, …), 15–16 in review (accept, advance ×2), 17 accepted, 18 awaiting correction, 19 refused:
 * 5.05 events per case. Decided 3–20 days after intake against a due date 14 days after it, so some are late.
 */
const EVENT_PLAN = `
  (values
    ('c', 1, 'accept', null, 'accepted', 0), ('c', 2, 'advance', 'accepted', 'in_review', 1), ('c', 3, 'advance', 'in_review', 'in_review', 2),
    ('c', 4, 'approve', 'in_review', 'approved', -1), ('c', 5, 'deliver', 'approved', 'approved', -1), ('c', 6, 'pickup', 'approved', 'closed', -2),
    ('k', 1, 'correct', null, 'correction', 0), ('k', 2, 'supplement', 'correction', 'accepted', 1), ('k', 3, 'advance', 'accepted', 'in_review', 1),
    ('k', 4, 'advance', 'in_review', 'in_review', 2), ('k', 5, 'approve', 'in_review', 'approved', -1), ('k', 6, 'deliver', 'approved', 'approved', -1),
    ('k', 7, 'pickup', 'approved', 'closed', -2),
    ('r', 1, 'accept', null, 'accepted', 0), ('r', 2, 'advance', 'accepted', 'in_review', 1), ('r', 3, 'advance', 'in_review', 'in_review', 2),
    ('a', 1, 'accept', null, 'accepted', 0), ('w', 1, 'correct', null, 'correction', 0), ('x', 1, 'refuse', null, 'refused', 0)
  ) as p(plan, seq, action, from_status, to_status, offset_days)`

export async function generateHistory(pool: pg.Pool, db: Db, n: number): Promise<{ events: number; tickets: number; ratings: number; deltas: number; seconds: Record<string, number> }> {
  const c = await pool.connect()
  const seconds: Record<string, number> = {}
  const timed = async (name: string, q: string, params: unknown[] = []) => {
    const t0 = performance.now()
    await c.query(q, params)
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - t0) / 1000
  }
  try {
    for (const [table, trigger] of TRIGGERS) await c.query(`alter table ${table} disable trigger ${trigger}`)
    // who takes cases where, and what each center offers (the demo's own staff and offerings)
    await timed('setup', `
      create temporary table gen_staff as
      select row_number() over (order by u.id) - 1 as idx, u.id as user_id, u.center_id, u.window_id, c.path
      from users u join centers c on c.id = u.center_id
      where u.roles && array['clerk','agent']::text[] and exists (select 1 from item_offerings o where o.center_id = u.center_id);
      create temporary table gen_offers as
      select o.center_id, row_number() over (partition by o.center_id order by o.item_id) - 1 as idx, count(*) over (partition by o.center_id) as n,
        o.item_id, v.id as version_id, v.name, v.handling_kind, i.department_id
      from item_offerings o join service_items i on i.id = o.item_id
      join item_versions v on v.item_id = o.item_id and v.status = 'published';
      create index on gen_offers (center_id, idx);
      create temporary table gen_approvers as
      select distinct on (department_id) department_id, id as user_id from users where 'approver' = any(roles) and department_id is not null order by department_id, id;`)
    const staff = Number((await c.query('select count(*) as n from gen_staff')).rows[0].n)
    await timed('cases', `
      insert into cases (number, query_code, request_id, request_hash, created_by, item_id, item_version_id, item_version, item_name, handling_kind,
        department_id, status, applicant_kind, applicant_name, applicant_id_number, applicant_phone, origin_center_id, origin_path,
        accepting_center_id, current_center_id, window_id, received_at, received_on, accepted_at, accepted_on, promised_days, legal_days, due_date,
        legal_due_date, decided_at, closed_at, created_at, updated_at)
      select 'R-' || lpad(i::text, 8, '0'), upper(substr(md5(i::text), 1, 6)), 'rep-' || i, 'gen', s.user_id, o.item_id, o.version_id, 1, o.name, o.handling_kind,
        o.department_id, k.status, 'person', '赵六', '420102199001011237', '13800000000', s.center_id, s.path, s.center_id, s.center_id, s.window_id,
        t.at, t.day, case when k.accepted then t.at end, case when k.accepted then t.day end, 10, 20,
        case when k.accepted then t.day + 14 end, case when k.accepted then t.day + 42 end,
        case when k.closed then t.at + t.took end, case when k.closed then t.at + t.took + interval '1 day' end, t.at, t.at
      from generate_series(1, $1::int) i
      join gen_staff s on s.idx = i % $2
      cross join lateral (select * from gen_offers o where o.center_id = s.center_id and o.idx = (i * 7) % o.n) o
      cross join lateral (select i % 20 as m) r
      cross join lateral (select case when r.m <= 14 then 'closed' when r.m <= 16 then 'in_review' when r.m = 17 then 'accepted'
        when r.m = 18 then 'correction' else 'refused' end as status, r.m <= 17 as accepted, r.m <= 14 as closed) k
      cross join lateral (select now() - (i % 730) * interval '1 day' - (i % 480) * interval '1 minute' as at,
        ((now() - (i % 730) * interval '1 day' - (i % 480) * interval '1 minute') at time zone 'Asia/Shanghai')::date as day,
        (3 + i % 18) * interval '1 day' as took) t`, [n, staff])
    await timed('events', `
      insert into case_events (case_id, at, actor_id, center_id, window_id, action, from_status, to_status, note)
      select k.id, case p.offset_days when -1 then k.decided_at when -2 then k.closed_at else k.received_at + p.offset_days * interval '1 day' end,
        case when p.action in ('advance', 'approve') then coalesce(a.user_id, k.created_by) else k.created_by end,
        k.origin_center_id, case when p.action in ('advance', 'approve') then null else k.window_id end, p.action, p.from_status, p.to_status, ''
      from cases k
      cross join lateral (select case when substr(k.request_id, 5)::int % 20 <= 12 then 'c' when substr(k.request_id, 5)::int % 20 <= 14 then 'k'
        when substr(k.request_id, 5)::int % 20 <= 16 then 'r' when substr(k.request_id, 5)::int % 20 = 17 then 'a'
        when substr(k.request_id, 5)::int % 20 = 18 then 'w' else 'x' end as plan) q
      join ${EVENT_PLAN} on p.plan = q.plan
      left join gen_approvers a on a.department_id = k.department_id
      where k.request_id like 'rep-%'`)
    // one ticket for every other case taken at a town or district center; a rating for every fifth closed case
    await timed('tickets', `
      insert into hall_categories (center_id, prefix, name) select id, 'Z', '综合' from centers c where level <> 'village'
        and not exists (select 1 from hall_categories h where h.center_id = c.id and h.prefix = 'Z');
      insert into tickets (center_id, category_id, item_id, day, seq, number, token, status, queued_at, issued_at)
      select k.origin_center_id, h.id, k.item_id, k.received_on, row_number() over (partition by h.id, k.received_on order by k.id),
        'Z' || k.id, md5(k.id::text), 'done', k.received_at, k.received_at
      from cases k join hall_categories h on h.center_id = k.origin_center_id and h.prefix = 'Z'
      where k.request_id like 'rep-%' and k.id % 2 = 0`)
    await timed('ratings', `
      insert into ratings (case_id, source, score, center_id, center_path, department_id, window_id, staff_id, item_id, rated_at, rated_on)
      select k.id, 'progress', 1 + k.id % 5, k.origin_center_id, k.origin_path, k.department_id, k.window_id, k.created_by, k.item_id,
        k.closed_at, (k.closed_at at time zone 'Asia/Shanghai')::date
      from cases k where k.request_id like 'rep-%' and k.status = 'closed' and k.id % 5 = 0`)
    for (const [table, trigger] of TRIGGERS) await c.query(`alter table ${table} enable trigger ${trigger}`)
    await timed('vacuum', 'vacuum analyze') // what autovacuum does after a bulk load: statistics and the visibility map (index-only counts)
  } finally { c.release() }
  // the aggregates, filled the way the migration fills them for existing data and folded by the worker's own fold
  let t0 = performance.now()
  await backfillDeltas(db)
  seconds.deltas = (performance.now() - t0) / 1000
  const deltas = Number((await pool.query('select count(*) as n from stat_deltas')).rows[0].n)
  t0 = performance.now()
  await foldAll(db)
  seconds.fold = (performance.now() - t0) / 1000
  await pool.query('vacuum analyze stat_deltas, stat_daily, stat_monthly')
  const count = async (q: string) => Number((await pool.query(q)).rows[0].n)
  return {
    events: await count(`select count(*) as n from case_events`), tickets: await count('select count(*) as n from tickets'),
    ratings: await count('select count(*) as n from ratings'), deltas, seconds,
  }
}
