// npm run yizhan -- backup FILE / restore FILE: the embedded database (src/db/backup.ts). An external database is
// backed up with its own tools (pg_dump, point-in-time recovery): see the README.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Config } from '../config.js'
import { backupEmbedded, restoreEmbedded } from '../db/backup.js'
import { ensureDatabase } from '../db/database.js'
import { startEmbedded } from '../db/embedded.js'
import { attachEmbedded, busyReason } from '../db/running.js'

type Log = { info(m: string): void; warn(m: string): void }
const EXTERNAL = '使用外部数据库 (DATABASE_URL) 时请用 pg_dump / pg_restore 或 PostgreSQL 的时间点恢复 (see README "Backups")'
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`

/** Online: uses the running server's database when there is one (it keeps serving), else starts and stops its own. */
export async function backupCommand(config: Config, file: string | undefined, log: Log): Promise<number> {
  if (!file) { console.error('用法 usage: npm run yizhan -- backup FILE.tar.gz'); return 2 }
  if (config.databaseUrl) { console.error(EXTERNAL); return 2 }
  if (!fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) { console.error(`DATA_DIR=${config.dataDir} 没有数据库 (no database to back up)`); return 1 }
  // The server keeps serving: the copy and its compression give way to it for the CPU.
  try { os.setPriority(10) } catch { /* not allowed here: run at normal priority */ }
  const t0 = performance.now()
  const server = attachEmbedded(config.dataDir) ?? await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log })
  try {
    const m = await backupEmbedded(server.url, config.dataDir, path.resolve(file))
    const size = fs.statSync(file).size
    console.log(`已备份 backed up to ${file}: ${mib(size)} (data ${mib(m.bytes)}), PostgreSQL ${m.serverVersion}, ` +
      `consistent as of WAL ${m.stopLsn}, ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    return 0
  } finally {
    await server.stop() // a no-op for the running server's database
  }
}

/** Into an empty DATA_DIR, with no server on it; starts the restored database once to replay its WAL, then stops it. */
export async function restoreCommand(config: Config, file: string | undefined, log: Log): Promise<number> {
  if (!file) { console.error('用法 usage: npm run yizhan -- restore FILE.tar.gz'); return 2 }
  if (config.databaseUrl) { console.error(EXTERNAL); return 2 }
  const busy = busyReason(config.dataDir, true)
  if (busy) { console.error(`不能恢复 cannot restore: ${busy}`); return 1 }
  const t0 = performance.now()
  const m = await restoreEmbedded(path.resolve(file), config.dataDir)
  const server = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log })
  try {
    const url = await ensureDatabase(server.url, 'yizhan')
    const pg = await import('pg')
    const client = new pg.default.Client({ connectionString: url })
    await client.connect()
    const cases = (await client.query<{ n: string }>('select count(*)::text as n from cases')).rows[0].n
    await client.end()
    console.log(`已恢复 restored ${file} (taken ${m.createdAt}) into DATA_DIR=${config.dataDir}: ${cases} 件办件 cases, ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s. 现在可以 npm start`)
    return 0
  } finally {
    await server.stop()
  }
}
