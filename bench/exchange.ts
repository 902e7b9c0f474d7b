// bench:exchange — the exchange log of a month of the demo district's cases (BENCH_CASES generated cases with their
// events; the log written by its triggers) sent through each adapter to the stand-in province, each sender and the
// stand-in in processes of their own: records per second against plain SQL inserts of the same national rows in the
// same run; p99 from a case event to the province's acknowledgement with the sender running; and kill -9 of the
// sender five times during an export: every record acknowledged once at the stand-in (by row_guid), none missing.
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { loadConfig } from '../src/config.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { loadDemo } from '../src/demo/load.js'
import { creditCheckChar } from '../src/domain/credit-code.js'
import { TABLE_FIELDS, SYNC_FIELDS } from '../src/domain/exchange-layout.js'
import { mappingFrom, nationalRow } from '../src/domain/exchange-mapping.js'
import { ensureStagingSchema } from '../src/features/exchange/staging.js'
import type { Claimed } from '../src/features/exchange/exchange.repository.js'
import { startProvinceStandin } from '../tests/helpers/province-standin.js'
import { generateHistory } from './reports-data.js'
import { fmt, openBenchDatabase, root, stop, writeSection } from './lib.js'

const CASES = Number(process.env.BENCH_CASES ?? 3000)
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10)
const LIVE_PER_SECOND = Number(process.env.BENCH_LIVE_RATE ?? 20)
const PUSH_BATCH = Number(process.env.BENCH_PUSH_BATCH ?? 25)
const SM4_KEY = '0123456789abcdeffedcba9876543210'
const HMAC_KEY = 'bench-hmac-key'

function child(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
}
async function standin(mapping: 'national' | 'dzjc', keys: { hmac?: string; sm4?: string } = {}) {
  const c = child('bench/province-standin.ts', { PROVINCE_MAPPING: mapping, PROVINCE_HMAC_KEY: keys.hmac ?? '', PROVINCE_SM4_KEY: keys.sm4 ?? '' })
  const url = await new Promise<string>((resolve, reject) => {
    c.stdout!.once('data', (d) => resolve(String(d).trim()))
    c.once('exit', (code) => reject(new Error(`stand-in exited ${code}`)))
  })
  return { url, stats: async () => (await (await fetch(url.replace('/records', '/stats'))).json()) as { unique: number; duplicates: number; refused: number; requests: number }, close: () => stop(c) }
}
/** A sender process, once it has started sending (its module loading is not counted). */
async function sender(env: Record<string, string>): Promise<ChildProcess> {
  const c = child('bench/exchange-sender.ts', env)
  await new Promise<void>((resolve, reject) => {
    c.stdout!.once('data', () => resolve())
    c.once('exit', (code) => reject(new Error(`sender exited ${code}`)))
  })
  return c
}
const exited = (c: ChildProcess) => new Promise<void>((resolve) => { if (c.exitCode !== null || c.signalCode !== null) resolve(); else c.once('exit', () => resolve()) })

