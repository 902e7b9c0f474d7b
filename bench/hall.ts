// Benchmark: the hall (issue 9). `npm run bench:hall`.
// Yizhan runs as a child process (`npm start`'s entry, DATABASE_URL, with its LISTEN/NOTIFY bus) on a fresh database
// (TEST_DATABASE_URL's server, else an embedded one in a temp dir); this process plays the clients.
// 1. Ticket issuing, 32 concurrent clients for BENCH_SECONDS: tickets/s, numbers checked gap-free afterwards;
//    baseline: bare INSERTs of a ticket-sized row by 32 concurrent pool clients in the same run.
// 2. 500 display boards on SSE while 50 windows call: call request sent → event received, p50/p99, and memory
//    per connected board; baseline: a bare Node SSE server broadcasting the same events to the same 500 clients.
import { spawn } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { chinaTime } from '../src/domain/hall-time.js'
import { insertCenter } from '../src/features/network/centers.repository.js'
import { hashPassword } from '../src/features/session/passwords.js'
import { fmt, freePort, load, openBenchDatabase, rssMiB, root, startYizhan, stop, writeSection } from './lib.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CLIENTS = 32
const BOARDS = Number(process.env.BENCH_BOARDS ?? 500)
const WINDOWS = 50
const CALLS_PER_WINDOW = Number(process.env.BENCH_CALLS ?? 10)
const PASSWORD = 'bench-Hall-2026'

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN }

async function seed(db: Db) {
  await migrateToLatest(db)
  const center = await insertCenter(db, { code: 'D01', name: '区行政服务中心', level: 'district', parent: null })
  await db.insertInto('users').values({ username: 'bench.manager', name: '压测管理员', password_hash: await hashPassword(PASSWORD), roles: ['manager'], center_id: center.id, window_id: null }).execute()
  const windows = await db.insertInto('windows').values(Array.from({ length: WINDOWS }, (_, i) => ({ center_id: center.id, number: String(i + 1), name: `${i + 1}号窗口`, stand_in_user_id: null })))
    .returning('id').execute()
  const cats = await db.insertInto('hall_categories').values(['A', 'B', 'C', 'D', 'S'].map((p, i) => ({ center_id: center.id, prefix: p, name: `类别${p}`, position: i })))
    .returning(['id', 'prefix']).execute()
  const calls = cats.find((c) => c.prefix === 'S')!.id
  await db.insertInto('hall_window_categories').values(windows.map((w) => ({ window_id: w.id, category_id: calls }))).execute()
  // Open all day, today a working day, whatever the machine's clock says.
  await db.insertInto('hall_settings').values({ center_id: center.id, opens: '00:00', closes: '23:59' }).execute()
  await db.insertInto('calendar_days').values({ day: chinaTime(new Date()).day, workday: true, name: 'bench', source: 'admin' })
    .onConflict((oc) => oc.column('day').doUpdateSet({ workday: true })).execute()
  return { centerId: center.id, windowIds: windows.map((w) => w.id), issueCats: cats.filter((c) => c.prefix !== 'S').map((c) => c.id), callCat: calls }
}

/** 32 pool clients inserting a ticket-sized row for SECONDS: the floor under any ticket write. */
async function bareInserts(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS })
  await pool.query('create table bench_bare (id serial primary key, category_id int, number text, token text, at timestamptz)')
  let n = 0
  const end = performance.now() + SECONDS * 1000
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < end) { await pool.query("insert into bench_bare (category_id, number, token, at) values (1, 'A001', 'x', now())"); n++ }
  }))
  await pool.end()
  return n / SECONDS
}

interface Board { req: http.ClientRequest; got: { number: string; at: number }[] }

