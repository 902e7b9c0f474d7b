// npm run soak -- --minutes N [--data-dir DIR]: the real `npm start` under a district's day of mixed traffic at a
// modest rate (bench/soak-load.ts, a process of its own), printing every minute the resident memory of Node and of
// the embedded PostgreSQL (RSS, and PSS: shared pages counted once), the requests, errors and p99 of that minute.
// At the end its figures go into BENCHMARKS.md (minute 10 against the last minute).
import { fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fmt, root, startYizhan, stop, writeSection } from './lib.js'
import { nodeRss, pgMemory } from './soak-memory.js'

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined }
const minutes = Number(arg('minutes') ?? 20)
const keep = arg('data-dir')
const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-soak-'))
fs.mkdirSync(dataDir, { recursive: true })
fs.chmodSync(dataDir, 0o755)
const PASSWORD = 'soak-Pass-1'

interface Minute { minute: number; nodeRss: number; pgRss: number; pgPss: number; heap: number; external: number; code: number; requests: number; errors: number; p99: number; statuses: Record<string, number> }

const METRICS_TOKEN = 'soak-metrics-token-0123456789'
/** What the server's own /metrics says of its memory (MiB): the JavaScript heap in use, memory outside it, compiled code. */
async function heapFigures(base: string): Promise<{ heap: number; external: number; code: number }> {
  try {
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()
    const read = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN) / 1024 / 1024
    return { heap: read(/^yizhan_nodejs_heap_size_used_bytes (\S+)/m), external: read(/^yizhan_nodejs_external_memory_bytes (\S+)/m), code: read(/^yizhan_nodejs_heap_space_size_used_bytes\{space="code"\} (\S+)/m) }
  } catch { return { heap: NaN, external: NaN, code: NaN } }
}

const app = await startYizhan({
  DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1', METRICS_TOKEN, ...(process.env.PORT ? { PORT: process.env.PORT } : {}),
  RATE_LIMIT_PROGRESS: '100000/60', RATE_LIMIT_LOGIN: '100000/60', RATE_LIMIT_TICKET: '100000/60',
}, 300_000, path.join(dataDir, 'soak-app.log'))
const base = `http://127.0.0.1:${app.port}`
let exited = false
app.child.on('exit', () => { exited = true })
const pgData = path.join(dataDir, 'pg')
console.log(`soak: ${minutes} min against ${base} (DATA_DIR ${dataDir}); idle at start: node ${fmt(nodeRss(app.child.pid!))} MiB, PostgreSQL PSS ${fmt(pgMemory(pgData).pss)} MiB`)
const load = fork(path.join(root, 'bench', 'soak-load.ts'), [base, PASSWORD], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
const rows: Minute[] = []
const done = new Promise<void>((resolve) => {
  load.on('exit', (code) => { if (rows.length < minutes) console.error(`load process ended early (exit ${code})`); resolve() })
  load.on('message', async (m: Omit<Minute, 'minute' | 'nodeRss' | 'pgRss' | 'pgPss' | 'heap' | 'external' | 'code'>) => {
    if (exited) return resolve()
    const pg = pgMemory(pgData)
    const rss = nodeRss(app.child.pid!)
    const row: Minute = { minute: rows.length + 1, nodeRss: rss, pgRss: pg.rss, pgPss: pg.pss, ...(await heapFigures(base)), ...m }
    rows.push(row)
    console.log(`minute ${String(row.minute).padStart(3)}  node RSS ${fmt(row.nodeRss)} MiB  PostgreSQL RSS ${fmt(row.pgRss)} / PSS ${fmt(row.pgPss)} MiB  ` +
      `heap ${fmt(row.heap)} external ${fmt(row.external)} code ${fmt(row.code)} MiB  ${row.requests} requests  ${row.errors} errors  p99 ${fmt(row.p99)} ms  ${JSON.stringify(row.statuses)}`)
    fs.writeFileSync(path.join(os.tmpdir(), 'yizhan-soak-last.json'), JSON.stringify(rows))
    if (rows.length >= minutes) resolve()
  })
})
await done
load.kill('SIGTERM')
const code = await stop(app.child, 'SIGTERM')
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true })

if (rows.length >= 2) {
  const at10 = rows[Math.min(9, rows.length - 1)]
  const last = rows[rows.length - 1]
  const growth = (a: number, b: number) => `${b >= a ? '+' : ''}${fmt(((b - a) / a) * 100)} %`
  const table = ['| minute | Node RSS (MiB) | JS heap used / external / code (MiB) | PostgreSQL RSS / PSS (MiB) | requests | 5xx + failed | p99 (ms) |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.filter((r) => r.minute === 1 || r.minute % 5 === 0 || r === last).map((r) => `| ${r.minute} | ${fmt(r.nodeRss)} | ${fmt(r.heap)} / ${fmt(r.external)} / ${fmt(r.code)} | ${fmt(r.pgRss)} / ${fmt(r.pgPss)} | ${r.requests} | ${r.errors} | ${fmt(r.p99)} |`)].join('\n')
  const summary = `Minute ${at10.minute} → minute ${last.minute}: Node RSS ${fmt(at10.nodeRss)} → ${fmt(last.nodeRss)} MiB (${growth(at10.nodeRss, last.nodeRss)}), ` +
    `PostgreSQL PSS ${fmt(at10.pgPss)} → ${fmt(last.pgPss)} MiB (${growth(at10.pgPss, last.pgPss)}); exit code at the end ${code}.`
  console.log(table + '\n\n' + summary)
  writeSection('Soak (issue 26)', `\`npm run soak -- --minutes ${minutes}\` (${new Date().toISOString().slice(0, 10)}): the real \`npm start\` with the demo district ` +
    '(history off), a load process of its own sending every second 6 catalog pages, a search, a progress lookup, a case recorded at the district ' +
    'window, and in turn case lists, an approver\'s inbox, a hall visit (ticket, call, start, finish), a login and logout every 30 s ' +
    `(about 12 requests/s). The machine is shared with other work; p99 follows its load.\n\n${table}\n\n${summary}`)
}
process.exit(0)
