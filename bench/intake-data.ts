// Data for bench:intake: a district with towns and villages, departments, a 即办 and a 承诺 item, the clerks who
// load the API; and a million cases generated in SQL (generate_series) for the list benchmarks.
import crypto from 'node:crypto'
import type pg from 'pg'
import type { Db } from '../src/db/database.js'
import { insertCenter } from '../src/features/network/centers.repository.js'
import { hashPassword } from '../src/features/session/passwords.js'

export type World = Awaited<ReturnType<typeof seedIntakeWorld>>

export async function item(db: Db, departmentId: number, centerIds: number[], kind: 'immediate' | 'promised', code: string) {
  const { id } = await db.insertInto('service_items').values({ code, department_id: departmentId }).returning('id').executeTakeFirstOrThrow()
  const { id: versionId } = await db.insertInto('item_versions').values({
    item_id: id, version: 1, status: 'published', name: kind === 'immediate' ? '居住证签注' : '建设工程规划许可', name_pinyin: '', name_initials: '',
    basic_code: code, item_type: '行政许可', implementing_body: '区第1局', legal_basis: '', targets: ['person'], handling_kind: kind,
    legal_days: kind === 'immediate' ? 0 : 20, promised_days: kind === 'immediate' ? 0 : 10, accept_level: 'village', decide_level: 'district',
    conditions: '', procedure: [], step_limits: '[]', fees: '{"charged":false}', result: '证件', visits: 1, consult_phone: '', complaint_phone: '12345',
    special_procedures: [], theme: '', category: '', created_by: null, published_by: null, published_at: new Date(), superseded_at: null,
  }).returning('id').executeTakeFirstOrThrow()
  const materials = await db.insertInto('item_materials').values([1, 2, 3].map((p) => ({
    version_id: versionId, position: p, name: ['申请表', '居民身份证', '其他材料'][p - 1], form: 'original' as const, copies: 1, required: p < 3, sample_file_id: null,
  }))).returning('id').execute()
  await db.insertInto('item_offerings').values(centerIds.map((c) => ({ item_id: id, center_id: c }))).execute()
  return { id, versionId, materials: materials.map((m) => m.id) }
}

export async function seedIntakeWorld(db: Db, clerks: number) {
  const district = await insertCenter(db, { code: 'D01', name: '区行政服务中心', level: 'district', parent: null })
  const towns: { id: number; path: string }[] = []; const villages: { id: number; path: string }[] = []
  for (let t = 1; t <= 5; t++) {
    const town = await insertCenter(db, { code: `T0${t}`, name: `第${t}镇便民服务中心`, level: 'town', parent: district })
    towns.push(town)
    for (let v = 1; v <= 4; v++) villages.push(await insertCenter(db, { code: `T0${t}V0${v}`, name: `第${t}镇${v}村便民服务室`, level: 'village', parent: town }))
  }
  const depts = await db.insertInto('departments').values(Array.from({ length: 20 }, (_, i) => ({
    code: `D-${i + 1}`, name: `区第${i + 1}局`, level: 'district' as const, center_id: district.id,
  }))).returning('id').execute()
  const { id: windowId } = await db.insertInto('windows').values({ center_id: district.id, number: '1', name: '1号综合窗口' }).returning('id').executeTakeFirstOrThrow()
  const immediate = await item(db, depts[0].id, [district.id], 'immediate', 'BENCH-IMM')
  const promised = await item(db, depts[0].id, [district.id, ...towns.map((t) => t.id), ...villages.map((v) => v.id)], 'promised', 'BENCH-PRO')
  const password = 'Bench-Pass-2026'
  const hash = await hashPassword(password)
  const user = (username: string, roles: ('clerk' | 'approver')[], centerId: number, departmentId: number | null) =>
    db.insertInto('users').values({ username, name: username, password_hash: hash, roles, center_id: centerId, window_id: roles.includes('clerk') ? windowId : null, department_id: departmentId })
      .returning('id').executeTakeFirstOrThrow()
  const clerkNames = Array.from({ length: clerks }, (_, i) => `clerk${i + 1}`)
  const clerkIds: number[] = []
  for (const u of clerkNames) clerkIds.push((await user(u, ['clerk'], district.id, null)).id)
  await user('approver1', ['approver'], district.id, depts[0].id)
  await db.insertInto('users').values({ username: 'townclerk', name: 'townclerk', password_hash: hash, roles: ['clerk'], center_id: towns[0].id, window_id: null }).execute()
  return {
    centerId: district.id, itemId: immediate.id, versionId: immediate.versionId, materials: immediate.materials, promised,
    departmentIds: depts.map((d) => d.id), clerks: clerkNames, clerkIds, approver: 'approver1', townClerk: 'townclerk', password,
    district, towns, villages,
  }
}

