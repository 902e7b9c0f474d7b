// bench:faults — restart to healthy on a warm DATA_DIR (the compiled server, and the TypeScript through tsx) against a
// bare Fastify process in the same run, with where the time goes and the idle memory of each; then kill -9 of the
// embedded postmaster under light intake traffic: time to healthy again, requests answered 503 meanwhile, exits.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fmt, startBareFastify, startYizhan, stop, writeSection } from './lib.js'
import { intakeTraffic, killPostmaster, verifyCases } from './db-drill.js'
import { nodeRss, pgMemory } from './soak-memory.js'

const PASSWORD = 'bench-Pass-26'
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-faults-'))
fs.chmodSync(dataDir, 0o755)
const env = (tsx: boolean) => ({ DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...(tsx ? { YIZHAN_TSX: '1' } : {}) })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

try {
  const first = await startYizhan(env(false), 300_000)
  await stop(first.child)
  const runs: Record<'bare' | 'compiled' | 'tsx', number[]> = { bare: [], compiled: [], tsx: [] }
  const phases: Record<'compiled' | 'tsx', Record<string, number>[]> = { compiled: [], tsx: [] }
  const memory: Record<'compiled' | 'tsx', { node: number; pg: number }[]> = { compiled: [], tsx: [] }
  for (let i = 0; i < ROUNDS; i++) {
    const bare = await startBareFastify()
    runs.bare.push(bare.ms)
    await stop(bare.child)
    for (const kind of ['compiled', 'tsx'] as const) {
      const s = await startYizhan(env(kind === 'tsx'))
      runs[kind].push(s.ms)
      const line = s.output().split('\n').find((l) => l.includes('startupMs'))
      if (line) phases[kind].push(JSON.parse(line).startupMs)
      await new Promise((r) => setTimeout(r, 5000)) // idle
      memory[kind].push({ node: nodeRss(s.child.pid!), pg: pgMemory(path.join(dataDir, 'pg')).pss })
      await stop(s.child)
    }
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  const base = median(runs.bare)
  const phaseRow = (kind: 'compiled' | 'tsx') => {
    const keys = ['entered', 'databaseServer', 'migrations', 'modules', 'app', 'ready', 'listening']
    return keys.map((k) => `${k} ${fmt(median(phases[kind].map((p) => p[k] ?? 0)) / 1000)} s`).join(', ')
  }
  const memRow = (kind: 'compiled' | 'tsx') => `${fmt(median(memory[kind].map((m) => m.node)))} + ${fmt(median(memory[kind].map((m) => m.pg)))} MiB`
  const restart = ['| warm restart to healthy (median of ' + ROUNDS + ') | ms | ratio to bare Fastify | idle Node RSS + PostgreSQL PSS |', '| --- | --- | --- | --- |',
    `| bare Fastify process to first 200 (baseline) | ${fmt(base, 0)} | 1.0 | |`,
    `| \`npm start\`, compiled server (dist/, the default) | ${fmt(median(runs.compiled), 0)} | ${fmt(median(runs.compiled) / base)} | ${memRow('compiled')} |`,
    `| \`npm start\` with YIZHAN_TSX=1 (TypeScript compiled at run time) | ${fmt(median(runs.tsx), 0)} | ${fmt(median(runs.tsx) / base)} | ${memRow('tsx')} |`,
  ].join('\n')
  const where = `Where the time goes (ms since the process started, median): compiled: ${phaseRow('compiled')}; tsx: ${phaseRow('tsx')}. ` +
    '`entered`: node and the start-up modules loaded; the app\'s own modules load while the database starts (`modules`: both done); ' +
    '`app`: routes registered; `ready`: plugins ready (validators and serializers compile on each route\'s first request).'

  // Postmaster death under light traffic.
  const app = await startYizhan(env(false))
  let exits = 0
  app.child.on('exit', () => { exits += 1 })
  const url = `http://127.0.0.1:${app.port}`
  const traffic = await intakeTraffic(url, PASSWORD)
  while (traffic.created.size < 20) await new Promise((r) => setTimeout(r, 50))
  const before = new Map(traffic.statuses)
  const drill = await killPostmaster(url, dataDir, 60_000)
  const during = new Map([...traffic.statuses].map(([k, v]) => [k, v - (before.get(k) ?? 0)]))
  const after = traffic.created.size
  while (traffic.created.size < after + 20) await new Promise((r) => setTimeout(r, 50))
  await traffic.stop()
  const check = await verifyCases(url, PASSWORD, traffic)
  const exitsDuring = exits
  await stop(app.child)
  const crash = `kill -9 of the embedded postmaster under light intake traffic (2 clients, a case every 100 ms each): healthy again after ` +
    `**${fmt(drill.recoveredMs / 1000)} s**; meanwhile the intake got ${during.get(503) ?? 0} answers 503 database_unavailable (Retry-After 5), ` +
    `${during.get(201) ?? 0} cases 201, ${during.get(0) ?? 0} unanswered, /healthz answered 503 ${drill.healthStatuses.get(503) ?? 0} times; ` +
    `process exits: ${exitsDuring}. Afterwards every one of the ${check.total} requests sent again: ${check.lost.length} acknowledged cases lost, ${check.doubled} doubled.`
  const body = `\`npm run bench:faults\` (${new Date().toISOString().slice(0, 10)}, load average ${load} on 2 cores shared with other work).\n\n${restart}\n\n${where}\n\n${crash}`
  console.log(body)
  writeSection('Database faults and restart (issue 26)', body)
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true })
}
