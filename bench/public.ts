// bench:public (issue 10) — the pages citizens open from a QR code, at 32 concurrent clients: the item page and the
// centers list (200 and 304) against a bare Fastify process returning the same bytes from a constant, /healthz for
// comparison, what request logging costs, what compression would cost, and how soon a published edit is on the
// public page of two Yizhan processes sharing one database; the progress lookup against /healthz. Each server runs in its own process; autocannon here.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import pg from 'pg'
import { ensureDatabase } from '../src/db/database.js'
import { checkDigit } from '../src/domain/id-number.js'
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js'
import { cpuMs, fmt, load, startBareBytes, startYizhan, stop, writeSection, type Load } from './lib.js'

const CONNECTIONS = 32
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const EDITS = 10
const PROGRESS_CASES = 200
const PASSWORD = 'bench-Pass-1'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-public-'))
const quiet = { info: () => {}, warn: () => {} }

interface Measured extends Load { cpuPerRequest: number }

/** Warm up, then load `url` and read the CPU time the serving process spent per request. */
async function measure(pid: number, url: string, headers: Record<string, string> = {}, paths?: string[]): Promise<Measured> {
  // With `paths`, each request takes one of them at random (the progress lookup of many cases).
  const requests = paths && [{ setupRequest: (req: object) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }]
  await load({ url, connections: CONNECTIONS, duration: 2, headers, requests })
  const cpu0 = cpuMs(pid)
  const r = await load({ url, connections: CONNECTIONS, duration: SECONDS, headers, requests })
  return { ...r, cpuPerRequest: (cpuMs(pid) - cpu0) / Math.max(1, r.total) }
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, init)
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** `n` cases taken at a district window through process A's API (即办, handed over at once): their progress links. */
async function progressPaths(a: string, dbUrl: string, n: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: dbUrl })
  await db.connect()
  const { rows: [item] } = await db.query(`select i.id, u.center_id as "centerId", array_agg(m.id) as materials
    from service_items i join item_versions v on v.item_id = i.id and v.status = 'published' and v.handling_kind = 'immediate' and 'person' = any(v.targets)
    join users u on u.username = 'district.clerk1' join item_offerings o on o.item_id = i.id and o.center_id = u.center_id
    join item_materials m on m.version_id = v.id group by i.id, u.center_id order by i.id limit 1`)
  await db.end()
  const login = await fetch(`${a}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district.clerk1', password: PASSWORD }) })
  const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': (await login.json()).csrfToken, 'content-type': 'application/json' }
  const paths: string[] = []
  for (let i = 0; i < n; i++) {
    const first17 = `420102199001${String(10 + (i % 18)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`
    const body = {
      requestId: `bench-progress-${i}`, itemId: item.id, centerId: item.centerId, complete: true,
      applicant: { kind: 'person', name: '张三', idNumber: first17 + checkDigit(first17), phone: '13800138000' },
      materials: (item.materials as number[]).map((materialId) => ({ materialId, received: true })),
    }
    const c = await json(`${a}/api/cases`, { method: 'POST', headers, body: JSON.stringify(body) })
    paths.push(`/api/public/progress?number=${encodeURIComponent(c.number)}&code=${c.queryCode}`)
  }
  return paths
}

/** Edit the item's consult phone and publish it through process A; ms until each process's public page shows it. */
async function editDelays(a: string, b: string, itemId: number): Promise<{ a: number[]; b: number[] }> {
  const login = await fetch(`${a}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })
  const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': (await login.json()).csrfToken, 'content-type': 'application/json' }
  const delays = { a: [] as number[], b: [] as number[] }
  for (let i = 0; i < EDITS; i++) {
    const v = (await json(`${a}/api/items/${itemId}`, { headers })).published
    const phone = `027-8${String(Date.now()).slice(-7)}`
    const draft = {
      ...Object.fromEntries(['name', 'basicCode', 'itemType', 'implementingBody', 'legalBasis', 'targets', 'handlingKind', 'legalDays', 'promisedDays',
        'acceptLevel', 'decideLevel', 'conditions', 'procedure', 'stepLimits', 'fees', 'result', 'visits', 'complaintPhone', 'specialProcedures',
        'theme', 'category'].filter((k) => k in v).map((k) => [k, v[k]])),
      consultPhone: phone,
      materials: v.materials.map((m: Record<string, unknown>) => ({ name: m.name, form: m.form, copies: m.copies, required: m.required, note: m.note })),
    }
    await json(`${a}/api/items/${itemId}/draft`, { method: 'PUT', headers, body: JSON.stringify(draft) })
    await json(`${a}/api/items/${itemId}/publish`, { method: 'POST', headers, body: '{}' })
    const t0 = performance.now()
    await Promise.all((['a', 'b'] as const).map(async (p) => {
      for (;;) {
        const page = await json(`${p === 'a' ? a : b}/api/public/items/${itemId}`)
        if (page.consultPhone === phone) { delays[p].push(performance.now() - t0); return }
        if (performance.now() - t0 > 5000) { delays[p].push(Infinity); return }
        await new Promise((r) => setTimeout(r, 2))
      }
    }))
  }
  return delays
}

