// Opens the database Yizhan runs on: DATABASE_URL if set, else the embedded server in DATA_DIR.
// Runs migrations. Returns what is needed to close everything again, in order.
import type pg from 'pg'
import type { Config } from '../config.js'
import { createDb, createPool, ensureDatabase, type Db } from './database.js'
import { startEmbedded, type EmbeddedServer } from './embedded.js'
import { attachEmbedded } from './running.js'
import { migrateToLatest } from './migrate.js'
import { superviseEmbedded, type Supervisor } from './supervisor.js'

export interface Opened {
  db: Db
  pool: pg.Pool
  url: string
  embedded?: EmbeddedServer
  /** ms since the process started when the server answered and when the migrations were checked (start-up phases) */
  readyAt: { server: number; migrations: number }
  close(): Promise<void>
}

type Log = { info(m: string): void; warn(m: string): void; error?(m: string): void }

/** `attach`: connect to the embedded server already running on DATA_DIR (a running Yizhan's) if there is one, and
 * leave it running on close; the CLI does so. Without it (npm start) a server left running is stopped first.
 * `supervise`: start the embedded server again whenever its postmaster dies (the server does; one-shot commands do not). */
export async function openDatabase(config: Config, log: Log, opts: { attach?: boolean; supervise?: boolean } = {}): Promise<Opened> {
  let embedded: EmbeddedServer | undefined
  let url = config.databaseUrl
  if (!url) {
    embedded = (opts.attach ? attachEmbedded(config.dataDir) : undefined) ?? await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log })
    url = await ensureDatabase(embedded.url, 'yizhan')
  }
  const server = Math.round(performance.now())
  try {
    const pool = createPool(url, Number(process.env.DB_POOL_SIZE ?? 10))
    const db = createDb(pool)
    await migrateToLatest(db)
    const migrations = Math.round(performance.now())
    const supervisor: Supervisor | undefined = embedded && opts.supervise
      ? superviseEmbedded(embedded, { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => (log.error ?? log.warn)(m) }) : undefined
    return {
      db, pool, url, embedded, readyAt: { server, migrations },
      async close() {
        await supervisor?.stop()
        await db.destroy()
        await embedded?.stop()
      },
    }
  } catch (e) {
    await embedded?.stop().catch(() => undefined)
    throw e
  }
}
