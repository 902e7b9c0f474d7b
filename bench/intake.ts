// Benchmark: 即办 intake through the HTTP API (`complete: true`: session check, item lookup, case, materials, step,
// four events, due date, in one transaction) by 32 clients, against a raw-SQL baseline doing the same inserts in its
// own process; then 1,000,000 cases generated with SQL and the approver's inbox, the case list and the public
// progress lookup measured over them. `npm run bench:intake`.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { migrateToLatest } from '../src/db/migrate.js'
import { generateCases, seedIntakeWorld } from './intake-data.js'
import { runLoad, runWarmedLoad, type Stats } from './load-worker.js'
import { root, login, loginAll, openBenchDatabase, startAppOn, writeSection } from './lib.js'
import { bundleIntakes, seedBundle } from './intake-bundles.js'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const LIST_CLIENTS = 16
const LIST_SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 8)
const POOL = Number(process.env.DB_POOL_SIZE ?? 10)
/** BENCH_PART=bundles: only the 一件事 part (no million cases). */
const PART = process.env.BENCH_PART

/** The baseline in a process of its own: the same rows written by plain SQL over a pool of the same size. */
function baseline(url: string, world: object, seconds: number): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/intake-baseline.ts')], {
      cwd: root, env: { ...process.env, BENCH_URL: url, BENCH_WORLD: JSON.stringify(world), BENCH_SECONDS: String(seconds), BENCH_CLIENTS: String(CLIENTS), DB_POOL_SIZE: String(POOL) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`baseline exited ${code}: ${out}`))))
  })
}

async function main() {
  const bdb = await openBenchDatabase('intake', POOL)
  const { url, pool, db } = bdb
  try {
    await migrateToLatest(db)
    const world = await seedIntakeWorld(db, CLIENTS)
    const bundle = await seedBundle(db, world)
    const app = await startAppOn(url, path.join(bdb.dir, 'app'))
    const base = app.base
    const sessions = await loginAll(base, world.clerks, world.password)
    const load = os.loadavg()[0]

    // ── 一件事: one bundle intake against three separate intakes ──
    const b = [`Run ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')} before the part (the machine is shared).`, '',
      ...(await bundleIntakes(base, sessions, CLIENTS, Number(process.env.BENCH_BUNDLE_SECONDS ?? 10), world.centerId, bundle))]
    console.log(b.join('\n'))
    writeSection('Case intake, 一件事 bundles (`npm run bench:intake`, `BENCH_PART=bundles` alone)', b.join('\n'))
    if (PART === 'bundles') { await app.close(); return }

    // ── intake over HTTP, then the baseline ──
    const intakeReq = { method: 'POST' as const, path: '/api/cases', itemId: world.itemId, centerId: world.centerId, materials: world.materials }
    await runLoad(base, { ...intakeReq, prefix: 'warm' }, sessions, CLIENTS, 2)
    const api = await runLoad(base, { ...intakeReq, prefix: 'run' }, sessions, CLIENTS, SECONDS)
    const raw = await baseline(url, world, SECONDS)
    const stored = Number((await pool.query(`select count(*) as n from cases where request_id like 'run-%'`)).rows[0].n)

    // ── 1,000,000 cases, then the lists ──
    const g0 = performance.now()
    const gen = await generateCases(pool, world, CASES)
    const genSeconds = (performance.now() - g0) / 1000
    const approver = await login(base, world.approver, world.password)
    const townClerk = await login(base, world.townClerk, world.password)
    const measured = (paths: string[], session: Record<string, string>, warm = paths) => runWarmedLoad(base, paths, session, LIST_CLIENTS, LIST_SECONDS, warm)
    const inbox = await measured(['/api/cases/inbox'], approver)
    const list = await measured(['/api/cases', '/api/cases?status=in_review', '/api/cases?light=red'], sessions[0])
    const townList = await measured(['/api/cases'], townClerk)
    const progress = await measured(gen.progressPaths, {}, gen.warmPaths)
    await app.close()

    const version = (await pool.query('show server_version')).rows[0].server_version as string
    const f = (n: number) => n.toFixed(1)
    const row = (name: string, s: Stats) => `| ${name} | ${s.requests} | ${s.errors} | ${s.rps.toFixed(0)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} |`
    const ratio = api.rps / raw.rps
    const md = [
      `\`npm run bench:intake\` — Node ${process.version}, ${os.cpus().length} CPUs (load average ${load.toFixed(1)} before the run), ` +
      `PostgreSQL ${version}${bdb.embedded ? ' (embedded)' : ''}, database pool ${POOL}, run ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `**Intake**: ${CLIENTS} clients for ${SECONDS} s, each \`POST /api/cases\` a 即办 item with \`complete: true\` (session cookie + CSRF, ` +
      'item, version and offering check, ID number check, case + 3 materials + 1 step + 4 events in one transaction). ' +
      'The baseline is a separate process writing the same rows with plain SQL in one transaction per case over a pool of the same size.',
      '',
      '| load | requests | errors | per s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('POST /api/cases (complete: true)', api),
      row('raw SQL baseline (same inserts)', raw),
      '',
      `Cases stored by the API run: ${stored} (${api.requests - api.errors} answered 201). API / baseline = **${ratio.toFixed(2)}** (aim ≥ 0.5). ` +
      `Target ≥ 800 cases/s with p99 < 100 ms: **${api.rps >= 800 && api.p99 < 100 ? 'met' : 'NOT met'}**.`,
      '',
      `**Lists at ${CASES.toLocaleString('en')} cases** (generated with \`generate_series\` in ${genSeconds.toFixed(0)} s: ${gen.summary}), ${LIST_CLIENTS} clients, ${LIST_SECONDS} s each after 2 s of warm-up (the progress warm-up looks up other cases than the run):`,
      '',
      '| route | requests | errors | req/s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('GET /api/cases/inbox (approver, one department, its default page of 20 work-list rows; case_steps_inbox_idx)', inbox),
      row('GET /api/cases (district clerk: all, in_review, red; cases_scope_idx / cases_status_idx)', list),
      row('GET /api/cases (town clerk, its own and its villages\')', townList),
      row('GET /api/public/progress (random number + code; cases_number_idx)', progress),
      '',
      `Targets: approver's list p95 < 50 ms **${inbox.p95 < 50 ? 'met' : 'NOT met'}**; public progress p95 < 20 ms **${progress.p95 < 20 ? 'met' : 'NOT met'}**.`,
      '',
      'Yizhan runs in its own process (the entry of `npm start`, on the benchmark database); the load generator is a worker thread of the benchmark process (node:http, keep-alive); the machine is shared, so compare ratios.',
    ].join('\n')
    console.log('\n' + md)
    writeSection('Case intake and lists (issue 6)', md)
    console.log('written to BENCHMARKS.md')
  } finally {
    await bdb.close()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
