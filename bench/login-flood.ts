// bench:login — a login flood of 16 clients with random usernames from one address (127.0.0.2) while a real user
// logs in from another (127.0.0.1), against the same user's login on the idle server in the same run. Issue 11's
// figure: under the flood the real user's median login stays within 2× the unloaded one. A second run with the
// per-address throttle switched off shows what the bound on concurrent hashes alone does: GET /healthz stays fast
// while the logins queue. Everything stays on 127.0.0.1/8 and ends after FLOOD_SECONDS.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fmt, startYizhan, stop, writeSection } from './lib.js'

const CLIENTS = 16
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 20)
const PASSWORD = 'bench-Pass-1'

function post(port: number, agent: http.Agent, body: unknown): Promise<{ status: number; ms: number }> {
  const data = JSON.stringify(body)
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/session', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }))
    })
    req.on('error', reject)
    req.end(data)
  })
}

function get(port: number, agent: http.Agent, url: string): Promise<number> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url, agent }, (res) => { res.resume(); res.on('end', () => resolve(performance.now() - t0)) }).on('error', reject)
  })
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN }
const median = (xs: number[]) => pct(xs, 0.5)

/** The real user: sequential logins until `until`, one a second or a little less often, so that their own address stays
 * under the per-address login limit (RATE_LIMIT_LOGIN, 60 a minute) that the flood's address runs into. */
async function realUser(port: number, until: number, min = 0): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.1' })
  const times: number[] = []
  while (performance.now() < until || times.length < min) {
    const r = await post(port, agent, { username: 'admin', password: PASSWORD })
    if (r.status !== 200) throw new Error(`the real user's login answered ${r.status}`)
    times.push(r.ms)
    await new Promise((res) => setTimeout(res, 1100))
  }
  agent.destroy()
  return times
}

async function flood(port: number, until: number, from: string) {
  const agent = new http.Agent({ keepAlive: true, localAddress: from, maxSockets: CLIENTS })
  const counts = new Map<number, number>()
  let n = 0
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < until) {
      const r = await post(port, agent, { username: `guess-${Math.random().toString(36).slice(2)}`, password: 'Guess-1234' })
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
      n += 1
    }
  }))
  agent.destroy()
  return { perSecond: n / FLOOD_SECONDS, counts }
}

async function health(port: number, until: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.3' })
  const times: number[] = []
  while (performance.now() < until) { times.push(await get(port, agent, '/healthz')); await new Promise((r) => setTimeout(r, 20)) }
  agent.destroy()
  return times
}

/** One run on the shared data directory; each run floods from its own address, so earlier blocks do not carry over. */
async function scenario(env: Record<string, string>, floodFrom: string) {
  const app = await startYizhan(env, 300_000)
  try {
    const warm = performance.now() + 2000
    await realUser(app.port, warm, 5) // warm-up
    const idleLogins = await realUser(app.port, performance.now() + 4000, 15)
    const idleHealth = await health(app.port, performance.now() + 2000)
    const until = performance.now() + FLOOD_SECONDS * 1000
    const [f, logins, healthz] = await Promise.all([flood(app.port, until, floodFrom), realUser(app.port, until), health(app.port, until)])
    return { idleLogins, idleHealth, f, logins, healthz }
  } finally {
    await stop(app.child)
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-login-'))
const base: Record<string, string> = { DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1' }
if (process.env.BENCH_DATABASE_URL) base.DATABASE_URL = process.env.BENCH_DATABASE_URL
try {
  const rows: string[][] = []
  let ratio = NaN
  const scenarios: [string, Record<string, string>, string][] = [
    ['throttle on (defaults)', base, '127.0.0.2'],
    ['address throttle off (hash bound only)', { ...base, LOGIN_IP_ATTEMPTS: '1000000' }, '127.0.0.4'],
  ]
  for (const [label, env, floodFrom] of scenarios) {
    const r = await scenario(env, floodFrom)
    const idle = median(r.idleLogins); const loaded = median(r.logins)
    if (label.startsWith('throttle on')) ratio = loaded / idle
    const codes = [...r.f.counts].sort().map(([s, n]) => `${s}×${n}`).join(' ')
    rows.push([label, fmt(idle, 0), fmt(loaded, 0), fmt(pct(r.logins, 0.95), 0), fmt(loaded / idle, 2), fmt(r.f.perSecond, 0), codes,
      fmt(pct(r.idleHealth, 0.99), 1), fmt(pct(r.healthz, 0.99), 1)])
  }
  const table = ['| scenario | real user login, idle (median ms) | under flood (median ms) | under flood p95 ms | ratio | flood req/s | flood answers | /healthz p99 idle ms | /healthz p99 under flood ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  console.log(table)
  const db = base.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'
  writeSection('Login flood (issue 11)', `Target: during a flood of ${CLIENTS} clients with random usernames, a real user logs in within 2× the unloaded time (ratio ≤ 2 with the throttle on). \`npm run bench:login\`, ${db}, ${new Date().toISOString().slice(0, 10)}; the flood comes from 127.0.0.2 (127.0.0.4 in the second run) for ${FLOOD_SECONDS} s, the real user (admin, sequential logins 100 ms apart) from 127.0.0.1, a /healthz probe from 127.0.0.3; load generator on the same 2-core machine.\n\n${table}\n\nWith the defaults the flooding address is blocked after 20 failed logins (then 1, 2, 4 … minutes) before any password is hashed, so the flood costs one indexed read per request. Every argon2 hash and verify also passes through one bound: logins from an address with recent failures share cores − 1 slots and wait behind all other hashing, which may use one reserved slot more; queues take turns between addresses (16 waiting per address, 64 in all, then 429 \`busy\`). So even with the address throttle switched off the real user never waits for a slot behind the flood, and other requests (/healthz) keep a core. The per-address request limit on \`POST /api/session\` (issue 11 item 3, shared through PostgreSQL) comes on top of both.`)
  if (!(ratio <= 2)) process.exitCode = 1
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true })
}
