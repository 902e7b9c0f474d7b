// When a kept progress answer may be served without reading the case's stamp: every case event is announced at
// commit on channel yizhan_progress with the case's id (migration 0012). While the listener is up, silence about a
// case is trusted for RECHECK_MS after its stamp was read, as the catalog's generation is (src/server/generations.ts);
// a lost notification is therefore seen within that time in every process. A write acknowledged by this process
// distrusts everything before its reply is sent (installWriteInvalidation), so its own author never sees an old
// answer.
import type { Bus } from '../../kernel/bus.js'
import { RECHECK_MS } from '../../kernel/generations.js'

export const PROGRESS_CHANNEL = 'yizhan_progress'
/** Cases announced since the last global distrust are remembered up to this many; past it everything is distrusted. */
const MAX_TOUCHED = 50_000

export class ProgressTrust {
  /** Counts announcements; a stamp read records the count it started at. */
  private seq = 0
  /** Everything read before this count is distrusted (a local write, a reconnect, a forgotten announcement). */
  private distrustedAt = 0
  private touched = new Map<number, number>()

  constructor(private bus?: Bus) {
    bus?.subscribe(PROGRESS_CHANNEL, (payload) => {
      const caseId = typeof payload === 'number' ? payload : NaN
      if (!Number.isInteger(caseId)) return this.distrustAll() // the reconnect marker, or a payload nobody expects
      if (this.touched.size >= MAX_TOUCHED) return this.distrustAll()
      this.touched.set(caseId, ++this.seq)
    })
  }

  /** The mark a stamp read takes before it starts: what it reads is trusted only if nothing was announced after. */
  mark(): { seq: number; at: number } { return { seq: this.seq, at: Date.now() } }

  /** Whether an answer checked against the database at `mark` is still current for case `caseId`. */
  trusted(caseId: number, mark: { seq: number; at: number }): boolean {
    if (!this.bus || !(this.bus.listening?.() ?? true)) return false
    if (Date.now() >= mark.at + RECHECK_MS || mark.seq < this.distrustedAt) return false
    return (this.touched.get(caseId) ?? 0) <= mark.seq
  }

  distrustAll(): void {
    this.distrustedAt = ++this.seq
    this.touched.clear()
  }
}

const perBus = new WeakMap<object, ProgressTrust>()
const NO_BUS = {}
/** One tracker per bus (per database handle in practice); without a bus nothing is trusted and every lookup reads. */
export function progressTrust(bus?: Bus): ProgressTrust {
  const key = bus ?? NO_BUS
  let t = perBus.get(key)
  if (!t) perBus.set(key, (t = new ProgressTrust(bus)))
  return t
}
