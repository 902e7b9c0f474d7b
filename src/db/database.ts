// The Kysely instance over a pg Pool, with the same type parsers on every path.
import crypto from 'node:crypto'
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

let parsersSet = false
/** count(*)/int8 as numbers where safe, numeric as numbers, date as 'YYYY-MM-DD' (never shifted by time zone). */
export function setTypeParsers(): void {
  if (parsersSet) return
  parsersSet = true
  const int8 = (v: string) => { const n = Number(v); return Number.isSafeInteger(n) ? n : v }
  pg.types.setTypeParser(pg.types.builtins.INT8, int8)
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v))
  pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v)
  pg.types.setTypeParser(1182 as Parameters<typeof pg.types.setTypeParser>[0] /* date[] */, (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(',')))
}

export type Db = Kysely<Database>

export function createPool(url: string, max = 10, settings = ''): pg.Pool {
  setTypeParsers()
  const pool = new pg.Pool({ connectionString: url, max, options: `-c TimeZone=Asia/Shanghai${settings}` })
  pool.on('error', () => { /* idle client lost: the pool replaces it */ })
  // pg-pool listens for a client's 'error' only while it sits idle: a connection cut while checked out (its server
  // killed, pg_terminate_backend, a disk-full PANIC) would emit 'error' with no listener and end the process. This
  // listener stays for the client's whole life; the query in flight fails by itself (→ 503 database_unavailable) and
  // the pool discards the client when it is released (it is no longer queryable).
  pool.on('connect', (client) => { client.on('error', ignoreLostConnection) })
  return pool
}

/** The 'error' listener of every connection this process holds: the failure reaches whoever was using it. */
export function ignoreLostConnection(): void { /* the query in flight (if any) gets the error itself */ }

const pools = new WeakMap<object, pg.Pool>()

export function createDb(pool: pg.Pool): Db {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
  return db
}

/**
 * A second, small pool on the same database whose commits do not wait for the WAL to reach the disk
 * (synchronous_commit = off), for bulk work that is redone after a crash anyway (the demo history): a crash loses at
 * most its last fraction of a second of commits, in order, never the database's consistency. Undefined for a Db
 * createDb did not make. `close()` ends its connections.
 */
export function asyncCommitDb(db: Db, max: number): { db: Db; close(): Promise<void> } | undefined {
  const url = pools.get(db)?.options.connectionString
  if (!url) return undefined
  const fast = createDb(createPool(url, max, ' -c synchronous_commit=off'))
  return { db: fast, close: () => fast.destroy() }
}

const names = new Map<string, string>()
/**
 * Runs a compiled query as a named prepared statement on the pool's connections, so PostgreSQL plans it once per
 * connection instead of on every call (for the hot queries whose planning costs more than running them: intake,
 * the work lists, walk-in tickets). Inside a transaction (a handle this module did not create) it runs as usual.
 */
export async function runPrepared<R>(db: Db, query: CompiledQuery<R>): Promise<R[]> {
  const pool = pools.get(db)
  if (!pool) return (await db.executeQuery(query)).rows
  let name = names.get(query.sql)
  if (!name) {
    name = 'yz_' + crypto.createHash('sha1').update(query.sql).digest('base64url').slice(0, 20)
    if (names.size < 1000) names.set(query.sql, name)
  }
  return (await pool.query<R & pg.QueryResultRow>({ name, text: query.sql, values: query.parameters as unknown[] })).rows
}

/** Make sure the named database exists on the server `url` points at (used for the embedded server and tests). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  setTypeParsers()
  const client = new pg.Client({ connectionString: serverUrl })
  client.on('error', ignoreLostConnection)
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) {
      await client.query(`create database "${name.replace(/"/g, '')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e // created meanwhile by another process
      })
    }
  } finally {
    await client.end()
  }
  const u = new URL(serverUrl)
  u.pathname = '/' + name
  return u.toString()
}
