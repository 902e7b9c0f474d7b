// A bound on concurrent argon2 work. Each hash takes about 30 ms of one core; a login flood would otherwise keep
// every core (and libuv's thread pool) busy and starve all other requests. At most `concurrency` hashes run at once.
// Waiting work is queued per key (the client address for logins) and served round-robin, so one address cannot
// make a user at another address wait behind its whole queue; a key may have at most `maxPerKey` waiting and all
// keys together `maxQueue`; beyond that the request is refused at once with 429 `busy`. Work marked `low` (a login
// from an address that has recently failed) waits until no other work waits.
import { errors } from '../../domain/errors.js'

export class HashLimiter {
  private active = 0
  private size = 0
  // Per tier, per key; a Map's insertion order is the round-robin order.
  private tiers = { normal: new Map<string, (() => void)[]>(), low: new Map<string, (() => void)[]>() }

  constructor(readonly concurrency: number, readonly maxQueue: number, readonly maxPerKey = maxQueue) {}

  async run<T>(work: () => Promise<T>, key = '', low = false): Promise<T> {
    if (this.active < this.concurrency) this.active += 1
    else {
      const queues = low ? this.tiers.low : this.tiers.normal
      const queue = queues.get(key) ?? []
      if (this.size >= this.maxQueue || queue.length >= this.maxPerKey) throw errors.busy()
      await new Promise<void>((resolve) => {
        queue.push(resolve)
        queues.set(key, queue)
        this.size += 1
      }) // the finishing job hands its slot over: `active` unchanged
    }
    try {
      return await work()
    } finally {
      this.handOver()
    }
  }

  /** Wake the first waiter of the key that has waited longest for a turn (normal tier first); that key goes to the back. */
  private handOver(): void {
    const queues = this.tiers.normal.size ? this.tiers.normal : this.tiers.low
    const next = queues.entries().next()
    if (next.done) { this.active -= 1; return }
    const [key, queue] = next.value
    const resolve = queue.shift()!
    queues.delete(key)
    if (queue.length) queues.set(key, queue)
    this.size -= 1
    resolve()
  }

  get queued(): number { return this.size }
}
