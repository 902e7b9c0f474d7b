// Benchmark of the online backup (issue 21): bench:intake's district with BENCH_CASES (default 1,000,000) generated
// cases on the embedded PostgreSQL; a plain copy of the data folder (the baseline: fast, but not a consistent
// backup of a running server), `npm run yizhan -- backup` (the real CLI, attached to the running database) alone and
// while clients read case lists from the server, whose p99 is compared with the same load without a backup; then
// the restore (unpack + first start with WAL replay). `npm run bench:backup`.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import pg from 'pg'
import { restoreEmbedded } from '../src/db/backup.js'
import { ensureDatabase } from '../src/db/database.js'
import { startEmbedded } from '../src/db/embedded.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { generateCases, seedIntakeWorld } from './intake-data.js'
import { fmt, loginAll, openBenchDatabase, root, startAppOn, writeSection } from './lib.js'
import { runLoad, type Stats } from './load-worker.js'

const exec = promisify(execFile)
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8)
const POOL = Number(process.env.DB_POOL_SIZE ?? 10)
const quiet = { info: () => {}, warn: () => {} }
const mib = (n: number) => `${fmt(n / 1048576, 0)} MiB`

function treeBytes(dir: string): number {
  let n = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) n += treeBytes(p)
    else if (e.isFile()) n += fs.statSync(p).size
  }
  return n
}

async function cliBackup(dataDir: string, file: string): Promise<number> {
  fs.rmSync(file, { force: true })
  const t0 = performance.now()
  await exec(process.execPath, ['--import', 'tsx', 'src/cli/yizhan.ts', 'backup', file], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } })
  return (performance.now() - t0) / 1000
}

async function main() {
  const load = os.loadavg()[0]
  const bdb = await openBenchDatabase('backup', POOL)
  if (!bdb.embedded) throw new Error('bench:backup measures the embedded database: unset TEST_DATABASE_URL')
  const { url, pool, db } = bdb
  const dataDir = path.join(bdb.dir, 'pg') // the embedded server's DATA_DIR (its data folder is pg/ inside)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-backup-files-'))
  fs.chmodSync(work, 0o755) // the restored server may run as the `postgres` user (when we are root)
  try {
    await migrateToLatest(db)
    const world = await seedIntakeWorld(db, CLIENTS)
    const g0 = performance.now()
    const gen = await generateCases(pool, world, CASES)
    const genSeconds = (performance.now() - g0) / 1000
    await pool.query('vacuum analyze')
    await pool.query('checkpoint')
    const version = (await pool.query('show server_version')).rows[0].server_version as string

    // ── baseline: a plain copy of the data folder (sockets left out) ──
    const c0 = performance.now()
    await fs.promises.cp(path.join(dataDir, 'pg'), path.join(work, 'copy'), { recursive: true, filter: (src) => !path.basename(src).startsWith('.s.PGSQL') })
    const copySeconds = (performance.now() - c0) / 1000
    const copyBytes = treeBytes(path.join(work, 'copy'))
    fs.rmSync(path.join(work, 'copy'), { recursive: true, force: true })

    // ── the backup alone, then the same read load without and with a backup running ──
    const file = path.join(work, 'yizhan.tar.gz')
    const alone = await cliBackup(dataDir, file)
    const size = fs.statSync(file).size
    const app = await startAppOn(url, path.join(bdb.dir, 'app'))
    const sessions = await loginAll(app.base, world.clerks.slice(0, CLIENTS), world.password)
    const reads = { method: 'GET' as const, paths: ['/api/cases', '/api/cases?status=in_review', ...gen.progressPaths.slice(0, 50)] }
    const seconds = Math.max(10, Math.ceil(alone))
    await runLoad(app.base, reads, sessions, CLIENTS, 2)
    const quietLoad = await runLoad(app.base, reads, sessions, CLIENTS, seconds)
    const [busy, underLoad] = await Promise.all([runLoad(app.base, reads, sessions, CLIENTS, seconds), cliBackup(dataDir, file)])
    await app.close()

    // ── restore into a new folder: unpack, first start (WAL replay), the cases counted ──
    const target = path.join(work, 'restored')
    const r0 = performance.now()
    await restoreEmbedded(file, target)
    const server = await startEmbedded({ dataDir: target, log: quiet })
    const client = new pg.Client({ connectionString: await ensureDatabase(server.url, new URL(url).pathname.slice(1)) })
    await client.connect()
    const restoredCases = Number((await client.query('select count(*) as n from cases')).rows[0].n)
    await client.end()
    await server.stop()
    const restoreSeconds = (performance.now() - r0) / 1000
    if (restoredCases < CASES) throw new Error(`restored ${restoredCases} cases, expected at least ${CASES}`)

    const row = (name: string, s: Stats) => `| ${name} | ${s.requests} | ${s.errors} | ${fmt(s.rps, 0)} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} |`
    writeSection('Backup and restore (embedded database)', [
      `\`npm run bench:backup\` — Node ${process.version}, ${os.cpus().length} CPUs (load average ${fmt(load)} before the run; other work shared the machine), ` +
      `PostgreSQL ${version} (embedded), run ${new Date().toISOString().slice(0, 10)}. ${CASES.toLocaleString('en')} cases (bench:intake's generator, ` +
      `one event and one step each, ${fmt(genSeconds, 0)} s), no material files. The backup is the real CLI (\`npm run yizhan -- backup FILE\`, a process of ` +
      'its own attached to the running database): pg_backup_start with a fast checkpoint, the data files and the WAL written meanwhile into a .tar.gz (gzip level 1).',
      '',
      '| | seconds | size |',
      '|---|---:|---:|',
      `| plain copy of the data folder (recursive file copy, \`fs.cp\`; the baseline, not consistent while the server runs) | ${fmt(copySeconds)} | ${mib(copyBytes)} |`,
      `| \`backup\`, server idle | ${fmt(alone)} (${fmt(alone / copySeconds)}× the copy) | ${mib(size)} (${fmt(size / copyBytes, 2)}× the folder) |`,
      `| \`backup\`, during the read load below | ${fmt(underLoad)} | |`,
      `| \`restore\` into an empty folder: unpack, first start with WAL replay, cases counted (${restoredCases.toLocaleString('en')}) | ${fmt(restoreSeconds)} | |`,
      '',
      `Other requests during the backup: ${CLIENTS} clients reading case lists (\`/api/cases\`, \`?status=in_review\`) and public progress lookups for ${seconds} s, ` +
      'from a worker thread of the benchmark process, against the server started as `npm start` does:',
      '',
      '| load | requests | errors | req/s | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('without a backup', quietLoad),
      row('while the backup runs', busy),
      '',
      `p99 during the backup: ${fmt(busy.p99 / quietLoad.p99, 2)}× the p99 without.`,
    ].join('\n'))
    console.log(fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8').split('## Backup and restore (embedded database)')[1])
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
    await bdb.close()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
