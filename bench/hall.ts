// Benchmark: the hall (issue 9). `npm run bench:hall` (BENCH_PART=tickets or display for one part).
// Yizhan runs as a child process (`npm start`'s entry, DATABASE_URL, with its LISTEN/NOTIFY bus) on a fresh database
// (TEST_DATABASE_URL's server, else an embedded one in a temp dir); this process sends the requests.
// 1. Ticket issuing, 32 concurrent clients for BENCH_SECONDS: tickets/s, numbers checked gap-free afterwards;
//    baseline: bare INSERTs of a ticket-sized row by 32 concurrent pool clients in the same run.
// 2. 500 display boards on SSE (in BENCH_BOARD_PROCESSES processes of their own) while 50 windows call, on a schedule
//    (each window once per interval) and flat out: call request sent → event received at every board, p50/p99 on the
//    machine's monotonic clock; memory per connected board after a full GC, read through the server's inspector;
//    baseline: a bare Node SSE server broadcasting the same events to the same 500 boards on the same schedule.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { Db } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { chinaTime } from '../src/domain/hall-time.js'
import { insertCenter } from '../src/features/network/centers.repository.js'
import { hashPassword } from '../src/features/session/passwords.js'
import { closeBoards, collect, connectBoards, monoMs } from './hall-boards.js'
import { priorityLane, seedPriority } from './hall-priority.js'
import { percentile } from './load-worker.js'
import { loopDelay, memoryAfterGc, startLoopDelay } from './inspect.js'
import { cpuMs, fmt, freePort, load, openBenchDatabase, root, startYizhan, stop, writeSection } from './lib.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CLIENTS = 32
const BOARDS = Number(process.env.BENCH_BOARDS ?? 500)
const WINDOWS = 50
const CALLS_PER_WINDOW = Number(process.env.BENCH_CALLS ?? 10)
const WARM_UP_CALLS = 2
const BOARD_PROCESSES = Number(process.env.BENCH_BOARD_PROCESSES ?? 2)
/** Each window calls once per interval (ms); 0: as fast as it can. */
const INTERVALS = (process.env.BENCH_CALL_INTERVALS ?? '5000,2000,0').split(',').map(Number)
/** BENCH_PART=tickets, display or priority runs only that part. */
const PART = process.env.BENCH_PART
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const PASSWORD = 'bench-Hall-2026'

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)

/**
 * Two halls: the kiosk's (categories A–D, where part 1 issues its tickets) and the calling hall (50 windows calling
 * category S, its display boards, the manager who calls), so the calls queue behind that day's calls only, not
 * behind the tens of thousands of tickets part 1 leaves waiting.
 */
