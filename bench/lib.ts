// Shared pieces of the benchmark scripts: start Yizhan as a child process, wait for health, measure memory,
// run autocannon, and write a section of BENCHMARKS.md.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import os from 'node:os'
import autocannon from 'autocannon'
import pg from 'pg'
import { createDb, createPool, ensureDatabase, type Db } from '../src/db/database.js'
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js'

export const root = path.resolve(import.meta.dirname, '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)) })
  })
}

export interface Started { child: ChildProcess; port: number; ms: number; output: () => string }

/** `npm start`'s own entry (node scripts/start.mjs) with the given environment (demo history off unless asked); resolves when /healthz is 200.
 * With `logFile` its output goes there (as `npm start > file` would) instead of through a pipe to this process;
 * `extraNodeArgs` go to its node (`--inspect=…` to read its memory). */
export async function startYizhan(env: Record<string, string>, timeoutMs = 120_000, logFile?: string, extraNodeArgs: string[] = []): Promise<Started> {
  const port = Number(env.PORT ?? (await freePort()))
  const t0 = performance.now()
  let out = ''
  const fd = logFile ? fs.openSync(logFile, 'w') : undefined
  // BENCH_NODE_ARGS: flags for the server's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes).
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...extraNodeArgs]
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], {
    cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', YIZHAN_DEMO_HISTORY: '0', ...env, PORT: String(port) }, stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
  })
  if (fd !== undefined) fs.closeSync(fd)
  child.stdout?.on('data', (d) => { out += d })
  child.stderr?.on('data', (d) => { out += d })
  let exited = false
  child.on('exit', () => { exited = true })
  while (performance.now() - t0 < timeoutMs) {
    if (exited) throw new Error(`Yizhan exited before becoming healthy:\n${out}`)
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (r.status === 200) return { child, port, ms: performance.now() - t0, output: () => out }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`Yizhan not healthy within ${timeoutMs} ms:\n${out}`)
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode)
    child.once('exit', (code) => resolve(code))
    child.kill(signal)
  })
}

/** Resident memory (MiB) of a process plus every process whose command line mentions `marker`. */
export function rssMiB(pid: number, marker?: string): { app: number; db: number } {
  const rssOf = (p: string) => {
    try { return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024 } catch { return 0 }
  }
  let db = 0
  if (marker) {
    for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8')
        if (cmd.includes(marker) && Number(p) !== pid) db += rssOf(p)
      } catch { /* gone */ }
    }
  }
  return { app: rssOf(String(pid)), db }
}

/** The postgres processes of one data directory: the postmaster's children do not repeat -D, so collect by parent. */
export function pgTreeRssMiB(pgData: string): number {
  const pidFile = path.join(pgData, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return 0
  const master = fs.readFileSync(pidFile, 'utf8').split('\n')[0].trim()
  let total = 0
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8')
      const ppid = /PPid:\s+(\d+)/.exec(status)?.[1]
      if (p === master || ppid === master) total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
    } catch { /* gone */ }
  }
  return total
}

export interface Load { rps: number; p50: number; p99: number; p97_5: number; errors: number; non2xx: number; total: number }

export async function load(opts: autocannon.Options): Promise<Load> {
  const r = await autocannon({ duration: 8, ...opts })
  return { rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, total: r.requests.total }
}

/** CPU time (user + system, ms) a process has used so far: per request, a figure that a busy machine bends less. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10 // utime, stime in clock ticks of 10 ms
}

/** The baseline: a bare Fastify process serving `body` at /bare; `ms` is from spawn to its first 200. */
export async function startBareFastify(body: unknown = { status: 'ok' }): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const port = await freePort()
  const src = `import Fastify from 'fastify'; const a = Fastify(); a.get('/bare', async () => (${JSON.stringify(body)})); await a.listen({ port: ${port} })`
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--input-type=module', '-e', src], { cwd: root, stdio: 'ignore' })
  for (;;) {
    try { if ((await fetch(`http://127.0.0.1:${port}/bare`)).ok) break } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { child, port, ms: performance.now() - t0 }
}

/** A bare Fastify process answering each path with a constant string of JSON (the same bytes as a cached page);
 * with `compress`, through @fastify/compress (as the app would if it compressed). */
