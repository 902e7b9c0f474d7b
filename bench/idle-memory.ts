// npm run bench:idle -- --data-dir DIR: idle memory of Yizhan on a DATA_DIR whose demo history is done (Node's RSS and
// the embedded PostgreSQL's PSS, 20 s after healthy), compiled (npm start) and with TypeScript compiled at run time
// (YIZHAN_TSX=1), against a bare Fastify process's RSS in the same run. DIR is kept (made by a run of npm start with
// the demo history on, which takes about an hour here).
import path from 'node:path'
import { fmt, startBareFastify, startYizhan, stop, writeSection } from './lib.js'
import { nodeRss, pgMemory } from './soak-memory.js'

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined }
const dataDir = arg('data-dir')
if (!dataDir) throw new Error('--data-dir DIR (a DATA_DIR with the demo history done) is required')
const IDLE_MS = 20_000
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

const bare = await startBareFastify()
await wait(IDLE_MS)
const bareRss = nodeRss(bare.child.pid!)
await stop(bare.child)
const rows: string[] = []
const figures: Record<string, { node: number; pss: number }> = {}
for (const [label, env] of [['`npm start`, compiled server (the default)', {}], ['`npm start` with YIZHAN_TSX=1', { YIZHAN_TSX: '1' }]] as const) {
  const s = await startYizhan({ DATA_DIR: dataDir, YIZHAN_SKIP_WEB_BUILD: '1', ...(process.env.PORT ? { PORT: process.env.PORT } : {}), ...env }, 300_000)
  await wait(IDLE_MS)
  const node = nodeRss(s.child.pid!)
  const { pss } = pgMemory(path.join(dataDir, 'pg'))
  await stop(s.child)
  figures[label] = { node, pss }
  rows.push(`| ${label} | ${fmt(node)} | ${fmt(pss)} | ${fmt(node + pss)} | ${fmt(node / bareRss)} |`)
  console.log(`${label}: node ${fmt(node)} MiB + PostgreSQL PSS ${fmt(pss)} MiB`)
}
const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
const table = ['| idle, 20 s after healthy | Node RSS (MiB) | PostgreSQL PSS (MiB) | together | Node RSS / bare Fastify |', '| --- | --- | --- | --- | --- |',
  `| bare Fastify process (baseline) | ${fmt(bareRss)} | | | 1.0 |`, ...rows].join('\n')
console.log(table)
writeSection('Idle memory with the demo history done (issue 26)', `\`npm run bench:idle -- --data-dir DIR\` (${new Date().toISOString().slice(0, 10)}, load average ${load}), ` +
  `on a DATA_DIR whose demo history (since January 1 of last year) is done, restarted:\n\n${table}`)
process.exit(0)
