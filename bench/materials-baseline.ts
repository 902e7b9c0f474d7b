// Baseline of bench:materials, in a process of its own: the same photo bytes written by `CLIENTS` concurrent writers
// (1) into a bytea table with plain SQL (one INSERT per photo, a pool of the server's size), and (2) as files beside
// the data directory, each written to a temporary name, fsynced, renamed and its directory fsynced (the file store's
// crash-safe write). Prints one JSON line: MB/s and p99 of each.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'

const url = process.env.BENCH_URL!
const seconds = Number(process.env.BENCH_SECONDS ?? 15)
const clients = Number(process.env.BENCH_CLIENTS ?? 16)
const photos = (JSON.parse(process.env.BENCH_PHOTOS!) as string[]).map((p) => fs.readFileSync(p))

const p99 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0 }

async function run(write: (data: Buffer, n: number) => Promise<void>) {
  const end = performance.now() + seconds * 1000
  const lat: number[] = []
  let bytes = 0
  let n = 0
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const data = photos[n % photos.length]
      const i = n++
      const t0 = performance.now()
      await write(data, i)
      lat.push(performance.now() - t0)
      bytes += data.length
    }
  }))
  return { mbPerSec: bytes / 1024 / 1024 / seconds, p99: p99(lat), writes: lat.length }
}

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) })
await pool.query('create table if not exists bench_bytes (id serial primary key, case_id int, sha text, data bytea)')
await pool.query('alter table bench_bytes alter column data set storage external')
const sql = await run(async (data, i) => { await pool.query('insert into bench_bytes (case_id, sha, data) values ($1, $2, $3)', [i, String(i), data]) })
await pool.query('drop table bench_bytes')
await pool.end()

const dir = fs.mkdtempSync(path.join(process.env.BENCH_FILES_DIR ?? os.tmpdir(), 'bench-files-'))
const dirFd = fs.openSync(dir, 'r')
const files = await run(async (data, i) => {
  const tmp = path.join(dir, `${i}.tmp`)
  const fh = await fs.promises.open(tmp, 'w')
  await fh.writeFile(data); await fh.sync(); await fh.close()
  await fs.promises.rename(tmp, path.join(dir, `${i}.jpg`))
  await new Promise<void>((r, j) => fs.fsync(dirFd, (e) => (e ? j(e) : r())))
})
fs.closeSync(dirFd)
fs.rmSync(dir, { recursive: true, force: true })
console.log(JSON.stringify({ sql, files }))