async function main() {
  const load = os.loadavg()[0]
  const loadText = () => os.loadavg().map((x) => fmt(x, 2)).join(', ')
  const bdb = await openBenchDatabase('exchange', 10)
  const { url, pool, db } = bdb
  const results: string[] = []
  try {
    await migrateToLatest(db)
    await loadDemo(db, { ...loadConfig({ YIZHAN_DEMO_PASSWORD: 'Bench-Pass-2026' }), dataDir: bdb.dir }, { info: () => {}, warn: () => {} })
    // the identifiers the province needs, before the history is made (its records carry them)
    await pool.query(`update centers set area_code = '4207' || lpad(id::text, 8, '0')`)
    const deps = (await pool.query('select id from departments')).rows as { id: number }[]
    for (const d of deps) { const f = `114207020${String(d.id).padStart(8, '0')}`; await pool.query('update departments set credit_code = $1 where id = $2', [f + creditCheckChar(f), d.id]) }
    const g0 = performance.now()
    await generateHistory(pool, db, CASES)
    const genSeconds = (performance.now() - g0) / 1000
    const N = Number((await pool.query('select count(*) from exchange_records')).rows[0].count)
    const byStage = (await pool.query('select stage, count(*)::int as n from exchange_records group by stage order by stage')).rows as { stage: string; n: number }[]
    console.log(`${CASES} cases → ${N} exchange records (${byStage.map((s) => `${s.stage} ${s.n}`).join(', ')}) in ${fmt(genSeconds)} s`)
    const reset = () => pool.query(`update exchange_records set status = 'pending', attempts = 0, sent_at = null, acked_at = null, last_error = null, next_attempt_at = now() - interval '1 day'`)

    // ── baseline: the same national rows inserted with plain SQL (50 a statement) into tables of the same layout ──
    await ensureStagingSchema(db, 'plain_rows')
    const national = mappingFrom({ builtin: 'national' })
    const all = (await sql<Claimed>`select id, row_guid::text as "rowGuid", case_id as "caseId", stage, seq, operation, version, payload from exchange_records order by id`.execute(db)).rows
    const p0 = performance.now()
    for (let i = 0; i < all.length; i += 50) {
      const chunk = all.slice(i, i + 50).map((r) => ({ r, ...nationalRow(r, national.codes) }))
      for (const table of new Set(chunk.map((c) => c.table))) {
        const rows = chunk.filter((c) => c.table === table)
        const cols = [...SYNC_FIELDS, 'version', ...TABLE_FIELDS[table]]
        const params: unknown[] = []
        const values = rows.map((c) => `(${[c.r.rowGuid, c.r.operation, new Date().toISOString(), 'b', 'YIZHAN', c.r.version, ...TABLE_FIELDS[table].map((f) => c.row[f])]
          .map((v) => { params.push(v); return `$${params.length}` }).join(', ')})`)
        await pool.query(`insert into plain_rows."${table.toLowerCase()}" (${cols.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`, params)
      }
    }
    const plainRate = N / ((performance.now() - p0) / 1000)
    results.push(`| plain SQL inserts of the same rows (baseline, one process) | ${fmt(plainRate, 0)} | 1.000 | — |`)
    console.log(`plain SQL: ${fmt(plainRate, 0)} rows/s`)

    // ── each adapter: the sender in a process of its own until every record is acknowledged ──
    const province = await startProvinceStandin({ mapping: national }) // the province's job over the staging tables
    await ensureStagingSchema(db, 'exchange_staging')
    const adapters: [string, Record<string, string>, 'national' | 'dzjc' | null][] = [
      ['staging tables (前置库 in the same database; the province job polls every 200 ms)', { EXCHANGE_MODE: 'staging' }, null],
      ['HTTP push, national layout (JSON, token)', { EXCHANGE_MODE: 'push', EXCHANGE_MAPPING: 'national', EXCHANGE_TOKEN: '' }, 'national'],
      ['HTTP push, 电子监察 (XML, HMAC-SHA256, SM4-CBC)', { EXCHANGE_MODE: 'push', EXCHANGE_MAPPING: 'dzjc', EXCHANGE_HMAC_KEY: HMAC_KEY, EXCHANGE_SM4_KEY: SM4_KEY }, 'dzjc'],
      [`HTTP push, national layout, up to ${PUSH_BATCH} records a request`, { EXCHANGE_MODE: 'push', EXCHANGE_MAPPING: 'national', EXCHANGE_PUSH_BATCH: String(PUSH_BATCH) }, 'national'],
      [`HTTP push, 电子监察, up to ${PUSH_BATCH} records a request (XML, HMAC, SM4)`, { EXCHANGE_MODE: 'push', EXCHANGE_MAPPING: 'dzjc', EXCHANGE_HMAC_KEY: HMAC_KEY, EXCHANGE_SM4_KEY: SM4_KEY, EXCHANGE_PUSH_BATCH: String(PUSH_BATCH) }, 'dzjc'],
    ]
    const latencies: string[] = []
    for (const [name, env, mapping] of adapters) {
      await reset()
      const s = mapping ? await standin(mapping, mapping === 'dzjc' ? { hmac: HMAC_KEY, sm4: SM4_KEY } : {}) : undefined
      const base = { DATABASE_URL: url, EXCHANGE_POLL_MS: '200', ...env, ...(s ? { EXCHANGE_PUSH_URL: s.url } : {}) }
      let jobRunning = !s
      const job = (async () => { while (jobRunning) { await province.readStaging(url, 'exchange_staging'); await new Promise((r) => setTimeout(r, 200)) } })()
      await exited(await sender({ ...base, SENDER_UNTIL_EMPTY: '1' }))
      // the sender's own work: from the first batch written to the last (staging: the province's job acknowledges later)
      const span = (await pool.query(`select extract(epoch from max(sent_at) - min(sent_at)) as s from exchange_records`)).rows[0].s as number
      const rate = N / span
      const reasons = (await pool.query(`select refused_reason as r, count(*)::int as n from exchange_records where status = 'refused' group by 1 order by 2 desc limit 3`)).rows
      if (reasons.length) console.log('  refused:', reasons.map((x) => `${x.n}× ${x.r}`).join(' | '))
      const st = s ? await s.stats() : { unique: province.received.length, duplicates: province.duplicates.length, refused: province.refused.length }
      results.push(`| ${name} | ${fmt(rate, 0)} | ${fmt(rate / plainRate, 3)} | ${st.refused} |`)
      console.log(`${name}: ${fmt(rate, 0)} records/s, ${st.refused} refused`)

      // live: events at LIVE_PER_SECOND with the sender running; p99 from the event to the province's acknowledgement
      const live = await sender(base)
      const since = new Date()
      for (let i = 0; i < LIVE_SECONDS; i++) {
        await pool.query(`insert into case_events (case_id, at, actor_id, center_id, action, from_status, to_status, note)
          select id, now(), null, accepting_center_id, 'recalculate', status, status, 'bench' from cases
          where accepted_at is not null order by random() limit $1`, [LIVE_PER_SECOND])
        await new Promise((r) => setTimeout(r, 1000))
      }
      for (let i = 0; i < 200; i++) {
        const { rows } = await pool.query(`select count(*)::int as n from exchange_records where created_at >= $1 and status <> 'acked'`, [since])
        if (rows[0].n === 0) break
        await new Promise((r) => setTimeout(r, 100))
      }
      const q = (await pool.query(`select count(*)::int as n, percentile_cont(0.5) within group (order by extract(epoch from acked_at - created_at)) * 1000 as p50,
        percentile_cont(0.99) within group (order by extract(epoch from acked_at - created_at)) * 1000 as p99 from exchange_records where created_at >= $1 and status = 'acked'`, [since])).rows[0]
      latencies.push(`| ${name} | ${q.n} | ${fmt(q.p50, 0)} | ${fmt(q.p99, 0)} |`)
      console.log(`  live: ${q.n} records, p50 ${fmt(q.p50, 0)} ms, p99 ${fmt(q.p99, 0)} ms`)
      await stop(live)
      jobRunning = false
      await job
      await s?.close()
    }

    // ── kill -9 of the sender five times during a push export: every record acknowledged once by row_guid ──
    await reset()
    const total = Number((await pool.query('select count(*) from exchange_records')).rows[0].count)
    const s = await standin('national')
    const env = { DATABASE_URL: url, EXCHANGE_MODE: 'push', EXCHANGE_PUSH_URL: s.url, EXCHANGE_POLL_MS: '200', EXCHANGE_PUSH_BATCH: String(PUSH_BATCH) }
    const kills: number[] = []
    for (let k = 0; k < 5; k++) {
      const c = await sender(env)
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1500))
      kills.push((await s.stats()).unique)
      c.kill('SIGKILL')
      await exited(c)
    }
    await exited(await sender({ ...env, SENDER_UNTIL_EMPTY: '1' }))
    const st = await s.stats()
    const acked = Number((await pool.query(`select count(*) from exchange_records where status = 'acked'`)).rows[0].count)
    await s.close()
    const ok = st.unique === total && acked === total
    console.log(`kill -9 ×5 (stand-in held ${kills.join(', ')} at the kills): ${st.unique} of ${total} held once, ${st.duplicates} repeats answered "already exists", ${acked} acknowledged → ${ok ? 'none missing' : 'MISSING'}`)

    writeSection('Exchange with the province (`npm run bench:exchange`, issue 27)', `
${CASES} generated cases of the demo district (about a month of its history; ${N} exchange records written by the log's triggers: ${byStage.map((s) => `${s.stage} ${s.n}`).join(', ')}; ${fmt(genSeconds)} s to generate), on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, 2 CPUs shared with the other engineers (load average ${fmt(load, 2)} before the run, ${loadText()} (1, 5, 15 min) after it), PostgreSQL ${bdb.embedded ? 'embedded' : 'external'}. Records/s is the sender's own rate, from its first batch written to its last (for the staging tables the province's job then takes them at its own pace). Each sender runs in a process of its own as \`npm start\` runs it (claims of 50 with SKIP LOCKED, every request and reply logged); the stand-in province in another for the pushes (it checks every record against the field lists and the code dictionary); the baseline inserts the same national rows with plain SQL, 50 a statement, from one process.

| path | records/s | ratio to plain SQL | refused |
| --- | --- | --- | --- |
${results.join('\n')}

From a case event to the province's acknowledgement, ${LIVE_PER_SECOND} events a second for ${LIVE_SECONDS} s with the sender running (push: the reply; staging: the province job's received time, polled every 200 ms):

| path | records | p50 ms | p99 ms |
| --- | --- | --- | --- |
${latencies.join('\n')}

Kill -9 of the push sender (${PUSH_BATCH} records a request) five times during an export of all ${total} records (the stand-in held ${kills.join(', ')} records at the kills), then a sender to the end: the stand-in holds ${st.unique} distinct row_guids of ${total} (${ok ? 'none missing, none twice' : 'MISSING RECORDS'}); ${st.duplicates} records sent again after a kill were answered "already exists" and counted as acknowledged; ${acked} of ${total} records acknowledged in the log.

The push sends one record a request by default (every province's 办件汇聚 interface takes that) or, with \`EXCHANGE_PUSH_BATCH\`, several cases' records in one request with the province's result per record; up to 8 requests side by side with a case's own records in order; a case's records wait until its 受理 has gone and an update until its insert has, so an export goes in rounds and each round is a loopback round trip per record plus its claim transaction. The staging adapter writes each claimed batch in the same transaction that marks it sent. The plain-SQL baseline is the floor of writing these rows at all.
`)
  } finally {
    await bdb.close()
  }
}

await main()
process.exit(0)
