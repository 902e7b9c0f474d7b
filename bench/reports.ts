// Benchmark of the statistics (issue 8): the demo district with BENCH_CASES (default 1,000,000) generated cases and
// about five events each, tickets and ratings, the aggregates filled by the real fold; then every dashboard query
// (GET /api/statistics, each groupBy) and the operations report under load, each against a full-scan GROUP BY of the
// same figures over the base tables in the same run; and 即办 intake (bench:intake's request) with the aggregate
// trigger on and off, alternated. `npm run bench:reports`.
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/config.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { loadDemo } from '../src/demo/load.js'
import { GROUP_BYS, scanRows } from '../src/features/statistics/statistics.repository.js'
import { generateHistory } from './reports-data.js'
import { fmt, login, loginAll, openBenchDatabase, startAppOn, writeSection } from './lib.js'
import { runLoad, type Stats } from './load-worker.js'

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const QUERY_CLIENTS = Number(process.env.BENCH_QUERY_CLIENTS ?? 4)
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 6)
const INTAKE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const POOL = Number(process.env.DB_POOL_SIZE ?? 10)
const PASSWORD = 'Bench-Pass-2026'
/** The full scan takes minutes at a million cases: by default it runs for every groupBy only up to 200,000 cases,
 * above that once (groupBy=center) as the baseline of every row; BENCH_SCAN_EACH=1 forces one per groupBy. */
const SCAN_EACH = process.env.BENCH_SCAN_EACH === '1' || CASES <= 200_000