async function seed(db: Db) {
  await migrateToLatest(db)
  const kiosk = await insertCenter(db, { code: 'D01', name: '区行政服务中心', level: 'district', parent: null })
  const hall = await insertCenter(db, { code: 'T01', name: '压测镇便民服务中心', level: 'town', parent: kiosk })
  await db.insertInto('users').values({ username: 'bench.manager', name: '压测管理员', password_hash: await hashPassword(PASSWORD), roles: ['manager'], center_id: hall.id, window_id: null }).execute()
  const windows = await db.insertInto('windows').values(Array.from({ length: WINDOWS }, (_, i) => ({ center_id: hall.id, number: String(i + 1), name: `${i + 1}号窗口`, stand_in_user_id: null })))
    .returning('id').execute()
  const cats = await db.insertInto('hall_categories').values(['A', 'B', 'C', 'D'].map((p, i) => ({ center_id: kiosk.id, prefix: p, name: `类别${p}`, position: i })))
    .returning('id').execute()
  const [calls] = await db.insertInto('hall_categories').values({ center_id: hall.id, prefix: 'S', name: '叫号', position: 0 }).returning('id').execute()
  await db.insertInto('hall_window_categories').values(windows.map((w) => ({ window_id: w.id, category_id: calls.id }))).execute()
  // Open all day with no lunch break, today a working day, whatever the machine's clock says (each center has its row: 0161).
  await db.updateTable('hall_settings').set({ opens: '00:00', lunch_starts: null, lunch_ends: null, closes: '23:59' }).where('center_id', 'in', [kiosk.id, hall.id]).execute()
  await db.insertInto('calendar_days').values({ day: chinaTime(new Date()).day, workday: true, name: 'bench', source: 'admin' })
    .onConflict((oc) => oc.column('day').doUpdateSet({ workday: true })).execute()
  return { kioskId: kiosk.id, issueCats: cats.map((c) => c.id), hallId: hall.id, windowIds: windows.map((w) => w.id), callCat: calls.id }
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

/** Every call event at every board: when it was received (monotonic ms) minus when its call was sent. */
function latencies(got: [string, number][], sentAt: Map<string, number>): number[] {
  const out: number[] = []
  for (const [n, at] of got) { const t = sentAt.get(n); if (t !== undefined) out.push(at - t) }
  return out
}

/**
 * The windows calling: window w makes its k-th call at w·interval/WINDOWS + k·interval from the start (k < CALLS_PER_WINDOW),
 * so the hall calls WINDOWS/interval times a second, spread evenly; interval 0: each window as fast as it can.
 * Returns the run's length and how late against that schedule a call was sent at worst.
 */
async function schedule(intervalMs: number, call: (w: number, k: number) => Promise<void>, calls = CALLS_PER_WINDOW) {
  const t0 = monoMs()
  let late = 0
  await Promise.all(Array.from({ length: WINDOWS }, async (_, w) => {
    for (let k = 0; k < calls; k++) {
      const due = t0 + (w * intervalMs) / WINDOWS + k * intervalMs
      const wait = due - monoMs()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      else if (intervalMs) late = Math.max(late, -wait)
      await call(w, k)
    }
  }))
  return { seconds: (monoMs() - t0) / 1000, lateMs: late }
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

interface Run { answerP99: number; loopP99: number; loopMax: number; calls: number; delivered: number; expected: number; p50: number; p99: number; seconds: number; lateMs: number; serverCpu: number; boardsCpu: number }
type Memory = Awaited<ReturnType<typeof memoryAfterGc>>

/** BOARDS boards connected to one server: memory after a full GC before and after they connect, then one run per interval. */
async function displayRuns(server: { pid: number; port: number; inspect: number; path: string }, call: (sentAt: Map<string, number>, answered: number[]) => (w: number) => Promise<void>) {
  // A few boards come and go first, so that the route's first use (its code compiled, its caches filled) is not counted.
  const probe = await connectBoards(server.port, server.path, 10, 1)
  closeBoards(probe)
  await sleep(500)
  const before = await memoryAfterGc(server.inspect)
  const boards = await connectBoards(server.port, server.path, BOARDS, BOARD_PROCESSES)
  await sleep(1000)
  const after = await memoryAfterGc(server.inspect)
  // Warm-up, not counted: every window calls WARM_UP_CALLS times (the server's first requests compile their code paths).
  await schedule(INTERVALS[0], call(new Map(), []), WARM_UP_CALLS)
  const runs: Run[] = []
  const cpu = () => ({ server: cpuMs(server.pid), boards: boards.processes.reduce((sum, c) => sum + cpuMs(c.pid!), 0) })
  try {
    for (const interval of INTERVALS) {
      const sentAt = new Map<string, number>()
      const answered: number[] = []
      const c0 = cpu()
      await startLoopDelay(server.inspect)
      const s = await schedule(interval, call(sentAt, answered))
      await sleep(1000)
      const c1 = cpu()
      const delay = await loopDelay(server.inspect)
      const lat = sorted(latencies(await collect(boards), sentAt))
      runs.push({
        calls: sentAt.size, delivered: lat.length, expected: sentAt.size * BOARDS, p50: percentile(lat, 50), p99: percentile(lat, 99), answerP99: percentile(sorted(answered), 99), loopP99: delay.p99, loopMax: delay.max, seconds: s.seconds, lateMs: s.lateMs,
        serverCpu: (c1.server - c0.server) / 1000 / (s.seconds + 1), boardsCpu: (c1.boards - c0.boards) / 1000 / (s.seconds + 1),
      })
    }
  } finally { closeBoards(boards) }
  return { runs, before, after }
}

const perBoardKiB = (m: { before: Memory; after: Memory }, k: keyof Memory) => fmt(((m.after[k] - m.before[k]) * 1024) / BOARDS)
const runName = (interval: number) => interval ? `each window calling every ${interval / 1000} s (${fmt(WINDOWS / (interval / 1000), 0)} calls/s)` : 'flat out'

async function main() {
  const bdb = await openBenchDatabase('hall', 4)
  const { url } = bdb
  const data = await seed(bdb.db)
  const lane = await seedPriority(bdb.db, data.hallId)
  const inspect = await freePort()
  const app = await startYizhan({ DATABASE_URL: url, DATA_DIR: path.join(bdb.dir, 'app'), YIZHAN_DEMO: '0', YIZHAN_SKIP_WEB_BUILD: '1', RATE_LIMIT_TICKET: '100000000/60', DISPLAY_STREAMS_PER_ADDRESS: String(BOARDS + 100), DISPLAY_STREAMS_MAX: String(BOARDS + 100) },
    undefined, undefined, [`--inspect=127.0.0.1:${inspect}`])
  const base = `http://127.0.0.1:${app.port}`
  const [barePort, bareInspect] = [await freePort(), await freePort()]
  const bare = spawn(process.execPath, [`--inspect=127.0.0.1:${bareInspect}`, '--input-type=module', '-e', BARE_SSE, String(barePort)], { cwd: root, stdio: 'ignore' })
  try {
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.manager', password: PASSWORD }) })
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': (await login.json()).csrfToken }
    const lines = [`Run ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores (the machine is shared).`, '']
    if (!PART || PART === 'priority') {
      const priority = [`Run ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores (the machine is shared), load average ${os.loadavg().map((x) => fmt(x, 2)).join(' / ')}.`, '', ...(await priorityLane(base, headers, data.hallId, lane))]
      console.log(priority.join('\n'))
      writeSection('Hall, priority lane (`npm run bench:hall`, `BENCH_PART=priority` alone)', priority.join('\n'))
      if (PART) return
    }
    if (PART !== 'display') {
      lines.push(...(await ticketIssuing(base, url, data)), '')
      // Part 1 leaves ~25,000 new tickets: vacuum them now, not by autovacuum in the middle of part 2.
      await bdb.pool.query('vacuum analyze')
    }
    if (PART !== 'tickets') {
      // ── 2. display boards while windows call: one waiting ticket for every call of every run
      for (let i = 0; i < WINDOWS * (CALLS_PER_WINDOW * INTERVALS.length + WARM_UP_CALLS); i++) {
        const r = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: data.hallId, categoryId: data.callCat }) })
        if (r.status !== 201) throw new Error(`ticket: ${r.status} ${await r.text()}`)
      }
      const yizhan = await displayRuns({ pid: app.child.pid!, port: app.port, inspect, path: `/api/centers/${data.hallId}/display/events` }, (sentAt, answered) => async (w) => {
        const sent = monoMs()
        const r = await fetch(`${base}/api/windows/${data.windowIds[w]}/call-next`, { method: 'POST', headers, body: '{}' })
        answered.push(monoMs() - sent)
        if (r.status !== 200) throw new Error(`call-next: ${r.status} ${await r.text()}`)
        const { ticket } = await r.json()
        sentAt.set(ticket.number, sent)
        await fetch(`${base}/api/tickets/${ticket.id}/actions/start`, { method: 'POST', headers, body: '{}' })
        await fetch(`${base}/api/tickets/${ticket.id}/actions/finish`, { method: 'POST', headers, body: '{}' })
      })
      let seq = 0
      const baseline = await displayRuns({ pid: bare.pid!, port: barePort, inspect: bareInspect, path: '/events' }, (sentAt, answered) => async () => {
        const n = `S${++seq}`
        const sent = monoMs()
        sentAt.set(n, sent)
        await fetch(`http://127.0.0.1:${barePort}/call?n=${n}`, { method: 'POST' })
        answered.push(monoMs() - sent)
      })
      const row = (name: string, r: Run) =>
        `| ${name} | ${r.calls} in ${fmt(r.seconds)} s | ${r.delivered} / ${r.expected} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.answerP99)} | ${fmt(r.loopP99)} / ${fmt(r.loopMax)} | ${fmt(r.lateMs)} | ${fmt(r.serverCpu, 2)} | ${fmt(r.boardsCpu, 2)} |`
      lines.push(
        `| display, ${BOARDS} boards in ${BOARD_PROCESSES} client processes, ${WINDOWS} windows calling | calls | events delivered | p50 ms | p99 ms | call answered, p99 ms | server's event-loop delay p99 / max ms | calls sent late by at most, ms | server CPU, cores | boards' CPU, cores |`,
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...INTERVALS.flatMap((interval, i) => [
          row(`Yizhan SSE, ${runName(interval)}: call-next → event at the board (each call followed by start and finish)`, yizhan.runs[i]),
          row(`baseline: bare Node SSE broadcast, same schedule`, baseline.runs[i]),
        ]),
        '',
        `Memory per connected board, after a full garbage collection (through the inspector) before and after the ${BOARDS} connect: Yizhan heap ${perBoardKiB(yizhan, 'heapMiB')} KiB, RSS ${perBoardKiB(yizhan, 'rssMiB')} KiB (heap ${fmt(yizhan.after.heapMiB)} MiB, RSS ${fmt(yizhan.after.rssMiB)} MiB with the boards); bare SSE server heap ${perBoardKiB(baseline, 'heapMiB')} KiB, RSS ${perBoardKiB(baseline, 'rssMiB')} KiB.`,
        '',
        'Target: p99 < 50 ms from the call to the event at the board. How the calls come: a window calls the next citizen when the last one is served, minutes apart; 50 windows with 5-minute services make one call every 6 s. '
          + 'Each window calling every 5 s is 60 times that, every 2 s 150 times; each call is followed by start and finish, so the server does a window\'s whole work. '
          + 'Flat out, every window calls, starts and finishes as fast as the answers come: that row shows where the machine saturates; the bare baseline there sends its calls faster than the boards\' processes can read them, so its p99 measures the readers, not a server. '
          + `The boards run in ${BOARD_PROCESSES} processes of their own and stamp each event with the machine's monotonic clock, the one the calls are stamped with; the server's event-loop delay is read through its inspector; the first ${WARM_UP_CALLS} calls of every window are a warm-up, not counted.`,
      )
    }
    console.log(lines.join('\n'))
    writeSection('Hall (`npm run bench:hall`)', lines.join('\n'))
  } finally {
    bare.kill()
    await stop(app.child)
    await bdb.close()
  }
}