export async function startBareBytes(bodies: Record<string, string>, compress = false): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const src = `import Fastify from 'fastify'; const a = Fastify()
    ${compress ? "await a.register((await import('@fastify/compress')).default)" : ''}
    for (const [p, b] of Object.entries(${JSON.stringify(bodies)})) a.get(p, async (_q, r) => r.type('application/json; charset=utf-8').send(b))
    await a.listen({ port: ${port} })`
  const child = spawn(process.execPath, ['--input-type=module', '-e', src], { cwd: root, stdio: 'ignore' })
  const first = Object.keys(bodies)[0]
  for (;;) {
    try { if ((await fetch(`http://127.0.0.1:${port}${first}`)).ok) break } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { child, port }
}

/** Replace (or add) the section headed `heading` in BENCHMARKS.md. */
export function writeSection(heading: string, body: string): void {
  const file = path.join(root, 'BENCHMARKS.md')
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasured by `npm run bench:*` on the project machine (2 cores). Figures vary run to run; compare the ratios, which are measured against a baseline in the same run.\n'
  const marker = `## ${heading}`
  const start = text.indexOf(marker)
  const section = `${marker}\n\n${body.trim()}\n`
  if (start < 0) { fs.writeFileSync(file, text.trimEnd() + '\n\n' + section); return }
  const next = text.indexOf('\n## ', start + marker.length)
  fs.writeFileSync(file, text.slice(0, start) + section + (next < 0 ? '' : text.slice(next)))
}

export const fmt = (n: number, d = 1) => n.toFixed(d)

/** Yizhan in a process of its own on an already-seeded database (no demo district, no web build), with the per-address
 * limits lifted: the benchmarks that use it measure the work behind a request, not the limiter in front of it. */
export async function startAppOn(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<{ base: string; pid: number; close: () => Promise<void> }> {
  const s = await startYizhan({
    DATABASE_URL: databaseUrl, DATA_DIR: dataDir, YIZHAN_DEMO: '0', YIZHAN_SKIP_WEB_BUILD: '1',
    RATE_LIMIT_LOGIN: '100000000/60', RATE_LIMIT_PROGRESS: '100000000/60', RATE_LIMIT_TICKET: '100000000/60', ...env,
  })
  return { base: `http://127.0.0.1:${s.port}`, pid: s.child.pid!, close: async () => { await stop(s.child) } }
}

/** A staff login through the API: the cookie and CSRF header a browser would send. */
export async function login(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`)
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await res.json()).csrfToken as string }
}

/** One login after another: the server bounds how many password hashes one address may have waiting. */
export async function loginAll(base: string, usernames: readonly string[], password: string) {
  const out = []
  for (const u of usernames) out.push(await login(base, u, password))
  return out
}

export interface BenchDatabase { url: string; pool: pg.Pool; db: Db; embedded: boolean; /** a temporary directory (the app's DATA_DIR) */ dir: string; close(): Promise<void> }

/**
 * A database of its own for one benchmark run: on TEST_DATABASE_URL's server when set, else on an embedded PostgreSQL
 * in a temporary directory; close() drops it (BENCH_KEEP_DB keeps it), stops the embedded server, removes the directory.
 */
export async function openBenchDatabase(name: string, poolSize: number): Promise<BenchDatabase> {
  let embedded: EmbeddedServer | undefined
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `yizhan-bench-${name}-`))
  fs.chmodSync(tmp, 0o755) // the embedded server may run as the `postgres` user (when we are root)
  let serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    embedded = await startEmbedded({ dataDir: path.join(tmp, 'pg'), log: { info: () => {}, warn: () => {} } })
    serverUrl = embedded.url
  }
  const dbName = `yz_bench_${name}_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const url = await ensureDatabase(serverUrl, dbName)
  const pool = createPool(url, poolSize)
  const db = createDb(pool)
  return {
    url, pool, db, embedded: !!embedded, dir: tmp,
    async close() {
      await db.destroy()
      if (process.env.BENCH_KEEP_DB) console.log(`kept database ${url}`)
      else await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
      await admin.end()
      await embedded?.stop()
      fs.rmSync(tmp, { recursive: true, force: true })
    },
  }
}
