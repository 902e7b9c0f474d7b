// A short-lived in-process cache of resolved sessions and tokens, so an authenticated request costs
// no database round trip. Logout, revocation and account changes drop entries here and, through
// LISTEN/NOTIFY, in every other Yizhan process on the same database.
import type { Actor } from '../domain/jurisdiction.js'
import type { Bus } from './bus.js'

export interface CachedAuth { actor: Actor & { centerName: string }; csrfToken: string | null; expiresAt: number }

const CHANNEL = 'yizhan_auth'
type Message = { kind: 'key'; key: string } | { kind: 'user'; userId: number } | { kind: 'reconnected' }

export class AuthCache {
  private entries = new Map<string, { value: CachedAuth; until: number }>()

  constructor(private bus: Bus | undefined, private ttlMs = 30_000, private max = 10_000) {
    bus?.subscribe(CHANNEL, (m) => this.apply(m as Message))
  }

  get(key: string): CachedAuth | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    const now = Date.now()
    if (e.until < now || e.value.expiresAt < now) { this.entries.delete(key); return undefined }
    return e.value
  }

  set(key: string, value: CachedAuth): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, { value, until: Date.now() + this.ttlMs })
  }

  private apply(m: Message): void {
    if (m?.kind === 'reconnected') this.entries.clear()
    if (m?.kind === 'key') this.entries.delete(m.key)
    if (m?.kind === 'user') for (const [k, e] of this.entries) if (e.value.actor.userId === m.userId) this.entries.delete(k)
  }

  async dropKey(key: string): Promise<void> {
    this.apply({ kind: 'key', key })
    await this.bus?.publish(CHANNEL, { kind: 'key', key })
  }

  async dropUser(userId: number): Promise<void> {
    this.apply({ kind: 'user', userId })
    await this.bus?.publish(CHANNEL, { kind: 'user', userId })
  }
}
