// A bound on concurrent argon2 work. Each hash takes about 30 ms of one core; a login flood would otherwise keep
// every core (and libuv's thread pool) busy and starve all other requests. Work marked `low` (a login from an address
// that has recently failed) runs on at most `lowSlots` at once; other work may also use `reservedSlots` more, so a
// flood never makes a user at a clean address wait for a hash slot. Waiting work is queued per key (the client
// address) and served round-robin, normal before low; a key may have at most `maxPerKey` waiting and all keys
// together `maxQueue`; beyond that the request is refused at once with 429 `busy`.
import { errors } from '../../domain/errors.js'

type Tier = 'normal' | 'low'

export class HashLimiter {
  private active = 0
  private size = 0
  // Per tier, per key; a Map's insertion order is the round-robin order.
  private tiers: Record<Tier, Map<string, (() => void)[]>> = { normal: new Map(), low: new Map() }

  constructor(readonly lowSlots: number, readonly maxQueue: number, readonly maxPerKey = maxQueue, readonly reservedSlots = 0) {}

  private limit(tier: Tier): number { return tier === 'low' ? this.lowSlots : this.lowSlots + this.reservedSlots }

  async run<T>(work: () => Promise<T>, key = '', low = false): Promise<T> {
    const tier: Tier = low ? 'low' : 'normal'
    if (this.active < this.limit(tier) && !this.waiting(tier)) this.active += 1
    else {
      const queues = this.tiers[tier]
      const queue = queues.get(key) ?? []
      if (this.size >= this.maxQueue || queue.length >= this.maxPerKey) throw errors.busy()
      await new Promise<void>((resolve) => { // started by release(), which counts it in `active`
        queue.push(resolve)
        queues.set(key, queue)
        this.size += 1
      })
    }
    try {
      return await work()
    } finally {
      this.active -= 1
      this.release()
    }
  }

  private waiting(tier: Tier): boolean { return this.tiers[tier].size > 0 || (tier === 'low' && this.tiers.normal.size > 0) }

  /** Start waiting work while slots allow: normal first, each tier round-robin by key. */
  private release(): void {
    for (const tier of ['normal', 'low'] as const) {
      const queues = this.tiers[tier]
      while (queues.size && this.active < this.limit(tier)) {
        const [key, queue] = queues.entries().next().value!
        const resolve = queue.shift()!
        queues.delete(key)
        if (queue.length) queues.set(key, queue) // the key goes to the back
        this.size -= 1
        this.active += 1
        resolve()
      }
    }
  }

  get queued(): number { return this.size }
}