/**
 * `n` cases over the last two years in SQL: 60% closed, 20% in review, 10% accepted, 10% awaiting correction; the
 * department follows i / 10 so that every department (the approver's too) gets open steps.
 */
export async function generateCases(pool: pg.Pool, w: World, n: number) {
  const centers = [...Array(10).fill(w.district), ...w.towns.flatMap((t) => [t, t, t, t]), ...w.villages]
  const c = await pool.connect()
  try {
    await c.query('create temporary table gen_centers (idx int primary key, id int, path text)')
    await c.query(`insert into gen_centers select t.n - 1, (t.c->>'id')::int, t.c->>'path' from jsonb_array_elements($1::jsonb) with ordinality as t(c, n)`, [JSON.stringify(centers)])
    await c.query(`
      insert into cases (number, query_code, request_id, request_hash, created_by, item_id, item_version_id, item_version, item_name, handling_kind,
        department_id, status, applicant_kind, applicant_name, applicant_id_number, applicant_phone, origin_center_id, origin_path,
        accepting_center_id, current_center_id, received_at, received_on, accepted_at, accepted_on, promised_days, legal_days, due_date,
        legal_due_date, decided_at, closed_at, created_at, updated_at)
      select 'G-' || lpad(i::text, 8, '0'), upper(substr(md5(i::text), 1, 6)), 'gen-' || i, 'gen', $1, $2, $3, 1, '建设工程规划许可', 'promised',
        ($4::int[])[1 + (i / 10) % 20], s.status, 'person', '赵六', '420102199001011237', '13800000000', g.id, g.path, g.id, g.id,
        t.at, (t.at at time zone 'Asia/Shanghai')::date,
        case when s.status = 'correction' then null else t.at end, case when s.status = 'correction' then null else (t.at at time zone 'Asia/Shanghai')::date end,
        10, 20, case when s.status = 'correction' then null else (t.at at time zone 'Asia/Shanghai')::date + 14 end,
        case when s.status = 'correction' then null else (t.at at time zone 'Asia/Shanghai')::date + 42 end,
        case when s.status = 'closed' then t.at + interval '7 days' end, case when s.status = 'closed' then t.at + interval '8 days' end, t.at, t.at
      from generate_series(1, $5::int) i
      join gen_centers g on g.idx = i % ${centers.length}
      cross join lateral (select case when i % 10 < 6 then 'closed' when i % 10 < 8 then 'in_review' when i % 10 = 8 then 'accepted' else 'correction' end as status) s
      cross join lateral (select now() - (i % 730) * interval '1 day' - (i % 600) * interval '1 minute' as at) t`,
    [w.clerkIds[0], w.promised.id, w.promised.versionId, w.departmentIds, n])
    await c.query(`
      insert into case_steps (case_id, seq, kind, center_id, department_id, started_at, start_date, limit_days, due_date, done_at)
      select k.id, 1, 'handle', $1, k.department_id, k.accepted_at, k.accepted_on, null, k.due_date,
        case when k.status = 'closed' then k.decided_at end
      from cases k where k.request_id like 'gen-%' and k.status in ('closed', 'in_review', 'accepted')`, [w.centerId])
    // Generated history sends no messages and no progress notifications: those triggers are off while its events
    // are written (a million messages would only measure the outbox; nobody holds an answer for a new case).
    await c.query('alter table case_events disable trigger case_events_message, disable trigger case_events_progress')
    try {
      await c.query(`
        insert into case_events (case_id, at, actor_id, center_id, action, from_status, to_status, note)
        select k.id, k.received_at, k.created_by, k.origin_center_id, case when k.status = 'correction' then 'correct' else 'accept' end, null,
          case when k.status = 'correction' then 'correction' else 'accepted' end, ''
        from cases k where k.request_id like 'gen-%'`)
    } finally { await c.query('alter table case_events enable trigger case_events_message, enable trigger case_events_progress') }
    await c.query('vacuum analyze') // what autovacuum does after a bulk load: statistics and the visibility map
  } finally { c.release() }
  const path = (i: number) => `/api/public/progress?number=G-${String(i).padStart(8, '0')}&code=${crypto.createHash('md5').update(String(i)).digest('hex').slice(0, 6).toUpperCase()}`
  // Odd numbers for the warm-up, even ones for the measured run: the run finds none of its cases already kept.
  const paths = (odd: number) => Array.from({ length: 2000 }, () => path(Math.min(n, 2 * Math.floor(Math.random() * (n / 2)) + odd)))
  return { progressPaths: paths(2), warmPaths: paths(1), summary: '60% closed, 20% in review, 10% accepted, 10% in correction; one event each; open steps spread over 20 departments' }
}
