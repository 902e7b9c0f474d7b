// Benchmark: whole 上报 round trips through the HTTP API (intake at a town, forward, receive, advance, approve,
// deliver back to the town, pick-up) by 16 clients, with the intake-only rate of bench:intake measured in the same
// run; then 1,000,000 cases (bench:intake's generator plus agency cases and open forwards) and the agent's inbox
// and the district department's incoming forwards measured over them. `npm run bench:levels`.
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { migrateToLatest } from '../src/db/migrate.js'
import { hashPassword } from '../src/features/session/passwords.js'
import { generateCases, seedIntakeWorld } from './intake-data.js'
import { runLoad, runWarmedLoad, type Stats } from './load-worker.js'
import { runRoundTrips } from './levels-worker.js'
import { login, loginAll, openBenchDatabase, startAppOn, writeSection } from './lib.js'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000)
const INTAKE_SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const LIST_SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 8)
const POOL = Number(process.env.DB_POOL_SIZE ?? 10)

async function main() {
  const bdb = await openBenchDatabase('levels', POOL)
  const { url, pool, db } = bdb
  try {
    await migrateToLatest(db)
    const world = await seedIntakeWorld(db, CLIENTS)
    const town = world.towns[0]
    // A 上报 item: accepted at the towns, decided by the district's first department.
    await db.updateTable('item_versions').set({ handling_kind: 'forward' }).where('id', '=', world.promised.versionId).execute()
    const hash = await hashPassword(world.password)
    const extra = await db.insertInto('users').values([
      ...Array.from({ length: CLIENTS }, (_, i) => ({ username: `townclerk${i + 1}`, name: `镇窗口${i + 1}`, password_hash: hash, roles: ['clerk' as const], center_id: town.id, window_id: null })),
      ...Array.from({ length: 4 }, (_, i) => ({ username: `deptapprover${i + 1}`, name: `审批${i + 1}`, password_hash: hash, roles: ['approver' as const], center_id: world.centerId, window_id: null, department_id: world.departmentIds[0] })),
      { username: 'agent1', name: '代办员', password_hash: hash, roles: ['agent' as const], center_id: world.villages[0].id, window_id: null },
    ]).returning(['id', 'username']).execute()
    const app = await startAppOn(url, path.join(bdb.dir, 'app'))
    const base = app.base
    const clerks = await loginAll(base, extra.filter((u) => u.username.startsWith('townclerk')).map((u) => u.username), world.password)
    const approvers = await loginAll(base, extra.filter((u) => u.username.startsWith('deptapprover')).map((u) => u.username), world.password)
    const districtClerks = await loginAll(base, world.clerks, world.password)
    const load = os.loadavg()[0]

    // ── intake only (as bench:intake, with this run's clients), then the round trips ──
    const intakeReq = { method: 'POST' as const, path: '/api/cases', itemId: world.itemId, centerId: world.centerId, materials: world.materials }
    await runLoad(base, { ...intakeReq, prefix: 'warm' }, districtClerks, CLIENTS, 2)
    const intake = await runLoad(base, { ...intakeReq, prefix: 'run' }, districtClerks, CLIENTS, INTAKE_SECONDS)
    const trips = await runRoundTrips(base, { itemId: world.promised.id, townId: town.id, materials: world.promised.materials, rounds: ROUNDS, prefix: 'trip' }, clerks, approvers, CLIENTS)
    const closed = Number((await pool.query(`select count(*) as n from cases where request_id like 'trip-%' and status = 'closed'`)).rows[0].n)

    // ── 1,000,000 cases, some carried by an agent and some forwarded, then the two lists ──
    const g0 = performance.now()
    const gen = await generateCases(pool, world, CASES)
    const agentId = extra.find((u) => u.username === 'agent1')!.id
    // Ten village rooms' cases (every status the generator makes) carried by one agent: a heavy inbox.
    await pool.query(`update cases set agent_id = $1 where origin_center_id = any($2::int[]) and request_id like 'gen-%'`, [agentId, world.villages.slice(0, 10).map((v) => v.id)])
    const fw = await pool.query(`
      insert into case_steps (case_id, seq, kind, center_id, department_id, from_center_id, started_at, start_date, limit_days, due_date)
      select k.id, 2, 'forward', $1, k.department_id, k.origin_center_id, k.accepted_at, k.accepted_on, 1, k.accepted_on + 1
      from cases k join centers c on c.id = k.origin_center_id
      where k.request_id like 'gen-%' and k.status = 'in_review' and c.level = 'town'`, [world.centerId])
    await pool.query('analyze')
    const genSeconds = (performance.now() - g0) / 1000
    const agentOpen = Number((await pool.query(`select count(*) as n from cases where agent_id = $1 and closed_at is null`, [agentId])).rows[0].n)
    const agent = await login(base, 'agent1', world.password)
    const measured = (path: string, session: Record<string, string>) => runWarmedLoad(base, [path], session, CLIENTS, LIST_SECONDS)
    const inbox = await measured('/api/agency/inbox', agent)
    const incoming = await measured('/api/forwards/incoming', approvers[0])
    const outgoing = await measured('/api/forwards/outgoing', clerks[0])
    await app.close()

    const version = (await pool.query('show server_version')).rows[0].server_version as string
    const f = (n: number) => n.toFixed(1)
    const row = (name: string, s: Stats) => `| ${name} | ${s.requests} | ${s.errors} | ${s.rps.toFixed(0)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} |`
    const ratio = trips.casesPerSecond / intake.rps
    const md = [
      `\`npm run bench:levels\` — Node ${process.version}, ${os.cpus().length} CPUs (load average ${load.toFixed(1)} before the run), ` +
      `PostgreSQL ${version}${bdb.embedded ? ' (embedded)' : ''}, database pool ${POOL}, run ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `**上报 round trips**: ${CLIENTS} clients walk ${ROUNDS.toLocaleString('en')} cases through intake at a town, forward (opinion), receive, ` +
      'advance (审核), approve, deliver back to the town and pick-up (7 requests per case, each one transaction with its event and outbox message). ' +
      `Intake only: the same ${CLIENTS} clients posting 即办 intakes with \`complete: true\` (bench:intake's request) for ${INTAKE_SECONDS} s in this run.`,
      '',
      '| action | requests | errors | per s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...Object.entries(trips.actions).map(([k, s]) => row(k, s)),
      row('intake only (bench:intake request)', intake),
      '',
      `Round trips completed: ${trips.rounds} in ${trips.elapsed.toFixed(0)} s (${closed} closed in the database, ${trips.errors} errors) = ` +
      `**${trips.casesPerSecond.toFixed(1)} cases/s**; intake only ${intake.rps.toFixed(0)} cases/s; ratio **${ratio.toFixed(3)}** ` +
      `(a round trip is 7 writes, so about 1/7 ≈ 0.14 of the intake rate is what the same write cost predicts).`,
      '',
      `**Lists at ${CASES.toLocaleString('en')} cases** (generated in ${genSeconds.toFixed(0)} s: ${gen.summary}; ${agentOpen.toLocaleString('en')} open cases carried by one agent; ` +
      `${fw.rowCount?.toLocaleString('en')} open forwards from the towns over 20 departments), ${CLIENTS} clients, ${LIST_SECONDS} s each after 2 s of warm-up:`,
      '',
      '| route | requests | errors | req/s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('GET /api/agency/inbox (its default page of 20 cards; cases_agent_open_idx)', inbox),
      row('GET /api/forwards/incoming (one department; case_steps_forward_in_idx)', incoming),
      row('GET /api/forwards/outgoing (a town; case_steps_forward_out_idx)', outgoing),
      '',
      `Target p95 < 50 ms: agent's inbox **${inbox.p95 < 50 ? 'met' : 'NOT met'}**, incoming forwards **${incoming.p95 < 50 ? 'met' : 'NOT met'}**.`,
      '',
      'Yizhan runs in its own process (the entry of `npm start`, on the benchmark database); the load generators are worker threads of the benchmark process (node:http, keep-alive); the machine is shared, so compare ratios.',
    ].join('\n')
    console.log('\n' + md)
    writeSection('Cases across the levels (issue 7)', md)
    console.log('written to BENCHMARKS.md')
  } finally {
    await bdb.close()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
