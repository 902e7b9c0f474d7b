// bench:startup — npm start on an empty DATA_DIR to a healthy /healthz (first start: initdb + migrations +
// demo district), a second start on the same DATA_DIR, resident memory at idle, and recovery after kill -9.
// Baseline in the same run: a bare Fastify server started the same way (node process to first 200).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fmt, pgTreeRssMiB, startBareFastify, startYizhan, stop, writeSection } from './lib.js'

async function bareFastifyMs(): Promise<number> {
  const bare = await startBareFastify()
  await stop(bare.child)
  return bare.ms
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-bench-start-'))
const env = { DATA_DIR: dataDir, YIZHAN_DEMO_PASSWORD: 'bench-Pass-1', YIZHAN_SKIP_WEB_BUILD: '1' }
try {
  const baseline = await bareFastifyMs()
  const first = await startYizhan(env)
  await new Promise((r) => setTimeout(r, 3000)) // settle to idle
  const appRss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${first.child.pid}/status`, 'utf8'))?.[1]) / 1024
  const dbRss = pgTreeRssMiB(path.join(dataDir, 'pg'))
  const code = await stop(first.child)
  const second = await startYizhan(env)

  // kill -9: the embedded server is left running; the next start must detect it and come back with the data.
  const login = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-Pass-1' }),
  })).status
  const before = await login(second.port)
  await stop(second.child, 'SIGKILL')
  const third = await startYizhan(env)
  const after = await login(third.port)
  await stop(third.child)

  const rows = [
    ['bare Fastify process to first 200 (baseline)', `${fmt(baseline, 0)} ms`, '1.0'],
    ['first `npm start`, empty DATA_DIR → healthy (initdb, migrations, demo district)', `${fmt(first.ms, 0)} ms`, fmt(first.ms / baseline)],
    ['second start, same DATA_DIR (clean stop before: exit code ' + code + ')', `${fmt(second.ms, 0)} ms`, fmt(second.ms / baseline)],
    ['start after `kill -9` of the app (leftover server detected and stopped)', `${fmt(third.ms, 0)} ms`, fmt(third.ms / baseline)],
  ]
  const table = ['| measure | value | ratio to baseline |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  const mem = `Resident memory at idle after the first start: app ${fmt(appRss)} MiB + embedded PostgreSQL ${fmt(dbRss)} MiB = ${fmt(appRss + dbRss)} MiB.`
  const crash = `Login as admin before kill -9: ${before}; after the restart: ${after} (the demo data survived).`
  console.log(table + '\n\n' + mem + '\n' + crash)
  writeSection('Start-up and memory (issue 2)', `Target: first start < 20 s, second start < 5 s (\`npm run bench:startup\`, ${new Date().toISOString().slice(0, 10)}).\n\n${table}\n\n${mem}\n\n${crash}`)
  if (before !== 200 || after !== 200) process.exitCode = 1
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true })
}
