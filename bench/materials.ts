// bench:materials: 16 clients each record cases and upload 3 photos of about 1.5 MB per case through the API (multipart,
// sniffed, normalised by sharp, stored in the database in one transaction with its audit row): MB/s of photos sent and
// p99 per upload, against the same bytes written by plain SQL and as fsynced files in a process of its own.
// bench:offline (`materials.ts offline`): 3 devices each queue about 67 agency intakes with 3 downscaled photos during
// an outage; when the network returns they send in order (requestId, receivedAt, deviceNow), a tenth of the answers
// "lost" and sent again: time until everything is on the server (< 60 s wanted), lost, doubled, receipt-time drift.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import sharp from 'sharp'
import { migrateToLatest } from '../src/db/migrate.js'
import { hashPassword } from '../src/features/session/passwords.js'
import { seedIntakeWorld } from './intake-data.js'
import { idNumbers } from './load-worker.js'
import { fmt, login, loginAll, openBenchDatabase, root, startAppOn, writeSection } from './lib.js'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const POOL = Number(process.env.DB_POOL_SIZE ?? 10)
const IDS = idNumbers(500)
const mode = process.argv[2] === 'offline' ? 'offline' : 'materials'
const p99 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0 }

/** A phone photo: noisy enough that JPEG keeps it large (about `mb` MB at w × h). */
async function makePhoto(w: number, h: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3)
  let x = seed * 2654435761
  for (let i = 0; i < raw.length; i++) { x = (x * 1103515245 + 12345) >>> 0; raw[i] = ((i / 3) % w) / w * 128 + (x >>> 25) }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 88 }).toBuffer()
}

function upload(base: string, session: Record<string, string>, caseId: number, data: Buffer, name: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), name)
  return fetch(`${base}/api/cases/${caseId}/files`, { method: 'POST', headers: session, body: form })
}

const intake = (w: Awaited<ReturnType<typeof seedIntakeWorld>>, centerId: number, requestId: string, n: number, extra: Record<string, unknown> = {}) => ({
  requestId, itemId: w.promised.id, centerId, applicant: { kind: 'person', name: '测试', idNumber: IDS[n % IDS.length], phone: '13800138000' },
  materials: w.promised.materials.map((m: number) => ({ materialId: m, received: true })), ...extra,
})

function baseline(url: string, files: string[]): Promise<{ sql: { mbPerSec: number; p99: number }; files: { mbPerSec: number; p99: number } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/materials-baseline.ts')], {
      cwd: root, env: { ...process.env, BENCH_URL: url, BENCH_SECONDS: String(SECONDS), BENCH_CLIENTS: String(CLIENTS), BENCH_PHOTOS: JSON.stringify(files) }, stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`baseline exited ${code}`))))
  })
}

