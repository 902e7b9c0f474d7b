// Quick probe (not a benchmark): restart to healthy on a warm DATA_DIR, with the logged phases.
import { startBareFastify, startYizhan, stop } from './lib.js'
const dataDir = process.argv[2]
const rounds = Number(process.argv[3] ?? 3)
for (let i = 0; i < rounds; i++) {
  const bare = await startBareFastify(); await stop(bare.child)
  const s = await startYizhan({ DATA_DIR: dataDir, YIZHAN_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', PORT: process.env.PORT ?? '3137' })
  const line = s.output().split('\n').find((l) => l.includes('startupMs'))
  console.log(`bare ${Math.round(bare.ms)} ms  yizhan ${Math.round(s.ms)} ms  load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}  ${line ? JSON.stringify(JSON.parse(line).startupMs) : ''}`)
  await stop(s.child)
}