/** 1. Ticket issuing by CLIENTS concurrent clients, over 4 categories and over one; then the bare insert baseline. */
async function ticketIssuing(base: string, url: string, data: Awaited<ReturnType<typeof seed>>) {
  const bodies = data.issueCats.map((c) => JSON.stringify({ centerId: data.kioskId, categoryId: c }))
  const issue = await load({
    url: `${base}/api/tickets`, connections: CLIENTS, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' },
    requests: bodies.map((body) => ({ method: 'POST' as const, body })),
  })
  const single = await load({
    url: `${base}/api/tickets`, connections: CLIENTS, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ centerId: data.kioskId, categoryId: data.issueCats[0] }),
  })
  const check = new pg.Client({ connectionString: url })
  await check.connect()
  const gaps = await check.query(`select category_id, count(*)::int as n, max(seq) as max, count(distinct seq)::int as distinct
    from tickets group by category_id`)
  const gapFree = gaps.rows.every((r) => r.n === r.max && r.n === r.distinct)
  const issued = gaps.rows.reduce((s, r) => s + r.n, 0)
  await check.end()
  const bareRate = await bareInserts(url)
  return [
    '| ticket issuing, 32 clients | tickets/s | p99 ms | non-2xx |',
    '| --- | --- | --- | --- |',
    `| Yizhan POST /api/tickets, 4 categories | ${fmt(issue.rps, 0)} | ${issue.p99} | ${issue.non2xx + issue.errors} |`,
    `| Yizhan POST /api/tickets, one category (one counter row) | ${fmt(single.rps, 0)} | ${single.p99} | ${single.non2xx + single.errors} |`,
    `| baseline: bare INSERT, 32 pool clients | ${fmt(bareRate, 0)} | | |`,
    '',
    `Ratio to the bare insert: ${fmt(issue.rps / bareRate, 2)} (4 categories), ${fmt(single.rps / bareRate, 2)} (one category). ${issued} tickets issued; numbers gap-free and unique in every category: **${gapFree ? 'yes' : 'NO'}**. Target: ≥ 1,000 tickets/s.`,
  ]
}

main().catch((e) => { console.error(e); process.exit(1) })
