// Ad hoc: the list loads of bench:intake against a database kept by BENCH_KEEP_DB (PROBE_URL), to iterate quickly.
import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { runLoad } from '../bench/load-worker.js'
import { login, startAppOn } from '../bench/lib.js'

const url = process.env.PROBE_URL!
const which = (process.env.PROBE ?? 'inbox,list,town,progress').split(',')
const secs = Number(process.env.PROBE_SECONDS ?? 6)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'))
const app = await startAppOn(url, dir)
const approver = await login(app.base, 'approver1', 'Bench-Pass-2026')
const clerk = await login(app.base, 'clerk1', 'Bench-Pass-2026')
const town = await login(app.base, 'townclerk', 'Bench-Pass-2026')
const paths = Array.from({ length: 2000 }, () => {
  const i = 1 + Math.floor(Math.random() * 1_000_000)
  const code = crypto.createHash('md5').update(String(i)).digest('hex').slice(0, 6).toUpperCase()
  return `/api/public/progress?number=G-${String(i).padStart(8, '0')}&code=${code}`
})
const loads: Record<string, () => ReturnType<typeof runLoad>> = {
  inbox: () => runLoad(app.base, { method: 'GET', paths: [process.env.PROBE_INBOX ?? '/api/cases/inbox'] }, [approver], 16, secs),
  list: () => runLoad(app.base, { method: 'GET', paths: ['/api/cases', '/api/cases?status=in_review', '/api/cases?light=red'] }, [clerk], 16, secs),
  town: () => runLoad(app.base, { method: 'GET', paths: ['/api/cases'] }, [town], 16, secs),
  progress: () => runLoad(app.base, { method: 'GET', paths }, [{}], 16, secs),
}
for (const w of which) { const s = await loads[w](); console.log(w, JSON.stringify({ rps: Math.round(s.rps), p50: s.p50.toFixed(1), p95: s.p95.toFixed(1), p99: s.p99.toFixed(1), errors: s.errors })) }
await app.close()
fs.rmSync(dir, { recursive: true, force: true })