async function materials(base: string, w: Awaited<ReturnType<typeof seedIntakeWorld>>, url: string, dir: string) {
  const photos = await Promise.all([1, 2, 3].map((i) => makePhoto(1900, 1400, i)))
  const files = photos.map((p, i) => { const f = path.join(dir, `photo-${i}.jpg`); fs.writeFileSync(f, p); return f })
  const sessions = await loginAll(base, w.clerks.slice(0, CLIENTS), w.password)
  const lat: number[] = []
  let bytes = 0, cases = 0, failed = 0
  const run = async (seconds: number, record: boolean) => {
    const end = performance.now() + seconds * 1000
    await Promise.all(sessions.map(async (s, c) => {
      for (let k = 0; performance.now() < end; k++) {
        const r = await fetch(`${base}/api/cases`, { method: 'POST', headers: { ...s, 'content-type': 'application/json' }, body: JSON.stringify(intake(w, w.centerId, `m-${record}-${c}-${k}`, k)) })
        const made = await r.json() as { id?: number }
        if (!made.id) { failed += 1; console.error('intake', r.status, JSON.stringify(made).slice(0, 200)); continue }
        const id = made.id
        for (const [i, p] of photos.entries()) {
          const t0 = performance.now()
          const res = await upload(base, s, id, p, `p${i}.jpg`)
          if (res.status !== 201) { failed += 1; if (failed <= 3) console.error('upload', res.status, await res.clone().text()) }
          await res.arrayBuffer().catch(() => undefined)
          if (record) { lat.push(performance.now() - t0); bytes += p.length }
        }
        if (record) cases += 1
      }
    }))
  }
  await run(2, false)
  const t0 = performance.now()
  await run(SECONDS, true)
  const secs = (performance.now() - t0) / 1000
  const raw = await baseline(url, files)
  const api = { mbPerSec: bytes / 1024 / 1024 / secs, p99: p99(lat) }
  const avg = photos.reduce((n, p) => n + p.length, 0) / 3 / 1024 / 1024
  console.log({ api, raw, cases, failed, avgPhotoMb: avg })
  writeSection('Electronic materials (issue 20, `npm run bench:materials`)', [
    `${CLIENTS} clients, each recording a case and uploading 3 photos of ${fmt(avg, 2)} MB (1900 × 1400 noisy JPEG) for ${SECONDS} s; the server sniffs, normalises (sharp: rotate, strip metadata, re-encode, thumbnail) and stores each in the database with its audit row. Baselines in a process of their own with the same bytes and writers.`,
    '',
    '| path | MB/s | p99 per photo (ms) | ratio |', '| --- | --- | --- | --- |',
    `| API upload (normalise + bytea + audit) | ${fmt(api.mbPerSec)} | ${fmt(api.p99, 0)} | 1 |`,
    `| plain SQL INSERT of the bytes (bytea, EXTERNAL) | ${fmt(raw.sql.mbPerSec)} | ${fmt(raw.sql.p99, 0)} | ${fmt(raw.sql.mbPerSec / api.mbPerSec, 2)} × the API |`,
    `| files beside the data dir (write, fsync, rename, fsync dir) | ${fmt(raw.files.mbPerSec)} | ${fmt(raw.files.p99, 0)} | ${fmt(raw.files.mbPerSec / api.mbPerSec, 2)} × the API |`,
    '', `${cases} cases, ${cases * 3} photos stored, ${failed} refused. The API's cost is the image normalisation (decode, re-encode, thumbnail), not the storage: see docs/MATERIAL-STORAGE.md.`,
  ].join('\n'))
}

