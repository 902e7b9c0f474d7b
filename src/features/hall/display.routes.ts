// GET /api/centers/:id/display/events (public): the display board's Server-Sent Events. Each call is an event `call`
// with an `id:`; a board reconnecting with Last-Event-ID (header, or ?lastEventId= after a reload) gets what it
// missed. On connect a `state` event carries the waiting counts, the notice and the latest calls; `counts` follow.
import type { ServerResponse } from 'node:http'
import { Type } from 'typebox'
import { AppError, errors } from '../../domain/errors.js'
import { chinaTime, hoursText } from '../../domain/hall-time.js'
import { latestCallPerTicket } from '../../domain/ticket-rules.js'
import type { App } from '../../kernel/context.js'
import { ErrorResponse, IdParams } from '../../kernel/schemas.js'
import * as displayRepo from './display.repository.js'
import type { DisplayEvent } from './display.repository.js'
import type { HubMessage } from './display.hub.js'
import type { Hall } from './hall.context.js'
import * as setup from './setup.repository.js'
import { waitingCounts } from './tickets.repository.js'

interface Board { res: ServerResponse; sent: number; ready: boolean; queue: HubMessage[] }

const RECENT_CALLS = 8
const COUNTS_DELAY_MS = 1000
const HEARTBEAT_MS = 15_000
const REFUSED_RETRY_SECONDS = 10

/** One event's SSE frame, serialized once however many boards it goes to. */
const frames = new WeakMap<DisplayEvent, string>()
function frame(ev: DisplayEvent): string {
  let f = frames.get(ev)
  if (f === undefined) frames.set(ev, (f = `id: ${ev.seq}\nevent: ${ev.kind}\ndata: ${JSON.stringify(ev.data)}\n\n`))
  return f
}

interface CenterBoards { boards: Set<Board>; unsubscribe: () => void; countsTimer?: NodeJS.Timeout }

/** The boards connected to this process, by center; one hub subscription and one counts query per center. */
class Boards {
  private byCenter = new Map<number, CenterBoards>()
  private heartbeat: NodeJS.Timeout | undefined
  /** Open streams per client address, and in all, to refuse a flood before it costs a query or a socket. */
  private byAddress = new Map<string, number>()
  private open = 0

  constructor(private hall: Hall) {}

  size(): number { let n = 0; for (const c of this.byCenter.values()) n += c.boards.size; return n }

  /** Takes a place for a stream from `ip` (the returned function gives it back), or says why not. */
  admit(ip: string): { release: () => void } | { refused: 'per_address' | 'total' } {
    const { perAddress, total } = this.hall.config.displayStreams
    const mine = this.byAddress.get(ip) ?? 0
    if (mine >= perAddress) return { refused: 'per_address' }
    if (this.open >= total) return { refused: 'total' }
    this.byAddress.set(ip, mine + 1)
    this.open += 1
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        this.open -= 1
        const n = (this.byAddress.get(ip) ?? 1) - 1
        if (n > 0) this.byAddress.set(ip, n)
        else this.byAddress.delete(ip)
      },
    }
  }

  add(centerId: number, board: Board): () => void {
    let entry = this.byCenter.get(centerId)
    if (!entry) {
      const e: CenterBoards = { boards: new Set(), unsubscribe: () => undefined }
      e.unsubscribe = this.hall.hub.subscribe(centerId, (m) => this.fanOut(centerId, e, m))
      this.byCenter.set(centerId, (entry = e))
    }
    entry.boards.add(board)
    this.heartbeat ??= setInterval(() => { for (const c of this.byCenter.values()) for (const b of c.boards) b.res.write(': ping\n\n') }, HEARTBEAT_MS)
    return () => {
      const e = this.byCenter.get(centerId)
      if (!e) return
      e.boards.delete(board)
      if (e.boards.size) return
      e.unsubscribe()
      clearTimeout(e.countsTimer)
      this.byCenter.delete(centerId)
      if (!this.byCenter.size) { clearInterval(this.heartbeat); this.heartbeat = undefined }
    }
  }

  /** A 'changed' is one recount for the center (a board still starting hears it when ready); the rest goes to every board. */
  private fanOut(centerId: number, e: CenterBoards, m: HubMessage): void {
    if (m.type === 'changed') {
      this.scheduleCounts(centerId)
      for (const b of e.boards) if (!b.ready) b.queue.push(m)
      return
    }
    for (const b of e.boards) this.handle(centerId, b, m)
  }

  handle(centerId: number, b: Board, m: HubMessage): void {
    if (!b.ready) { b.queue.push(m); return }
    if (m.type === 'event') this.send(b, [m.event])
    else if (m.type === 'changed') this.scheduleCounts(centerId)
    else void displayRepo.eventsAfter(this.hall.db, centerId, b.sent).then((evs) => this.send(b, evs)).catch(() => undefined)
  }

  send(b: Board, events: DisplayEvent[]): void {
    for (const ev of events) {
      if (ev.seq <= b.sent) continue
      b.res.write(frame(ev))
      b.sent = ev.seq
    }
  }

  /** Waiting counts change with every ticket: recount at most every COUNTS_DELAY_MS per center, once for all boards. */
  private scheduleCounts(centerId: number): void {
    const e = this.byCenter.get(centerId)
    if (!e || e.countsTimer) return
    e.countsTimer = setTimeout(() => {
      e.countsTimer = undefined
      void counts(this.hall, centerId).then((c) => {
        const line = `event: counts\ndata: ${JSON.stringify({ categories: c })}\n\n`
        for (const b of e.boards) if (b.ready) b.res.write(line)
      }).catch(() => undefined)
    }, COUNTS_DELAY_MS)
  }

  closeAll(): void {
    for (const e of this.byCenter.values()) for (const b of e.boards) b.res.end()
  }
}