async function main() {
  const load = os.loadavg()[0]
  const bdb = await openBenchDatabase('reports', POOL)
  const { url, pool, db } = bdb
  try {
    await migrateToLatest(db)
    const config = { ...loadConfig({ YIZHAN_DEMO_PASSWORD: PASSWORD }), dataDir: bdb.dir }
    await loadDemo(db, config, { info: () => {}, warn: () => {} })
    const g0 = performance.now()
    const gen = await generateHistory(pool, db, CASES)
    const genSeconds = (performance.now() - g0) / 1000
    const daily = Number((await pool.query('select count(*) as n from stat_daily')).rows[0].n)

    // the server in a process of its own (its fold worker running), as npm start runs it
    const app = await startAppOn(url, path.join(bdb.dir, 'app'))
    const base = app.base
    const supervisor = await login(base, 'district.supervisor', PASSWORD)
    const town = await login(base, 'liangzi.supervisor', PASSWORD)

    // ── the dashboard (default range: January 1 to today) per groupBy, and its full-scan baseline ──
    const today = new Date().toISOString().slice(0, 10)
    const from = `${today.slice(0, 4)}-01-01`
    const districtPath = (await pool.query(`select path from centers where code = 'D01'`)).rows[0].path as string
    const rows: string[] = []
    const met: boolean[] = []
    let scanMs = 0
    for (const g of GROUP_BYS) {
      const s = await runLoad(base, { method: 'GET', paths: [`/api/statistics?groupBy=${g}`] }, [supervisor], QUERY_CLIENTS, QUERY_SECONDS)
      if (SCAN_EACH || scanMs === 0) {
        const t0 = performance.now()
        await scanRows(db, { scopePath: districtPath, from, to: today, groupBy: g })
        scanMs = performance.now() - t0
      }
      met.push(s.p95 < 200 && s.errors === 0)
      rows.push(`| \`/api/statistics?groupBy=${g}\` (district) | ${s.requests} | ${s.errors} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(scanMs, 0)} | ${fmt(scanMs / s.p95, 0)}× |`)
    }
    const townStats = await runLoad(base, { method: 'GET', paths: GROUP_BYS.map((g) => `/api/statistics?groupBy=${g}`) }, [town], QUERY_CLIENTS, QUERY_SECONDS)
    met.push(townStats.p95 < 200 && townStats.errors === 0)
    rows.push(`| \`/api/statistics\` (town supervisor, every groupBy in turn) | ${townStats.requests} | ${townStats.errors} | ${fmt(townStats.p50)} | ${fmt(townStats.p95)} | – | – |`)
    const ops = await runLoad(base, { method: 'GET', paths: ['/api/reports/operations'] }, [supervisor], QUERY_CLIENTS, QUERY_SECONDS)
    rows.push(`| \`/api/reports/operations\` (district) | ${ops.requests} | ${ops.errors} | ${fmt(ops.p50)} | ${fmt(ops.p95)} | – | – |`)

    // ── intake with the aggregate trigger on and off, alternated so drift hits both ──
    const clerks = await loginAll(base, Array.from({ length: 8 }, (_, i) => `district.clerk${i + 1}`), PASSWORD)
    const item = (await pool.query(`
      select o.item_id, v.id as version_id from item_offerings o join item_versions v on v.item_id = o.item_id and v.status = 'published'
      join centers c on c.id = o.center_id where c.code = 'D01' and v.handling_kind = 'immediate' and 'person' = any(v.targets)
      order by o.item_id limit 1`)).rows[0]
    const materials = (await pool.query('select id from item_materials where version_id = $1 order by position', [item.version_id])).rows.map((r) => r.id as number)
    const centerId = (await pool.query(`select id from centers where code = 'D01'`)).rows[0].id as number
    const intake = (prefix: string, seconds: number) =>
      runLoad(base, { method: 'POST', path: '/api/cases', prefix, itemId: item.item_id, centerId, materials }, clerks, CLIENTS, seconds)
    const trigger = (on: boolean) => pool.query(`alter table case_events ${on ? 'enable' : 'disable'} trigger case_events_stats`)
    await intake('warm', 2)
    const runs: { on: Stats[]; off: Stats[] } = { on: [], off: [] }
    for (const round of [1, 2]) {
      for (const on of round === 1 ? [true, false] : [false, true]) {
        await trigger(on)
        runs[on ? 'on' : 'off'].push(await intake(`${on ? 'on' : 'off'}${round}`, INTAKE_SECONDS))
      }
    }
    await trigger(true)
    await app.close()

    const rps = (s: Stats[]) => s.reduce((a, x) => a + x.rps, 0) / s.length
    const p99 = (s: Stats[]) => Math.max(...s.map((x) => x.p99))
    const loss = 1 - rps(runs.on) / rps(runs.off)
    const version = (await pool.query('show server_version')).rows[0].server_version as string
    const md = [
      `\`npm run bench:reports\` — ${CASES.toLocaleString('en')} cases, ${gen.events.toLocaleString('en')} case events, ${gen.tickets.toLocaleString('en')} tickets, ` +
      `${gen.ratings.toLocaleString('en')} ratings across the demo district (generated with \`generate_series\` in ${fmt(genSeconds, 0)} s, outbox and aggregate triggers off; ` +
      `${Object.entries(gen.seconds).filter(([k]) => k !== 'fold').map(([k, v]) => `${k} ${fmt(v, 0)} s`).join(', ')}; ` +
      `then ${gen.deltas.toLocaleString('en')} deltas from the migration's backfill folded by the worker's fold into ${daily.toLocaleString('en')} daily rows in ${fmt(gen.seconds.fold, 0)} s). ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, load average ${fmt(load)} before the run, PostgreSQL ${version}${bdb.embedded ? ' (embedded)' : ''}, pool ${POOL}, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `**Dashboard queries**, range ${from} … ${today} (the page's default), ${QUERY_CLIENTS} clients for ${QUERY_SECONDS} s each. ` +
      'The full scan computes the same figures from case_events, cases, tickets and ratings with one GROUP BY (no aggregate), run once ' +
      (SCAN_EACH ? 'per groupBy:' : 'with groupBy=center and used as the baseline of every row:'),
      '',
      '| query | requests | errors | p50 ms | p95 ms | full scan ms | scan / p95 |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Every dashboard query p95 < 200 ms: **${met.every(Boolean) ? 'met' : 'NOT met'}**; operations report p95 < 1 s: **${ops.p95 < 1000 && ops.errors === 0 ? 'met' : 'NOT met'}**.`,
      '',
      `**Intake with the aggregates on and off** (bench:intake's request: \`POST /api/cases\` a 即办 item with \`complete: true\`, ${CLIENTS} clients, ` +
      `8 district clerks' sessions, ${INTAKE_SECONDS} s per run, runs on, off, off, on):`,
      '',
      '| aggregates | cases/s (runs) | mean cases/s | worst p99 ms |',
      '|---|---|---:|---:|',
      `| on (trigger writes one delta row per statement) | ${runs.on.map((s) => fmt(s.rps, 0)).join(', ')} | ${fmt(rps(runs.on), 0)} | ${fmt(p99(runs.on))} |`,
      `| off (trigger disabled) | ${runs.off.map((s) => fmt(s.rps, 0)).join(', ')} | ${fmt(rps(runs.off), 0)} | ${fmt(p99(runs.off))} |`,
      '',
      `Rate lost with the aggregates on: **${fmt(loss * 100)}%** (target < 15%: **${loss < 0.15 ? 'met' : 'NOT met'}**).`,
    ].join('\n')
    console.log('\n' + md)
    writeSection('Statistics and reports (issue 8)', md)
    console.log('written to BENCHMARKS.md')
  } finally {
    await bdb.close()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