function gzipCost(body: string) {
  const buf = Buffer.from(body)
  const t0 = performance.now()
  let n = 0
  while (performance.now() - t0 < 300) { zlib.gzipSync(buf); n += 1 }
  return { bytes: buf.length, gzip: zlib.gzipSync(buf).length, br: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length, gzipMs: 300 / n }
}

let embedded: EmbeddedServer | undefined
let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
const children: { child: import('node:child_process').ChildProcess }[] = []
const dbName = `yz_bench_public_${process.pid}`
try {
  if (!serverUrl) {
    embedded = await startEmbedded({ dataDir: tmp, log: quiet })
    serverUrl = embedded.url
  }
  const url = await ensureDatabase(serverUrl, dbName)
  const env = { DATABASE_URL: url, YIZHAN_DEMO_PASSWORD: PASSWORD, YIZHAN_SKIP_WEB_BUILD: '1', DATA_DIR: path.join(tmp, 'app'), RATE_LIMIT_LOGIN: '1000/60', RATE_LIMIT_PROGRESS: '100000000/60' /* one address stands for a crowd here */ }
  const a = await startYizhan({ ...env, LOG_LEVEL: 'warn' }) // loads the demo district
  children.push(a)
  const logFile = path.join(tmp, 'b.log')
  const b = await startYizhan({ ...env, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, 120_000, logFile)
  children.push(b)
  const A = `http://127.0.0.1:${a.port}`
  const B = `http://127.0.0.1:${b.port}`

  const itemId = (await json(`${A}/api/public/items?q=${encodeURIComponent('最低生活保障审批')}`)).items[0].id as number
  const item = await fetch(`${A}/api/public/items/${itemId}`)
  const itemBody = await item.text()
  const centers = await fetch(`${A}/api/public/centers`)
  const centersBody = await centers.text()
  const etags = { item: item.headers.get('etag')!, centers: centers.headers.get('etag')! }

  // Each baseline is measured right before the rows compared with it: the machine's load drifts.
  const bare = await startBareBytes({ '/item': itemBody, '/centers': centersBody })
  children.push(bare)
  const rows: [string, Measured, Measured | undefined][] = []
  const bareItem = await measure(bare.child.pid!, `http://127.0.0.1:${bare.port}/item`)
  const itemPage = await measure(a.child.pid!, `${A}/api/public/items/${itemId}`)
  rows.push(['GET /api/public/items/:id', itemPage, bareItem])
  rows.push(['  same, If-None-Match → 304', await measure(a.child.pid!, `${A}/api/public/items/${itemId}`, { 'if-none-match': etags.item }), bareItem])
  const bareCenters = await measure(bare.child.pid!, `http://127.0.0.1:${bare.port}/centers`)
  rows.push(['GET /api/public/centers', await measure(a.child.pid!, `${A}/api/public/centers`), bareCenters])
  rows.push(['  same, If-None-Match → 304', await measure(a.child.pid!, `${A}/api/public/centers`, { 'if-none-match': etags.centers }), bareCenters])
  await stop(bare.child)
  rows.push(['GET /api/public/items/:id, Accept-Encoding: gzip (gzipped once per generation)', await measure(a.child.pid!, `${A}/api/public/items/${itemId}`, { 'accept-encoding': 'gzip' }), bareItem])
  const healthz = await measure(a.child.pid!, `${A}/healthz`)
  rows.push(['GET /healthz (one `select 1`)', healthz, undefined])
  const progress = await measure(a.child.pid!, A, {}, await progressPaths(A, url, PROGRESS_CASES))
  rows.push([`GET /api/public/progress?number=&code= (${PROGRESS_CASES} cases at random)`, progress, undefined])
  const logged = await measure(b.child.pid!, `${B}/api/public/items/${itemId}`)
  const logLines = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"route":"/api/public/items/:id"')).length
  rows.push(['GET /api/public/items/:id, logging each request (process B)', logged, bareItem])

  const bareGz = await startBareBytes({ '/item': itemBody, '/centers': centersBody }, true)
  children.push(bareGz)
  const gz = await measure(bareGz.child.pid!, `http://127.0.0.1:${bareGz.port}/item`, { 'accept-encoding': 'gzip' })
  const br = await measure(bareGz.child.pid!, `http://127.0.0.1:${bareGz.port}/item`, { 'accept-encoding': 'br' })
  const gzCenters = await measure(bareGz.child.pid!, `http://127.0.0.1:${bareGz.port}/centers`, { 'accept-encoding': 'gzip' })
  await stop(bareGz.child)

  const delays = await editDelays(A, B, itemId)

  const verdict = (r: Measured, base: Measured) => r.rps >= 0.5 * base.rps && r.p99 < 30 ? 'met' : 'NOT met'
  const table = [
    '| route | req/s | p50 ms | p99 ms | ratio to bare | server CPU ms/request | non-2xx/304 | target (≥ 0.5 of bare, p99 < 30 ms) |', '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| bare Fastify, item page bytes from a constant (${Buffer.byteLength(itemBody)} B) | ${fmt(bareItem.rps, 0)} | ${fmt(bareItem.p50)} | ${fmt(bareItem.p99)} | 1.00 | ${fmt(bareItem.cpuPerRequest, 3)} | ${bareItem.non2xx} | |`,
    `| bare Fastify, centers list bytes from a constant (${Buffer.byteLength(centersBody)} B) | ${fmt(bareCenters.rps, 0)} | ${fmt(bareCenters.p50)} | ${fmt(bareCenters.p99)} | 1.00 | ${fmt(bareCenters.cpuPerRequest, 3)} | ${bareCenters.non2xx} | |`,
    ...rows.map(([name, r, base], i) => {
      const is304 = name.includes('304')
      const target = is304 ? `${r.rps >= rows[i - 1][1].rps ? 'met' : 'NOT met'} (≥ the 200's rate)` : base && !name.includes('logging') ? verdict(r, base) : ''
      return `| ${name} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${base ? fmt(r.rps / base.rps, 2) : '–'} | ${fmt(r.cpuPerRequest, 3)} | ${is304 ? `${r.non2xx} (304s)` : r.non2xx} | ${target} |`
    }),
  ].join('\n')
  const sizes = { item: gzipCost(itemBody), centers: gzipCost(centersBody) }
  const stat = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return `median ${fmt(s[Math.floor(s.length / 2)])} ms, max ${fmt(s[s.length - 1])} ms` }
  const md = [
    `\`npm run bench:public\`, ${new Date().toISOString().slice(0, 10)}: the demo district, ${CONNECTIONS} concurrent clients (autocannon in the bench process), ${SECONDS} s per row after a 2 s warm-up; ` +
    `Yizhan A (\`LOG_LEVEL=warn\`), Yizhan B (\`LOG_LEVEL=info\`, JSON lines to a file) and the bare Fastify baseline each in their own process; ${embedded ? 'embedded' : 'external'} PostgreSQL; ` +
    `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end.`,
    '',
    table,
    '',
    `**Progress lookup** (the answer, with its ETag, is built once per change of the case and kept; the case's stamp is read again from the database when an event of the case is announced by NOTIFY, after any write this process acknowledged, and at least once a second per case, so within this row about 200 of the lookups each second read the database): ` +
    `${fmt(progress.rps, 0)} req/s against /healthz's ${fmt(healthz.rps, 0)} in the same process = ${fmt(progress.rps / healthz.rps, 2)}. ` +
    `Target: at least the rate of /healthz: **${progress.rps >= healthz.rps ? 'met' : 'NOT met'}**.`,
    '',
    `**Request logs.** One JSON line per request (method, URL, route, status, ms); B wrote ${logLines} lines for its item-page row. ` +
    `Logging every request: B served ${fmt(logged.rps / itemPage.rps, 2)}× A's item-page rate (${fmt(logged.rps, 0)} against ${fmt(itemPage.rps, 0)} req/s) ` +
    `and spent ${fmt(logged.cpuPerRequest / itemPage.cpuPerRequest, 2)}× A's CPU per request (${fmt(logged.cpuPerRequest, 3)} against ${fmt(itemPage.cpuPerRequest, 3)} ms).`,
    '',
    `**Compression.** Per response, with @fastify/compress in front of the same constant bytes (below), it costs far more than serving the page; ` +
    'so the public caches gzip each page once per generation and send those bytes to clients that take gzip (the row above), and nothing else is compressed. ' +
    `Item page ${sizes.item.bytes} B → gzip ${sizes.item.gzip} B, brotli(4) ${sizes.item.br} B ` +
    `(${fmt(sizes.item.gzipMs, 3)} ms of CPU per gzip); centers ${sizes.centers.bytes} B → gzip ${sizes.centers.gzip} B, brotli(4) ${sizes.centers.br} B. ` +
    `Rate with compression: item gzip ${fmt(gz.rps, 0)} req/s (${fmt(gz.rps / bareItem.rps, 2)} of uncompressed), item br ${fmt(br.rps, 0)} req/s (${fmt(br.rps / bareItem.rps, 2)}), centers gzip ${fmt(gzCenters.rps, 0)} req/s (${fmt(gzCenters.rps / bareCenters.rps, 2)}).`,
    '',
    `**A published edit on the public page** (${EDITS} edits of an item published through process A's API; time from the publish answer until the page shows it): ` +
    `process A ${stat(delays.a)}; process B (told by LISTEN/NOTIFY) ${stat(delays.b)}. Target: within 1 s in every process: **${[...delays.a, ...delays.b].every((d) => d < 1000) ? 'met' : 'NOT met'}**.`,
    '',
  ].join('\n')
  console.log('\n' + md)
  writeSection('Public pages under a crowd (issue 10)', md)
  console.log('written to BENCHMARKS.md')
} finally {
  for (const c of children) await stop(c.child)
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect().then(() => admin.query(`drop database if exists "${dbName}" with (force)`)).catch(() => undefined)
    await admin.end().catch(() => undefined)
  }
  await embedded?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}