async function counts(hall: Hall, centerId: number) {
  const rows = await waitingCounts(hall.db, centerId, chinaTime(hall.clock.now()).day)
  return rows.map((r) => ({ id: r.categoryId, prefix: r.prefix, name: r.name, waiting: Number(r.waiting) }))
}

function lastEventId(header: string | string[] | undefined, query: number | undefined): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header
  const n = raw !== undefined && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : query
  return n
}

export function displayRoutes(app: App, hall: Hall): Boards {
  const boards = new Boards(hall)
  app.addHook('preClose', async () => boards.closeAll())

  app.get('/api/centers/:id/display/events', {
    schema: {
      tags: ['hall'], summary: '大厅显示屏事件流 display board events (Server-Sent Events)', params: IdParams,
      querystring: Type.Object({ lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
      response: { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse },
    },
  }, async (req, reply) => {
    const place = boards.admit(req.ip)
    if ('refused' in place) {
      // A board (EventSource) closes on any answer but 200 and opens again a few seconds later by itself.
      if (place.refused === 'per_address') throw new AppError('locked', 'too_many_streams', '该地址打开的显示屏连接过多，请稍后再试', { retryAfterSeconds: REFUSED_RETRY_SECONDS })
      return reply.code(503).header('retry-after', String(REFUSED_RETRY_SECONDS))
        .send({ error: { code: 'display_busy', message: '显示屏连接已满，请稍后再试' } })
    }
    reply.raw.on('close', place.release)
    const centerId = req.params.id
    const center = await setup.findHall(hall.db, centerId)
    if (!center) throw errors.notFound('中心', centerId)
    const last = lastEventId(req.headers['last-event-id'], req.query.lastEventId)

    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive', 'x-accel-buffering': 'no',
    })
    res.write('retry: 2000\n\n')
    const board: Board = { res, sent: last ?? Number.MAX_SAFE_INTEGER, ready: false, queue: [] }
    const remove = boards.add(centerId, board)
    req.raw.on('close', remove)
    try {
      const [latest, recent, categories] = await Promise.all([
        displayRepo.latestSeq(hall.db, centerId), displayRepo.recentCalls(hall.db, centerId, RECENT_CALLS * 6), counts(hall, centerId),
      ])
      const state = { centerName: center.centerName, hours: hoursText(center), notice: center.notice, calls: latestCallPerTicket(recent.map((e) => e.data as { number: string }), RECENT_CALLS), categories }
      if (last === undefined) board.sent = latest
      res.write(`${last === undefined && latest ? `id: ${latest}\n` : ''}event: state\ndata: ${JSON.stringify(state)}\n\n`)
      if (last !== undefined) boards.send(board, await displayRepo.eventsAfter(hall.db, centerId, last, 500))
      board.ready = true
      for (const m of board.queue.splice(0)) boards.handle(centerId, board, m)
    } catch (err) {
      req.log.warn({ err }, 'display stream failed to start')
      res.end()
    }
  })
  return boards
}
