// Hall test helpers: a settable clock, a capturing SMS sender, and a reader for Server-Sent Events.
import type { Clock } from '../../src/domain/clock.js'
import type { Db } from '../../src/db/database.js'
import type { OutgoingMessage, Sender } from '../../src/features/messages/sender.js'

export class TestClock implements Clock {
  constructor(private at: Date) {}
  now(): Date { return new Date(this.at) }
  set(at: Date | string): void { this.at = new Date(at) }
  advance(ms: number): void { this.at = new Date(this.at.getTime() + ms) }
}

/** Records what the hall sends through the process's one sender (src/features/messages/sender.ts). */
export class CapturingSender implements Sender {
  readonly name = 'capture'
  readonly sent: { phone: string; text: string; message: OutgoingMessage }[] = []
  /** A real sender (a provider against its stand-in) the messages go through first; one that throws records nothing. */
  through: Sender | null = null
  async send(m: OutgoingMessage): Promise<void> {
    if (this.through) await this.through.send(m)
    this.sent.push({ phone: m.phone, text: m.body, message: m })
  }
  lastCode(phone: string): string {
    const m = [...this.sent].reverse().find((s) => s.phone === phone)
    return /(\d{6})/.exec(m?.text ?? '')?.[1] ?? ''
  }
}

export interface SseEvent { id?: string; event: string; data: any }

/** Reads a text/event-stream from a fetch response; `next(kind)` waits for the next event of that kind. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: SseEvent[] = []
  let buffer = ''
  let done = false
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read()
        if (end) break
        buffer += decoder.decode(value, { stream: true })
        let i
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i)
          buffer = buffer.slice(i + 2)
          const ev: SseEvent = { event: 'message', data: undefined }
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) ev.id = line.slice(4)
            else if (line.startsWith('event: ')) ev.event = line.slice(7)
            else if (line.startsWith('data: ')) data.push(line.slice(6))
          }
          if (!data.length) continue
          ev.data = JSON.parse(data.join('\n'))
          events.push(ev)
        }
      }
    } catch { /* aborted */ }
    done = true
  })()
  let cursor = 0
  return {
    events,
    get closed() { return done },
    async next(kind: string, timeoutMs = 5000): Promise<SseEvent> {
      const end = Date.now() + timeoutMs
      while (Date.now() < end) {
        while (cursor < events.length) { const ev = events[cursor++]; if (ev.event === kind) return ev }
        if (done) break
        await new Promise((r) => setTimeout(r, 10))
      }
      throw new Error(`no '${kind}' event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)
    },
    cancel: () => reader.cancel().catch(() => undefined).then(() => pump),
  }
}

/** The district center of the demo and two items it offers. */
export async function demoDistrict(db: Db) {
  const center = await db.selectFrom('centers').select(['id', 'name']).where('code', '=', 'D01').executeTakeFirstOrThrow()
  const items = await db.selectFrom('item_offerings').select('item_id').where('center_id', '=', center.id).orderBy('item_id').limit(3).execute()
  const windows = await db.selectFrom('windows').select(['id', 'number']).where('center_id', '=', center.id).orderBy('id').execute()
  const offeredElsewhere = await db.selectFrom('service_items').select('id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('item_offerings').select('item_id').whereRef('item_id', '=', 'service_items.id').where('center_id', '=', center.id))))
    .limit(1).executeTakeFirstOrThrow()
  return { center, itemIds: items.map((i) => i.item_id), windowIds: windows.map((w) => w.id), notOffered: offeredElsewhere.id }
}

/** A Tuesday, 10:00 in China. */
export const TUESDAY_10 = '2026-03-10T10:00:00+08:00'