async function offline(base: string, w: Awaited<ReturnType<typeof seedIntakeWorld>>, db: Parameters<typeof migrateToLatest>[0], url: string) {
  const DEVICES = 3, INTAKES = Number(process.env.BENCH_INTAKES ?? 200)
  const hash = await hashPassword(w.password)
  for (let d = 0; d < DEVICES; d++) await db.insertInto('users').values({ username: `agent${d}`, name: `agent${d}`, password_hash: hash, roles: ['agent'], center_id: w.villages[d].id }).execute()
  const sessions = await Promise.all(Array.from({ length: DEVICES }, (_, d) => login(base, `agent${d}`, w.password)))
  // downscaled on the device: 2480 px long side at quality 0.85 is about 0.5–1 MB for a document photo
  const photos = await Promise.all([1, 2, 3].map((i) => makePhoto(1240, 1754, i + 10).then((b) => sharp(b).jpeg({ quality: 60 }).toBuffer())))
  const outage = Date.now() - 3 * 3600_000 // recorded during the last three hours
  const queues = Array.from({ length: DEVICES }, (_, d) => Array.from({ length: Math.ceil(INTAKES / DEVICES) - (d < INTAKES % DEVICES || INTAKES % DEVICES === 0 ? 0 : 1) }, (_, k) => ({
    requestId: `off-${d}-${k}`, receivedAt: new Date(outage + (k * 50_000)).toISOString(), offlineNumber: `OFL-DEV${d}X-${k + 1}`, queryCode: 'ABCDEF',
  })))
  const load0 = os.loadavg()[0]
  const t0 = performance.now()
  let retries = 0
  const spent = { intake: 0, photos: 0 } // ms summed over the devices: where the time goes
  const timed = async <T>(key: keyof typeof spent, f: () => Promise<T>) => { const t = performance.now(); try { return await f() } finally { spent[key] += performance.now() - t } }
  await Promise.all(queues.map(async (q, d) => {
    for (const [k, x] of q.entries()) {
      const send = () => fetch(`${base}/api/cases`, { method: 'POST', headers: { ...sessions[d], 'content-type': 'application/json' }, body: JSON.stringify(intake(w, w.villages[d].id, x.requestId, k, {
        agency: { authorization: true }, offline: { receivedAt: x.receivedAt, deviceNow: new Date().toISOString(), deviceId: `DEV${d}X`, offlineNumber: x.offlineNumber, queryCode: x.queryCode },
      })) })
      let r = await timed('intake', send)
      if (k % 10 === 5) { retries += 1; r = await timed('intake', send) } // the answer was lost: the device sends again
      const c = await r.json() as { id: number }
      if (r.status !== 201 && r.status !== 200) { console.error('intake', r.status, JSON.stringify(c).slice(0, 200)); continue }
      await timed('photos', async () => {
        for (const [i, p] of photos.entries()) { const u = await upload(base, sessions[d], c.id, p, `p${i}.jpg`); await u.arrayBuffer(); if (k % 10 === 5) await (await upload(base, sessions[d], c.id, p, `p${i}.jpg`)).arrayBuffer() }
      })
    }
  }))
  const secs = (performance.now() - t0) / 1000
  const load1 = os.loadavg()[0]
  // Baseline in the same run: the same 3 devices' rows and photo bytes written by plain SQL (one INSERT per intake and
  // per photo, each its own transaction), no HTTP, no checks, no sharp.
  const pool = new pg.Pool({ connectionString: url, max: DEVICES })
  await pool.query('create table bench_offline (id serial primary key, request_id text, body jsonb, data bytea)')
  await pool.query('alter table bench_offline alter column data set storage external')
  const b0 = performance.now()
  await Promise.all(queues.map(async (q, d) => {
    for (const [k, x] of q.entries()) {
      await pool.query('insert into bench_offline (request_id, body) values ($1, $2)', [x.requestId, JSON.stringify(intake(w, w.villages[d].id, x.requestId, k))])
      for (const p of photos) await pool.query('insert into bench_offline (request_id, data) values ($1, $2)', [x.requestId, p])
    }
  }))
  const baseSecs = (performance.now() - b0) / 1000
  await pool.query('drop table bench_offline')
  await pool.end()
  const rows = await db.selectFrom('offline_receipts as o').innerJoin('cases as k', 'k.id', 'o.case_id')
    .select(['k.request_id', 'k.received_at', 'o.device_received_at', (e) => e.selectFrom('case_files').select((f) => f.fn.countAll<string>().as('n')).whereRef('case_files.case_id', '=', 'k.id').as('files')]).execute()
  const total = queues.flat().length
  const doubled = rows.length - new Set(rows.map((r) => r.request_id)).size
  const drift = Math.max(...rows.map((r) => Math.abs(r.received_at.getTime() - r.device_received_at.getTime())))
  const photosOk = rows.every((r) => Number(r.files) === 3)
  console.log({ secs, baseSecs, ratio: secs / baseSecs, spent, total, stored: rows.length, doubled, drift, photosOk, retries, load0, load1 })
  writeSection('Offline sync (issue 20, `npm run bench:offline`)', [
    `${total} agency intakes with 3 photos each (downscaled on the device to ${fmt(photos.reduce((n, p) => n + p.length, 0) / 3 / 1024, 0)} KB), queued on ${DEVICES} devices during a three-hour outage, sent in order when the network returns; every tenth answer is "lost" and the intake and its photos sent again.`,
    '', '| figure | value | wanted |', '| --- | --- | --- |',
    `| time until all are on the server | ${fmt(secs)} s | < 60 s |`,
    `| the same rows and bytes by plain SQL (baseline, same run) | ${fmt(baseSecs)} s (ratio ${fmt(secs / baseSecs, 1)}) | |`,
    `| share of the devices' time: intakes / photos | ${fmt(spent.intake / (spent.intake + spent.photos) * 100, 0)} % / ${fmt(spent.photos / (spent.intake + spent.photos) * 100, 0)} % | |`,
    `| load average (1 min) before / after | ${fmt(load0, 1)} / ${fmt(load1, 1)} | |`,
    `| lost | ${total - rows.length} | 0 |`, `| doubled | ${doubled} (after ${retries} resends) | 0 |`,
    `| cases with their 3 photos | ${photosOk ? 'all' : 'NOT all'} | all |`,
    `| largest receipt-time drift from the device time | ${fmt(drift / 1000, 1)} s | < 60 s |`,
  ].join('\n'))
}

async function main() {
  const bdb = await openBenchDatabase(mode, POOL)
  try {
    await migrateToLatest(bdb.db)
    const w = await seedIntakeWorld(bdb.db, CLIENTS)
    const app = await startAppOn(bdb.url, path.join(bdb.dir, 'app'), { MATERIAL_CASE_MAX_MB: '200' })
    try {
      if (mode === 'offline') await offline(app.base, w, bdb.db, bdb.url)
      else await materials(app.base, w, bdb.url, bdb.dir)
    } finally { await app.close() }
  } finally { await bdb.close() }
}

main().catch((e) => { console.error(e); process.exit(1) })
