// The soak's load, in a process of its own: a district's day at a modest rate, open loop (a fixed schedule per
// second, whatever the answers take). Per second: public catalog browsing, progress lookups, a case recorded at the
// district window, case lists and an advance by an approver, a hall visit (ticket, call, start, finish), now and
// then a login and a logout. Every minute it sends the parent its request count, errors and p99 (ms).
import { clerkSession, immediateItem } from './db-drill.js'
import { idNumbers } from './load-worker.js'

const base = process.argv[2]
const password = process.argv[3]
const RATE = Number(process.env.SOAK_SCALE ?? 1)

let times: number[] = []
let errors = 0
const statuses = new Map<number, number>()

async function timed(path: string, init?: RequestInit): Promise<{ status: number; json: () => unknown } | undefined> {
  const t0 = performance.now()
  try {
    const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(30_000) })
    const text = await res.text()
    times.push(performance.now() - t0)
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    if (res.status >= 500) errors += 1
    return { status: res.status, json: () => { try { return JSON.parse(text) } catch { return undefined } } }
  } catch {
    errors += 1
    return undefined
  }
}

async function login(username: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  const me = await res.json() as { csrfToken: string; windowId: number | null; centerId: number }
  return { headers: { 'content-type': 'application/json', cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': me.csrfToken }, windowId: me.windowId, centerId: me.centerId }
}

const clerk = await clerkSession(base, password)
const item = await immediateItem(base, clerk.centerId)
const items = (await (await fetch(`${base}/api/public/items?centerId=${clerk.centerId}&pageSize=50`)).json() as { items: { id: number }[] }).items.map((i) => i.id)
const hallClerk = await login('district.clerk2')
const approver = await login('approver.jg')
const manager = await login('district.manager1')
// A ticket category for the walk-ins (the demo district without its history has none yet).
const kiosk = await (await fetch(`${base}/api/public/centers/${clerk.centerId}/kiosk`)).json() as { categories: { id: number }[] }
let categoryId = kiosk.categories[0]?.id
if (!categoryId) {
  const made = await fetch(`${base}/api/hall/categories`, { method: 'POST', headers: manager.headers, body: JSON.stringify({ centerId: clerk.centerId, prefix: 'S', name: '浸泡测试' }) })
  categoryId = (await made.json() as { id: number }).id
}
const ids = idNumbers(500)
let n = 0
const cases: { number: string; queryCode: string }[] = []

async function hallVisit() {
  const t = await timed('/api/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ centerId: clerk.centerId, categoryId }) })
  if (t?.status !== 201) return
  const called = await timed(`/api/windows/${hallClerk.windowId}/call-next`, { method: 'POST', headers: hallClerk.headers, body: '{}' })
  if (called?.status !== 200) return
  const ticket = (called.json() as { ticket?: { id: number } } | undefined)?.ticket
  if (!ticket) return
  await timed(`/api/tickets/${ticket.id}/actions/start`, { method: 'POST', headers: hallClerk.headers, body: '{}' })
  await timed(`/api/tickets/${ticket.id}/actions/finish`, { method: 'POST', headers: hallClerk.headers, body: '{}' })
}

async function second(s: number) {
  const work: Promise<unknown>[] = []
  for (let i = 0; i < 6 * RATE; i++) work.push(timed(`/api/public/items/${items[(s * 7 + i) % items.length]}`))
  work.push(timed(`/api/public/items?centerId=${clerk.centerId}&q=${encodeURIComponent(['证', '户', '社保', '营业'][s % 4])}`))
  const c = cases[(s * 13) % Math.max(1, cases.length)]
  if (c) work.push(timed(`/api/public/progress?number=${c.number}&code=${c.queryCode}`))
  n += 1
  const body = JSON.stringify({
    requestId: `soak-${process.pid}-${n}`, itemId: item.id, centerId: clerk.centerId, complete: true,
    applicant: { kind: 'person', name: '浸泡测试', idNumber: ids[n % ids.length], phone: '13700000000' },
    materials: item.materials.map((m) => ({ materialId: m, received: true })),
  })
  work.push(timed('/api/cases', { method: 'POST', headers: clerk.headers, body }).then(async (r) => {
    const j = r?.status === 201 ? r.json() as { number: string; queryCode: string } | undefined : undefined
    if (j && cases.length < 5000) cases.push(j)
  }))
  if (s % 2 === 0) work.push(timed('/api/cases?mine=true&limit=20', { headers: clerk.headers }))
  if (s % 3 === 0) work.push(timed('/api/cases/inbox', { headers: approver.headers }))
  if (s % 2 === 1) work.push(hallVisit())
  if (s % 30 === 0) work.push(login('district.clerk3').then((x) => timed('/api/session', { method: 'DELETE', headers: { cookie: x.headers.cookie, 'x-csrf-token': x.headers['x-csrf-token'] } })))
  await Promise.all(work)
}

let s = 0
const started = Date.now()
setInterval(() => {
  const sorted = times.sort((a, b) => a - b)
  const p = (q: number) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0
  process.send?.({ requests: sorted.length, errors, p50: p(0.5), p99: p(0.99), statuses: Object.fromEntries(statuses) })
  times = []; errors = 0; statuses.clear()
}, 60_000)
for (;;) {
  const due = started + s * 1000
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())))
  void second(s)
  s += 1
}
