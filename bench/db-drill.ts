// Database fault drills against a running Yizhan (the real `npm start` child): light intake traffic from a clerk,
// and the faults: every backend of the app terminated again and again, the embedded postmaster killed with -9.
// Used by tests/process/db-recovery.test.ts (assertions) and bench/db-faults.ts (figures for BENCHMARKS.md).
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { idNumbers } from './load-worker.js'

export interface Traffic {
  /** requestId → case id, for every 201 */
  created: Map<string, number>
  bodies: Map<string, string>
  /** HTTP status → count; 0 for a request the server never answered (refused, reset) */
  statuses: Map<number, number>
  /** the 503s' error codes and Retry-After headers, "code/retry-after" → count */
  refusals: Map<string, number>
  stop(): Promise<void>
}

export async function clerkSession(base: string, password: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district.clerk1', password }) })
  if (res.status !== 200) throw new Error(`login district.clerk1: ${res.status}`)
  const me = await res.json() as { csrfToken: string; centerId: number }
  return { headers: { 'content-type': 'application/json', cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': me.csrfToken }, centerId: me.centerId }
}

export async function immediateItem(base: string, centerId: number) {
  const list = await (await fetch(`${base}/api/public/items?centerId=${centerId}&pageSize=100`)).json() as { items: { id: number; handlingKind: string }[] }
  for (const it of list.items.filter((i) => i.handlingKind === 'immediate')) {
    const d = await (await fetch(`${base}/api/public/items/${it.id}`)).json() as { targets: string[]; materials: { id: number }[] }
    if (d.targets.includes('person')) return { id: it.id, materials: d.materials.map((m) => m.id) }
  }
  throw new Error('no immediate item for persons at the district center')
}

/** `clients` loops, each an intake then a pause of `pauseMs` (light traffic: 2 clients, 100 ms ≈ 15 cases/s). */
export async function intakeTraffic(base: string, password: string, opts: { clients?: number; pauseMs?: number; prefix?: string } = {}): Promise<Traffic> {
  const s = await clerkSession(base, password)
  const item = await immediateItem(base, s.centerId)
  const ids = idNumbers(100)
  const t: Traffic = { created: new Map(), bodies: new Map(), statuses: new Map(), refusals: new Map(), stop: async () => undefined }
  let stopped = false
  let n = 0
  const one = async (c: number) => {
    while (!stopped) {
      n += 1
      const requestId = `${opts.prefix ?? 'drill'}-${c}-${n}`
      const body = JSON.stringify({
        requestId, itemId: item.id, centerId: s.centerId, complete: true,
        applicant: { kind: 'person', name: '刘测试', idNumber: ids[n % ids.length], phone: '13700000000' },
        materials: item.materials.map((m) => ({ materialId: m, received: true })),
      })
      t.bodies.set(requestId, body)
      let status = 0
      try {
        const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: s.headers, body, signal: AbortSignal.timeout(20_000) })
        status = res.status
        const json = await res.json().catch(() => ({})) as { id?: number; error?: { code: string } }
        if (status === 201) t.created.set(requestId, json.id!)
        if (status === 503) { const k = `${json.error?.code}/${res.headers.get('retry-after')}`; t.refusals.set(k, (t.refusals.get(k) ?? 0) + 1) }
      } catch { /* never answered */ }
      t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1)
      await new Promise((r) => setTimeout(r, opts.pauseMs ?? 100))
    }
  }
  const loops = Array.from({ length: opts.clients ?? 2 }, (_, c) => one(c))
  t.stop = async () => { stopped = true; await Promise.all(loops) }
  return t
}

/** Every request sent again with its requestId: each 201 must come back as the same case (200), the others land once. */
export async function verifyCases(base: string, password: string, t: Traffic): Promise<{ lost: string[]; doubled: number; total: number }> {
  const s = await clerkSession(base, password)
  const lost: string[] = []
  const ids = new Set<number>()
  for (const [requestId, body] of t.bodies) {
    const res = await fetch(`${base}/api/cases`, { method: 'POST', headers: s.headers, body })
    const json = await res.json() as { id: number }
    if (t.created.has(requestId) && (res.status !== 200 || json.id !== t.created.get(requestId))) lost.push(`${requestId}: ${res.status}`)
    ids.add(json.id)
  }
  return { lost, doubled: t.bodies.size - ids.size, total: t.bodies.size }
}

/** The embedded server's postmaster pid and an admin URL to it (password from DATA_DIR). */
export function embeddedInfo(dataDir: string): { pid: number; url: string } {
  const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim()
  return { pid: Number(lines[0]), url: `postgres://yizhan:${encodeURIComponent(password)}@127.0.0.1:${Number(lines[3])}/yizhan` }
}

/** Terminate every client backend of database `url` except our own, every `everyMs`, for `ms`: how many were cut. */
export async function terminateBackends(url: string, ms: number, everyMs = 20): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  c.on('error', () => undefined)
  await c.connect()
  let kills = 0
  const end = Date.now() + ms
  try {
    while (Date.now() < end) {
      const { rows } = await c.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`)
      kills += rows[0].n
      await new Promise((r) => setTimeout(r, everyMs))
    }
  } finally { await c.end().catch(() => undefined) }
  return kills
}

/** kill -9 of the embedded postmaster; resolves with ms until /healthz is 200 again (or rejects after `timeoutMs`). */
/** With `holdPort`, something else takes the server's TCP port as soon as it is free, until it is healthy again. */
export async function killPostmaster(base: string, dataDir: string, timeoutMs = 30_000, holdPort = false): Promise<{ recoveredMs: number; healthStatuses: Map<number, number> }> {
  const { pid } = embeddedInfo(dataDir)
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3])
  const t0 = performance.now()
  process.kill(pid, 'SIGKILL')
  const squatter = holdPort ? await takePort(port) : undefined
  try { return await waitHealthy(base, t0, timeoutMs) } finally { squatter?.close() }
}

async function takePort(port: number): Promise<net.Server> {
  for (let i = 0; ; i++) {
    const srv = net.createServer()
    const ok = await new Promise<boolean>((r) => { srv.once('error', () => r(false)); srv.listen(port, '127.0.0.1', () => r(true)) })
    if (ok) return srv
    if (i > 200) throw new Error(`port ${port} never became free`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function waitHealthy(base: string, t0: number, timeoutMs: number) {
  const healthStatuses = new Map<number, number>()
  let sawDown = false
  while (performance.now() - t0 < timeoutMs) {
    let status = 0
    try { status = (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).status } catch { /* not answered */ }
    healthStatuses.set(status, (healthStatuses.get(status) ?? 0) + 1)
    if (status !== 200) sawDown = true
    if (status === 200 && sawDown) return { recoveredMs: performance.now() - t0, healthStatuses }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`not healthy again within ${timeoutMs} ms (health answers: ${JSON.stringify([...healthStatuses])})`)
}
