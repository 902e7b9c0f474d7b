// Load for bench:levels in a worker thread: each client walks whole 上报 round trips through the API (intake at a
// town, forward, receive, advance, approve, deliver back to the town, pick-up) until the shared count is reached.
// Latencies are kept per action.
import { Worker } from 'node:worker_threads'
import { idNumbers, statsOf, type Stats } from './load-worker.js'

export interface RoundTripSpec { itemId: number; townId: number; materials: number[]; rounds: number; prefix: string }

const SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads')
const { performance } = require('node:perf_hooks')
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: w.clients * 2 })
const base = new URL(w.base)
const times = {}; let errors = 0; let done = 0; let started = 0
function send(path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ method: 'POST', host: base.hostname, port: base.port, path, agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let data = ''; res.on('data', (d) => { data += d }); res.on('end', () => resolve({ status: res.statusCode, data })); res.on('error', reject)
    })
    req.on('error', reject); req.write(body); req.end()
  })
}
async function step(name, path, headers, body, ok) {
  const t0 = performance.now()
  const r = await send(path, headers, JSON.stringify(body)).catch(() => ({ status: 0, data: '' }))
  ;(times[name] ??= []).push(performance.now() - t0)
  if (r.status !== ok) { errors += 1; throw new Error(name + ' ' + r.status + ' ' + r.data.slice(0, 200)) }
  return JSON.parse(r.data)
}
async function client(i) {
  const clerk = w.clerks[i % w.clerks.length]; const approver = w.approvers[i % w.approvers.length]
  const reviewer = w.approvers[(i + 1) % w.approvers.length] // separation of duties: 审核 by a colleague of the department
  while (started < w.spec.rounds) {
    const n = ++started
    try {
      const c = await step('intake', '/api/cases', clerk, { requestId: w.spec.prefix + '-' + i + '-' + n, itemId: w.spec.itemId, centerId: w.spec.townId,
        applicant: { kind: 'person', name: '宋春华', idNumber: w.ids[n % w.ids.length], phone: '13912345678' },
        materials: w.spec.materials.map((m) => ({ materialId: m, received: true })) }, 201)
      const a = (name, who, body) => step(name, '/api/cases/' + c.id + '/actions/' + name, who, body, 200)
      await a('forward', clerk, { opinion: '初审同意' })
      await a('receive', approver, {})
      await a('advance', reviewer, { opinion: '审核通过' })
      await a('approve', approver, { note: '准予' })
      await a('deliver', approver, { method: 'pickup', centerId: w.spec.townId })
      await a('pickup', clerk, {})
      done += 1
    } catch (e) { if (errors < 3) console.error(String(e)) }
  }
}
const t0 = performance.now()
Promise.all(Array.from({ length: w.clients }, (_, i) => client(i))).then(() => {
  agent.destroy(); parentPort.postMessage({ times, errors, done, elapsed: (performance.now() - t0) / 1000 })
})
`

export interface RoundTripStats { rounds: number; errors: number; casesPerSecond: number; elapsed: number; actions: Record<string, Stats> }

export function runRoundTrips(base: string, spec: RoundTripSpec, clerks: Record<string, string>[], approvers: Record<string, string>[], clients: number): Promise<RoundTripStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { base, spec, clerks, approvers, clients, ids: idNumbers(997) } })
    worker.once('error', reject)
    worker.once('message', (m: { times: Record<string, number[]>; errors: number; done: number; elapsed: number }) => {
      const actions = Object.fromEntries(Object.entries(m.times).map(([k, v]) => [k, statsOf(v, 0, m.elapsed)]))
      resolve({ rounds: m.done, errors: m.errors, casesPerSecond: m.done / m.elapsed, elapsed: m.elapsed, actions })
      void worker.terminate()
    })
  })
}