function connectBoards(port: number, pathName: string, n: number): Promise<Board[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
  return Promise.all(Array.from({ length: n }, () => new Promise<Board>((resolve, reject) => {
    const board: Board = { req: undefined as unknown as http.ClientRequest, got: [] }
    board.req = http.get({ host: '127.0.0.1', port, path: pathName, agent }, (res) => {
      let buf = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const at = performance.now()
        buf += chunk
        let i
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i); buf = buf.slice(i + 2)
          if (block.includes('event: call')) board.got.push({ number: /"number":"([^"]+)"/.exec(block)![1], at })
          else if (block.includes('event: state') || block.startsWith('retry')) resolve(board)
        }
      })
      res.on('error', () => undefined)
    })
    board.req.on('error', reject)
  })))
}

function latencies(boards: Board[], sentAt: Map<string, number>): number[] {
  const out: number[] = []
  for (const b of boards) for (const g of b.got) { const t = sentAt.get(g.number); if (t !== undefined) out.push(g.at - t) }
  return out
}

/** A bare SSE broadcaster: GET /events streams, POST /call?n= sends one call event to every stream. */
const BARE_SSE = `
import http from 'node:http'
const clients = new Set(); let seq = 0
http.createServer((req, res) => {
  if (req.url.startsWith('/events')) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }); res.write('retry: 2000\\n\\n')
    clients.add(res); req.on('close', () => clients.delete(res)); return
  }
  const n = new URL(req.url, 'http://x').searchParams.get('n')
  const frame = 'id: ' + (++seq) + '\\nevent: call\\ndata: ' + JSON.stringify({ number: n, windowName: '1号窗口', windowNumber: '1', at: new Date().toISOString(), text: '请' + n + '号到1号窗口办理', recall: false }) + '\\n\\n'
  for (const c of clients) c.write(frame)
  res.end('{}')
}).listen(Number(process.argv[1]), '127.0.0.1')`

