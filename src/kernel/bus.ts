// Real-time events between Yizhan processes sharing one database: PostgreSQL LISTEN/NOTIFY.
// publish() goes through the pool; one dedicated client listens and reconnects by itself.
import pg from 'pg'

export type Handler = (payload: unknown) => void

/** Delivered to every handler each time the listener (re)connects: notifications may have been missed. */
export const RECONNECTED = Object.freeze({ kind: 'reconnected' as const })

export interface Bus {
  publish(channel: string, payload: unknown): Promise<void>
  subscribe(channel: string, handler: Handler): void
  /** True while the LISTEN connection is up: only then may a cache trust that silence means no change.
   * (Optional so that in-memory test buses, which deliver everything, need not say it.) */
  listening?(): boolean
  close(): Promise<void>
}

export function createBus(url: string, pool: pg.Pool, log: { warn(o: object, m: string): void }): Bus {
  const handlers = new Map<string, Set<Handler>>()
  let client: pg.Client | undefined
  let closed = false
  let connecting: Promise<void> | undefined

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url })
    c.on('notification', (msg) => {
      const set = handlers.get(msg.channel)
      if (!set) return
      let payload: unknown = msg.payload
      try { payload = JSON.parse(msg.payload ?? 'null') } catch { /* plain text payload */ }
      for (const h of set) h(payload)
    })
    let lost = false
    c.on('error', (err) => {
      // pg may report one lost connection twice (the server's message, then the socket's end): act once, and never
      // forget a newer connection because an old one spoke late.
      if (lost) return
      lost = true
      if (client === c) client = undefined
      c.end().catch(() => undefined)
      if (closed || client || connecting) return
      log.warn({ err: err.message }, 'event listener lost its connection; reconnecting')
      setTimeout(() => { void ensure() }, 1000)
    })
    try {
      await c.connect()
      for (const ch of handlers.keys()) await c.query(`listen "${ch}"`)
    } catch (e) {
      lost = true
      c.end().catch(() => undefined)
      throw e
    }
    client = c
    // Whatever was sent while nobody listened is lost: tell every subscriber to forget what it cached.
    for (const set of handlers.values()) for (const h of set) h(RECONNECTED)
  }

  let listens: Promise<void> = Promise.resolve()

  function ensure(): Promise<void> {
    if (client || closed) return Promise.resolve()
    connecting ??= connect().catch((err: Error) => {
      log.warn({ err: err.message }, 'event listener could not connect; retrying')
      if (!closed) setTimeout(() => { void ensure() }, 1000)
    }).finally(() => { connecting = undefined })
    return connecting
  }

  return {
    async publish(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, JSON.stringify(payload)])
    },
    subscribe(channel, handler) {
      const isNew = !handlers.has(channel)
      if (isNew) handlers.set(channel, new Set())
      handlers.get(channel)!.add(handler)
      if (client && isNew) {
        // One query at a time on the listening connection (pg refuses overlapping queries on one client).
        const c = client
        listens = listens.then(() => c.query(`listen "${channel}"`)).then(() => undefined, () => undefined)
      } else void ensure()
    },
    listening: () => client !== undefined,
    async close() {
      closed = true
      await connecting
      await client?.end().catch(() => undefined)
    },
  }
}
