// A closed-loop HTTP load generator in a worker thread (its event loop does not compete with the server's):
// GETs over a list of paths, or intake POSTs each with a fresh requestId. Latencies of every request are returned.
import { Worker } from 'node:worker_threads'
import { checkDigit } from '../src/domain/id-number.js'

export interface Stats { requests: number; errors: number; rps: number; p50: number; p95: number; p99: number }

export type LoadSpec =
  | { method: 'GET'; paths: string[] }
  | { method: 'POST'; path: string; prefix: string; itemId: number; centerId: number; materials: number[] }

const SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads')
const { performance } = require('node:perf_hooks')
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: w.clients })
const base = new URL(w.base)
const times = []; let errors = 0
const end = performance.now() + w.seconds * 1000
function send(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ method, host: base.hostname, port: base.port, path, agent, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      res.on('data', () => {}); res.on('end', () => resolve(res.statusCode)); res.on('error', reject)
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}
async function client(i) {
  const headers = w.sessions[i % w.sessions.length]
  let n = 0
  while (performance.now() < end) {
    n += 1
    let path, body, ok
    if (w.spec.method === 'GET') { path = w.spec.paths[Math.floor(Math.random() * w.spec.paths.length)]; ok = 200 }
    else {
      path = w.spec.path; ok = 201
      body = JSON.stringify({ requestId: w.spec.prefix + '-' + process.pid + '-' + i + '-' + n, itemId: w.spec.itemId, centerId: w.spec.centerId,
        applicant: { kind: 'person', name: '王小明', idNumber: w.ids[(i * 7919 + n) % w.ids.length], phone: '13912345678' },
        materials: w.spec.materials.map((m) => ({ materialId: m, received: true })), complete: true })
    }
    const t0 = performance.now()
    const status = await send(w.spec.method, path, headers, body).catch(() => 0)
    times.push(performance.now() - t0)
    if (status !== ok) errors += 1
  }
}
const t0 = performance.now()
Promise.all(Array.from({ length: w.clients }, (_, i) => client(i))).then(() => { agent.destroy(); parentPort.postMessage({ times, errors, elapsed: (performance.now() - t0) / 1000 }) })
`

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN
}

export function statsOf(times: number[], errors: number, elapsed: number): Stats {
  const t = [...times].sort((a, b) => a - b)
  return { requests: t.length, errors, rps: t.length / elapsed, p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99) }
}

/** Valid ID numbers (GB 11643) for applicants. */
export function idNumbers(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const first17 = `42010219${String(60 + (i % 40))}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`
    return first17 + checkDigit(first17)
  })
}

export function runLoad(base: string, spec: LoadSpec, sessions: Record<string, string>[], clients: number, seconds: number): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { base, spec, sessions, clients, seconds, ids: idNumbers(997) } })
    worker.once('error', reject)
    worker.once('message', (m: { times: number[]; errors: number; elapsed: number }) => {
      resolve(statsOf(m.times, m.errors, m.elapsed))
      void worker.terminate()
    })
  })
}

/** GETs of `paths` by one session, measured after 2 s of warm-up (the server's code for them compiled, as after a
 * few minutes of use); `warm` are the warm-up's paths when they must differ from the measured ones. */
export async function runWarmedLoad(base: string, paths: string[], session: Record<string, string>, clients: number, seconds: number, warm = paths): Promise<Stats> {
  await runLoad(base, { method: 'GET', paths: warm }, [session], clients, 2)
  return runLoad(base, { method: 'GET', paths }, [session], clients, seconds)
}