async function main() {
  const bdb = await openBenchDatabase('hall', 4)
  const { url } = bdb
  const data = await seed(bdb.db)
  const app = await startYizhan({ DATABASE_URL: url, DATA_DIR: path.join(bdb.dir, 'app'), YIZHAN_DEMO: '0', YIZHAN_SKIP_WEB_BUILD: '1', RATE_LIMIT_TICKET: '100000000/60' })
  const base = `http://127.0.0.1:${app.port}`
  const bare = spawn(process.execPath, ['--input-type=module', '-e', BARE_SSE, String(await freePort())], { cwd: root, stdio: 'ignore' })
  try {
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.manager', password: PASSWORD }) })
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await login.json()).csrfToken }

    // ── 1. ticket issuing
    const bodies = data.issueCats.map((c) => JSON.stringify({ centerId: data.centerId, categoryId: c }))
    const issue = await load({
      url: `${base}/api/tickets`, connections: CLIENTS, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' },
      requests: bodies.map((body) => ({ method: 'POST' as const, body })),
    })
    const single = await load({
      url: `${base}/api/tickets`, connections: CLIENTS, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ centerId: data.centerId, categoryId: data.issueCats[0] }),
    })
    const check = new pg.Client({ connectionString: url })
    await check.connect()
    const gaps = await check.query(`select category_id, count(*)::int as n, max(seq) as max, count(distinct seq)::int as distinct
      from tickets group by category_id`)
    const gapFree = gaps.rows.every((r) => r.n === r.max && r.n === r.distinct)
    const issued = gaps.rows.reduce((s, r) => s + r.n, 0)
    await check.end()
    const bareRate = await bareInserts(url)

    // ── 2. display boards while windows call
    for (let i = 0; i < WINDOWS * CALLS_PER_WINDOW; i++) {
      const r = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: data.centerId, categoryId: data.callCat }) })
      if (r.status !== 201) throw new Error(`ticket: ${r.status} ${await r.text()}`)
    }
    const before = rssMiB(app.child.pid!).app
    const boards = await connectBoards(app.port, `/api/centers/${data.centerId}/display/events`, BOARDS)
    await new Promise((r) => setTimeout(r, 1000))
    const after = rssMiB(app.child.pid!).app
    const sentAt = new Map<string, number>()
    const t0 = performance.now()
    await Promise.all(data.windowIds.map(async (w) => {
      for (;;) {
        const sent = performance.now()
        const r = await fetch(`${base}/api/windows/${w}/call-next`, { method: 'POST', headers, body: '{}' })
        if (r.status === 204) return
        if (r.status !== 200) throw new Error(`call-next: ${r.status} ${await r.text()}`)
        const { ticket } = await r.json()
        sentAt.set(ticket.number, sent)
        await fetch(`${base}/api/tickets/${ticket.id}/actions/start`, { method: 'POST', headers, body: '{}' })
        await fetch(`${base}/api/tickets/${ticket.id}/actions/finish`, { method: 'POST', headers, body: '{}' })
      }
    }))
    const callSeconds = (performance.now() - t0) / 1000
    await new Promise((r) => setTimeout(r, 1000))
    const lat = latencies(boards, sentAt)
    const expected = sentAt.size * BOARDS
    for (const b of boards) b.req.destroy()

    const barePort = Number(bare.spawnargs.at(-1))
    const bareBoards = await connectBoards(barePort, '/events', BOARDS)
    const bareSent = new Map<string, number>()
    await Promise.all(Array.from({ length: WINDOWS }, async (_, w) => {
      for (let i = 0; i < CALLS_PER_WINDOW; i++) {
        const n = `S${w}-${i}`
        bareSent.set(n, performance.now())
        await fetch(`http://127.0.0.1:${barePort}/call?n=${n}`, { method: 'POST' })
      }
    }))
    await new Promise((r) => setTimeout(r, 1000))
    const bareLat = latencies(bareBoards, bareSent)
    for (const b of bareBoards) b.req.destroy()

    const lines = [
      `Run ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end (the machine is shared).`,
      '',
      '| ticket issuing, 32 clients | tickets/s | p99 ms | non-2xx |',
      '| --- | --- | --- | --- |',
      `| Yizhan POST /api/tickets, 4 categories | ${fmt(issue.rps, 0)} | ${issue.p99} | ${issue.non2xx + issue.errors} |`,
      `| Yizhan POST /api/tickets, one category (one counter row) | ${fmt(single.rps, 0)} | ${single.p99} | ${single.non2xx + single.errors} |`,
      `| baseline: bare INSERT, 32 pool clients | ${fmt(bareRate, 0)} | | |`,
      '',
      `Ratio to the bare insert: ${fmt(issue.rps / bareRate, 2)} (4 categories), ${fmt(single.rps / bareRate, 2)} (one category). ${issued} tickets issued; numbers gap-free and unique in every category: **${gapFree ? 'yes' : 'NO'}**. Target: ≥ 1,000 tickets/s.`,
      '',
      `| display, ${BOARDS} boards, ${WINDOWS} windows calling | events delivered | p50 ms | p99 ms |`,
      '| --- | --- | --- | --- |',
      `| Yizhan SSE (call-next → event at the board) | ${lat.length} / ${expected} | ${fmt(pct(lat, 50))} | ${fmt(pct(lat, 99))} |`,
      `| baseline: bare Node SSE broadcast of the same events | ${bareLat.length} / ${bareSent.size * BOARDS} | ${fmt(pct(bareLat, 50))} | ${fmt(pct(bareLat, 99))} |`,
      '',
      `${sentAt.size} calls in ${fmt(callSeconds)} s (each followed by start and finish). Memory: Yizhan RSS ${fmt(before)} MiB before the boards, ${fmt(after)} MiB with ${BOARDS} connected: ${fmt(((after - before) * 1024) / BOARDS)} KiB per board. Target: p99 < 50 ms.`,
    ]
    console.log(lines.join('\n'))
    writeSection('Hall (`npm run bench:hall`)', lines.join('\n'))
  } finally {
    bare.kill()
    await stop(app.child)
    await bdb.close()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
