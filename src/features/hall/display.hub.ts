// Fans the hall's events out to the display boards connected to this process. With a bus (npm start), events arrive
// by LISTEN/NOTIFY from whichever process committed them; without one (tests, a lone app) straight after commit.
// Per center, events are delivered in sequence order; a gap (a notification missed) is filled from the database.
import type { Db } from '../../db/database.js'
import { RECONNECTED, type Bus } from '../../kernel/bus.js'
import * as repo from './display.repository.js'
import type { DisplayEvent, HallNotice } from './display.repository.js'

/** `resync`: notifications may have been lost (the listener reconnected); each display reads what it missed. */
export type HubMessage = { type: 'event'; event: DisplayEvent } | { type: 'changed' } | { type: 'resync' }
type Listener = (m: HubMessage) => void

const CHANGED_DELAY_MS = 250

export class HallHub {
  private listeners = new Map<number, Set<Listener>>()
  private lastSeq = new Map<number, number>()
  private chains = new Map<number, Promise<void>>()
  private pendingChanged = new Set<number>()

  constructor(private db: Db, private bus?: Bus, private log?: { warn(o: object, m: string): void }) {
    bus?.subscribe(repo.HALL_CHANNEL, (payload) => {
      if (payload === RECONNECTED) { for (const c of this.listeners.keys()) this.catchUp(c); return }
      const n = payload as HallNotice
      if (typeof n?.c === 'number') this.deliver(n.c, n.e ?? [])
    })
  }

  subscribe(centerId: number, fn: Listener): () => void {
    let set = this.listeners.get(centerId)
    if (!set) this.listeners.set(centerId, (set = new Set()))
    set.add(fn)
    return () => { set.delete(fn); if (!set.size) this.listeners.delete(centerId) }
  }

  listenerCount(): number {
    let n = 0
    for (const s of this.listeners.values()) n += s.size
    return n
  }

  /**
   * After a commit in this process. Display events went out with the transaction's own NOTIFY (delivered at commit,
   * in commit order). A bare change (a ticket taken, served…) is told to the other processes outside the
   * transaction, at most every CHANGED_DELAY_MS per center: a NOTIFY inside every ticket's transaction would
   * serialize all their commits on PostgreSQL's notification queue lock.
   */
  committed(notice: HallNotice): void {
    if (!this.bus) { this.deliver(notice.c, notice.e ?? []); return }
    if (notice.e?.length) return
    this.deliver(notice.c, [])
    if (this.pendingChanged.has(notice.c)) return
    this.pendingChanged.add(notice.c)
    setTimeout(() => {
      this.pendingChanged.delete(notice.c)
      void this.bus!.publish(repo.HALL_CHANNEL, { c: notice.c } satisfies HallNotice).catch(() => undefined)
    }, CHANGED_DELAY_MS).unref()
  }

  private deliver(centerId: number, events: DisplayEvent[]): void {
    this.enqueue(centerId, async () => {
      for (const ev of [...events].sort((a, b) => a.seq - b.seq)) await this.emitInOrder(centerId, ev)
      this.emit(centerId, { type: 'changed' })
    })
  }

  /** The listener reconnected: whatever was committed meanwhile is read from the database by each display. */
  private catchUp(centerId: number): void {
    this.enqueue(centerId, async () => {
      this.lastSeq.delete(centerId)
      this.emit(centerId, { type: 'resync' })
      this.emit(centerId, { type: 'changed' })
    })
  }

  private enqueue(centerId: number, job: () => Promise<void>): void {
    const next = (this.chains.get(centerId) ?? Promise.resolve()).then(job).catch((err: Error) => {
      this.log?.warn({ err: err.message, centerId }, 'hall display delivery failed')
    })
    this.chains.set(centerId, next)
    void next.then(() => { if (this.chains.get(centerId) === next) this.chains.delete(centerId) })
  }

  private async emitInOrder(centerId: number, ev: DisplayEvent): Promise<void> {
    const last = this.lastSeq.get(centerId)
    if (last !== undefined && ev.seq <= last) return
    if (last !== undefined && ev.seq > last + 1) {
      for (const missed of await repo.eventsAfter(this.db, centerId, last)) {
        if (missed.seq >= ev.seq) break
        this.emit(centerId, { type: 'event', event: missed })
      }
    }
    this.lastSeq.set(centerId, ev.seq)
    this.emit(centerId, { type: 'event', event: ev })
  }

  private emit(centerId: number, m: HubMessage): void {
    for (const fn of this.listeners.get(centerId) ?? []) fn(m)
  }
}
