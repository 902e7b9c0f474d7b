// The raw-SQL baseline of bench:intake, run as a process of its own: the rows one 即办 intake writes (case, 3
// materials, 1 done step, 4 events) in one transaction per case, by BENCH_CLIENTS loops over a pool of DB_POOL_SIZE.
import pg from 'pg'
import { performance } from 'node:perf_hooks'
import { statsOf } from './load-worker.js'

const w = JSON.parse(process.env.BENCH_WORLD!) as { centerId: number; itemId: number; versionId: number; materials: number[]; clerkIds: number[]; departmentIds: number[] }
const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const clients = Number(process.env.BENCH_CLIENTS ?? 32)
const pool = new pg.Pool({ connectionString: process.env.BENCH_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) })

async function one(i: number, n: number): Promise<void> {
  const c = await pool.connect()
  try {
    await c.query('begin')
    const seq = (await c.query(`select nextval('case_number_seq') as n`)).rows[0].n
    const now = new Date()
    const r = await c.query(`insert into cases (number, query_code, request_id, request_hash, created_by, item_id, item_version_id, item_version, item_name,
      handling_kind, department_id, status, applicant_kind, applicant_name, applicant_id_number, applicant_phone, origin_center_id, origin_path,
      accepting_center_id, current_center_id, received_at, received_on, accepted_at, accepted_on, promised_days, legal_days, due_date, legal_due_date,
      decided_at, closed_at, decision, delivery, created_at, updated_at)
      values ($1, 'ABCDEF', $2, 'h', $3, $4, $5, 1, '居住证签注', 'immediate', $6, 'closed', 'person', '王小明', '420102199001011237', '13912345678',
        $7, '/x/', $7, $7, $8, current_date, $8, current_date, 0, 0, current_date, current_date, $8, $8, '{"outcome":"approved"}', '{"method":"pickup"}', $8, $8)
      on conflict (created_by, request_id) do nothing returning id`,
    [`B-${seq}`, `base-${process.pid}-${i}-${n}`, w.clerkIds[i % w.clerkIds.length], w.itemId, w.versionId, w.departmentIds[0], w.centerId, now])
    const id = r.rows[0].id
    await c.query(`insert into case_materials (case_id, item_material_id, position, name, required, received, received_at)
      select $1, m, p, '材料', true, true, $2 from unnest($3::int[]) with ordinality as t(m, p)`, [id, now, w.materials])
    await c.query(`insert into case_steps (case_id, seq, kind, center_id, department_id, started_at, start_date, due_date, done_at)
      values ($1, 1, 'approve', $2, $3, $4, current_date, current_date, $4)`, [id, w.centerId, w.departmentIds[0], now])
    await c.query(`insert into case_events (case_id, at, actor_id, center_id, action, from_status, to_status, note)
      values ($1, $2, $3, $4, 'accept', null, 'accepted', ''), ($1, $2, $3, $4, 'approve', 'accepted', 'approved', ''),
             ($1, $2, $3, $4, 'deliver', 'approved', 'approved', ''), ($1, $2, $3, $4, 'pickup', 'approved', 'closed', '')`,
    [id, now, w.clerkIds[0], w.centerId])
    await c.query('commit')
  } catch (e) {
    await c.query('rollback').catch(() => undefined)
    throw e
  } finally { c.release() }
}

const times: number[] = []; let errors = 0
const end = performance.now() + seconds * 1000
const t0 = performance.now()
await Promise.all(Array.from({ length: clients }, async (_, i) => {
  for (let n = 1; performance.now() < end; n++) {
    const s = performance.now()
    try { await one(i, n) } catch { errors += 1 }
    times.push(performance.now() - s)
  }
}))
const elapsed = (performance.now() - t0) / 1000
await pool.end()
console.log(JSON.stringify(statsOf(times, errors, elapsed)))
