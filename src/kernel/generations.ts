// Generation numbers of what the public pages show: the catalog's (migration 0006) and the network's (0040), each
// bumped by triggers in the same transaction as any write and announced at commit by NOTIFY. A cache keyed by them
// is fresh as long as the number it read is the current one; this module knows when it may skip reading it.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { App } from './context.js'
import type { Bus } from './bus.js'

const SOURCES = {
  catalog: { table: 'catalog_generation', channel: 'yizhan_catalog' },
  network: { table: 'network_generation', channel: 'yizhan_network' },
} as const
export type GenerationName = keyof typeof SOURCES

/** While the listener is up, silence is trusted this long; then the number is read again (a lost notification is
 * therefore seen within this time, in every process). */
export const RECHECK_MS = 1_000

export class Generation {
  private known?: number
  private trustedUntil = 0
  /** Bumped by every notification and local write: a read that started before the bump proves nothing after it. */
  private epoch = 0
  private reading?: { epoch: number; promise: Promise<number> }

  constructor(private db: Db, private name: GenerationName, private bus?: Bus) {
    bus?.subscribe(SOURCES[name].channel, () => this.invalidate())
  }

  private trusting(): boolean {
    return this.bus !== undefined && (this.bus.listening?.() ?? true)
  }

  /** Forget that the number is known: the next current() reads it. */
  invalidate(): void {
    this.epoch += 1
    this.trustedUntil = 0
  }

  /** The current number: from memory while a notification would have told otherwise, else one tiny query. */
  current(): Promise<number> | number {
    if (this.known !== undefined && Date.now() < this.trustedUntil && this.trusting()) return this.known
    if (this.reading?.epoch === this.epoch) return this.reading.promise
    const epoch = this.epoch
    const checkedAt = Date.now()
    const promise = sql<{ generation: number }>`select generation from ${sql.table(SOURCES[this.name].table)} where id = 1`
      .execute(this.db).then(({ rows }) => {
        const generation = Number(rows[0].generation)
        if (epoch === this.epoch) {
          this.known = Math.max(this.known ?? 0, generation)
          this.trustedUntil = checkedAt + RECHECK_MS
        }
        return generation
      }).finally(() => { if (this.reading?.promise === promise) this.reading = undefined })
    this.reading = { epoch, promise }
    return promise
  }
}

export interface Generations { catalog: Generation; network: Generation }

const perDb = new WeakMap<Db, Generations>()
/** One pair of watchers per database handle. Without a bus (tests, scripts) every call reads the number. */
export function generations(db: Db, bus?: Bus): Generations {
  let g = perDb.get(db)
  if (!g) perDb.set(db, (g = { catalog: new Generation(db, 'catalog', bus), network: new Generation(db, 'network', bus) }))
  return g
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A write acknowledged by this process is visible to the next public read here at once, without waiting for its
 * own notification to come back: any unsafe request forgets the known numbers (and calls `alsoForget`, the other
 * caches trusted the same way) before its reply is sent. */
export function installWriteInvalidation(app: App, db: Db, bus?: Bus, alsoForget: (() => void)[] = []): void {
  const g = generations(db, bus)
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (!SAFE.has(req.method)) { g.catalog.invalidate(); g.network.invalidate(); for (const f of alsoForget) f() }
    done(null, payload)
  })
}
