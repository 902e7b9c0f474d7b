// bench:hall, the priority lane (issue 23): walk-ins arrive at a steady rate a little above what the windows serve,
// one in ten with "老年人/残疾人/孕妇 优先" (issued like the kiosk's choice); WINDOWS windows call, serve and finish in a loop.
// Each ticket's wait is from its issue answered to its call answered (the machine's monotonic clock); priority against
// ordinary tickets of the same run and category (the baseline). Aim: the priority median and p90 below half the ordinary.
import type { Db } from '../src/db/database.js'
import { monoMs } from './hall-boards.js'
import { percentile } from './load-worker.js'
import { fmt } from './lib.js'

const ARRIVALS = Number(process.env.BENCH_PRIORITY_ARRIVALS ?? 240)
const ARRIVAL_MS = Number(process.env.BENCH_PRIORITY_ARRIVAL_MS ?? 80) // 12.5 a second
const WINDOWS = 4
const SERVICE_MS = 360 // each window ~2.8 a second: 4 windows ~11 a second, below the arrivals, so a queue builds
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Category P at the calling hall with WINDOWS windows of its own (numbers 101…). */
export async function seedPriority(db: Db, hallId: number) {
  const [cat] = await db.insertInto('hall_categories').values({ center_id: hallId, prefix: 'P', name: '优先压测', position: 1 }).returning('id').execute()
  const windows = await db.insertInto('windows').values(Array.from({ length: WINDOWS }, (_, i) => ({ center_id: hallId, number: String(101 + i), name: `${101 + i}号窗口`, stand_in_user_id: null })))
    .returning('id').execute()
  await db.insertInto('hall_window_categories').values(windows.map((w) => ({ window_id: w.id, category_id: cat.id }))).execute()
  return { categoryId: cat.id, windowIds: windows.map((w) => w.id) }
}

const isPriority = (i: number) => i % 10 === 4 // 10% of walk-ins, spread through the run

export async function priorityLane(base: string, headers: Record<string, string>, hallId: number, p: Awaited<ReturnType<typeof seedPriority>>): Promise<string[]> {
  const issuedAt = new Map<number, { at: number; priority: boolean }>()
  const waits = { priority: [] as number[], ordinary: [] as number[] }
  let issued = 0
  const t0 = monoMs()
  const arrivals = (async () => {
    for (let i = 0; i < ARRIVALS; i++) {
      const wait = t0 + i * ARRIVAL_MS - monoMs()
      if (wait > 0) await sleep(wait)
      const r = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: hallId, categoryId: p.categoryId, ...(isPriority(i) ? { priority: true } : {}) }) })
      if (r.status !== 201) throw new Error(`ticket: ${r.status} ${await r.text()}`)
      issuedAt.set((await r.json()).id, { at: monoMs(), priority: isPriority(i) })
      issued++
    }
  })()
  const windows = p.windowIds.map(async (w) => {
    for (;;) {
      const r = await fetch(`${base}/api/windows/${w}/call-next`, { method: 'POST', headers, body: '{}' })
      if (r.status === 204) { if (issued >= ARRIVALS) return; await sleep(20); continue }
      if (r.status !== 200) throw new Error(`call-next: ${r.status} ${await r.text()}`)
      const calledAt = monoMs()
      const { ticket } = await r.json()
      const t = issuedAt.get(ticket.id)
      if (t) (t.priority ? waits.priority : waits.ordinary).push(calledAt - t.at)
      await fetch(`${base}/api/tickets/${ticket.id}/actions/start`, { method: 'POST', headers, body: '{}' })
      await sleep(SERVICE_MS)
      await fetch(`${base}/api/tickets/${ticket.id}/actions/finish`, { method: 'POST', headers, body: '{}' })
    }
  })
  await Promise.all([arrivals, ...windows])
  const seconds = (monoMs() - t0) / 1000
  const s = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const [pr, or] = [s(waits.priority), s(waits.ordinary)]
  const stat = (xs: number[]) => ({ p50: percentile(xs, 50) / 1000, p90: percentile(xs, 90) / 1000 })
  const [a, b] = [stat(pr), stat(or)]
  return [
    `| priority lane, ${ARRIVALS} walk-ins one every ${ARRIVAL_MS} ms (10% 优先), ${WINDOWS} windows serving ${SERVICE_MS} ms each, ${fmt(seconds)} s | tickets | wait p50 s | wait p90 s |`,
    '| --- | --- | --- | --- |',
    `| 优先 (老年人/残疾人/孕妇) | ${pr.length} | ${fmt(a.p50, 2)} | ${fmt(a.p90, 2)} |`,
    `| baseline: ordinary walk-ins, same run and category | ${or.length} | ${fmt(b.p50, 2)} | ${fmt(b.p90, 2)} |`,
    '',
    `Ratio priority / ordinary: median ${fmt(a.p50 / b.p50, 2)}, p90 ${fmt(a.p90 / b.p90, 2)} (aim: below 0.5). The arrivals outrun the windows a little, so a queue builds as on a busy morning; `
      + 'a wait runs from the issue answered to the call answered. Priority tickets are called after checked-in appointments (none here) and before every ordinary ticket, whatever their arrival.',
  ]
}
