// A bound on concurrent argon2 work. Each hash takes about 30 ms of one core; a login flood would otherwise keep
// every core (and libuv's thread pool) busy and starve all other requests. At most `concurrency` hashes run at once,
// at most `maxQueue` wait; beyond that a login is refused at once with 429 instead of queueing without end.
import { errors } from '../../domain/errors.js'

export class HashLimiter {
  private active = 0
  private waiting: (() => void)[] = []

  constructor(readonly concurrency: number, readonly maxQueue: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active += 1
    else {
      if (this.waiting.length >= this.maxQueue) throw errors.busy()
      await new Promise<void>((resolve) => this.waiting.push(resolve)) // the slot is handed over, `active` unchanged
    }
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active -= 1
    }
  }

  get queued(): number { return this.waiting.length }
}
