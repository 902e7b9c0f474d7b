// bench:session — an authenticated GET /api/session (cookie → session, as in production: in-process cache
// backed by the sessions table) at 32 concurrent clients, against a bare Fastify route in the same run.
// Also the login rate, which argon2id bounds on purpose.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fmt, load, startBareFastify, startYizhan, stop, writeSection } from './lib.js'

const CONNECTIONS = 32
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-session-'))
const env: Record<string, string> = { DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: 'bench-Pass-1', YIZHAN_SKIP_WEB_BUILD: '1', RATE_LIMIT_LOGIN: '1000000/60' } // the per-address limit is not what this measures
if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL


const app = await startYizhan(env)
try {
  const base = `http://127.0.0.1:${app.port}`
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-Pass-1' }) })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status}`)

  const b = await startBareFastify({ username: 'admin', roles: ['admin'], centerId: 1 })
  await load({ url: `http://127.0.0.1:${b.port}/bare`, connections: CONNECTIONS, duration: 2 }) // warm-up
  const baseline = await load({ url: `http://127.0.0.1:${b.port}/bare`, connections: CONNECTIONS })
  await stop(b.child)

  await load({ url: `${base}/api/session`, connections: CONNECTIONS, duration: 2, headers: { cookie } })
  const session = await load({ url: `${base}/api/session`, connections: CONNECTIONS, headers: { cookie } })
  const logins = await load({
    url: `${base}/api/session`, method: 'POST', connections: 4, duration: 5,
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-Pass-1' }),
  })

  const rows = [
    ['bare Fastify GET (baseline)', fmt(baseline.rps, 0), fmt(baseline.p50), fmt(baseline.p99), '1.00', `${baseline.non2xx}`],
    ['GET /api/session, authenticated', fmt(session.rps, 0), fmt(session.p50), fmt(session.p99), fmt(session.rps / baseline.rps, 2), `${session.non2xx}`],
    ['POST /api/session (login, argon2id), 4 clients', fmt(logins.rps, 1), fmt(logins.p50), fmt(logins.p99), fmt(logins.rps / baseline.rps, 4), `${logins.non2xx}`],
  ]
  const table = ['| route | req/s | p50 ms | p99 ms | ratio to bare | non-2xx |', '| --- | --- | --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  console.log(table)
  const db = env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'
  writeSection('Authenticated session lookup (issue 2)', `Target: ratio ≥ 0.3 at ${CONNECTIONS} concurrent clients (\`npm run bench:session\`, ${db}, ${new Date().toISOString().slice(0, 10)}; autocannon 8 s per row after a 2 s warm-up; load generator on the same 2-core machine).\n\n${table}\n\nThe session is resolved from the \`yz_session\` cookie through an in-process cache (30 s) in front of the sessions table; logout, token revocation and account changes evict entries in every process through LISTEN/NOTIFY. Login is bounded by argon2id on purpose (19 MiB, 2 passes: about 30 ms of CPU per hash; the library default of 64 MiB × 3 passes × 4 lanes gave 2 logins/s here).`)
  if (session.non2xx > 0) process.exitCode = 1
} finally {
  await stop(app.child)
  fs.rmSync(dataDir, { recursive: true, force: true })
}
