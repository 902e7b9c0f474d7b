// The window panel (叫号): call next, recall, start, finish, no-show, transfer, link the case, pause the window.
// Each action locks the ticket (and the window), asks domain/ticket-rules, writes the ticket and its timeline event,
// and, for a call, the display event and its notification: one transaction.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { callText, nextTicketStatus, type TicketActionName, laneOf } from '../../domain/ticket-rules.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as windows from '../network/windows.repository.js'
import { appendDisplayEvent, type HallNotice } from './display.repository.js'
import type { Hall } from './hall.context.js'
import { chinaTime } from '../../domain/hall-time.js'
import * as setup from './setup.repository.js'
import * as repo from './tickets.repository.js'

/** The window when it exists and belongs to the actor's own center (404 otherwise, 403 for another center's window). */
function ownWindow<W extends { status: string; center_id: number }>(w: W | undefined, actor: Actor, windowId: number): W {
  if (!w || w.status === 'retired') throw errors.notFound('窗口', windowId)
  if (w.center_id !== actor.centerId) throw errors.forbidden('只能在本中心的窗口叫号')
  return w
}

async function lockOwnWindow(trx: Db, actor: Actor, windowId: number) {
  return ownWindow(await windows.lockWindow(trx, windowId), actor, windowId)
}

async function announce(trx: Db, centerId: number, ticket: { id: number; number: string; priority?: number }, w: { number: string; name: string }, at: Date, recall: boolean) {
  return appendDisplayEvent(trx, centerId, 'call', at, {
    number: ticket.number, windowName: w.name, windowNumber: w.number, at: at.toISOString(),
    text: callText(ticket.number, w.number), recall, ...(ticket.priority === undefined ? {} : { lane: laneOf(ticket.priority) }),
  })
}

export async function callNext(hall: Hall, actor: Actor, windowId: number) {
  const at = hall.clock.now()
  const result = await hall.db.transaction().execute(async (trx) => {
    const w = ownWindow(await repo.lockCallingWindow(trx, windowId, chinaTime(at).day), actor, windowId)
    if (w.status !== 'open') throw errors.conflict('window_not_open', `${w.number} 号窗口已暂停或关闭，不能叫号`)
    const current = w.current
    if (current) {
      throw errors.conflict('window_busy', `窗口还有 ${current.number} 号未办结，请先办结、过号或转移`, { ticketId: current.id, number: current.number, status: current.status })
    }
    const t = await repo.lockNextFor(trx, { centerId: w.center_id, windowId, day: chinaTime(at).day, categoryIds: w.categoryIds })
    if (!t) return null
    nextTicketStatus(t.status, 'call')
    await repo.transition(trx, {
      status: 'called', window_id: windowId, target_window_id: null, staff_id: actor.userId, calls: 1,
      first_called_at: t.firstCalledAt ?? at, called_at: at,
    }, { ticketId: t.id, centerId: t.centerId, at, action: 'called', windowId, staffId: actor.userId })
    const ev = await announce(trx, t.centerId, t, w, at, false)
    return { ticketId: t.id, centerId: t.centerId, ev }
  })
  if (!result) return null
  hall.hub.committed({ c: result.centerId, e: [result.ev] })
  return ticketView(hall.db, result.ticketId)
}

export interface ActionInput { windowId?: number; categoryId?: number; caseNumber?: string }

/** recall / start / finish / noShow / transfer / link on a ticket held at the actor's center. */
export async function act(hall: Hall, actor: Actor, ticketId: number, action: Exclude<TicketActionName, 'call'>, input: ActionInput) {
  const at = hall.clock.now()
  const notice = await hall.db.transaction().execute((trx) => apply(trx, actor, ticketId, action, input, at))
  hall.hub.committed(notice)
  return ticketView(hall.db, ticketId)
}

async function apply(trx: Db, actor: Actor, ticketId: number, action: Exclude<TicketActionName, 'call'>, input: ActionInput, at: Date): Promise<HallNotice> {
  {
    const t = await repo.lockTicket(trx, ticketId)
    if (!t) throw errors.notFound('票号', ticketId)
    if (t.centerId !== actor.centerId) throw errors.forbidden('只能处理本中心的票号')
    const status = nextTicketStatus(t.status, action)
    const w = t.windowId ? await lockOwnWindow(trx, actor, t.windowId) : undefined
    const base = { ticketId: t.id, centerId: t.centerId, at, windowId: t.windowId, staffId: actor.userId }
    switch (action) {
      case 'recall': {
        await repo.transition(trx, { calls: t.calls + 1, called_at: at }, { ...base, action: 'recalled', data: { calls: t.calls + 1 } })
        return { c: t.centerId, e: [await announce(trx, t.centerId, t, w!, at, true)] }
      }
      case 'start':
        await repo.transition(trx, { status, started_at: at, staff_id: actor.userId }, { ...base, action: 'started' })
        return { c: t.centerId }
      case 'finish':
        await repo.transition(trx, { status, finished_at: at }, { ...base, action: 'finished' })
        return { c: t.centerId }
      case 'noShow': {
        const hallRow = await setup.findHall(trx, t.centerId)
        const needed = hallRow?.maxCalls ?? 3
        if (t.calls < needed) throw errors.conflict('not_enough_calls', `叫号 ${needed} 次后才能记为过号（已叫 ${t.calls} 次）`, { calls: t.calls, needed })
        await repo.transition(trx, { status, finished_at: at }, { ...base, action: 'no_show', data: { calls: t.calls } })
        return { c: t.centerId }
      }
      case 'transfer':
        await transfer(trx, t, input, status)
        await repo.appendTicketEvent(trx, { ...base, action: 'transferred', data: { fromWindowId: t.windowId, fromCategoryId: t.categoryId, toWindowId: input.windowId ?? null, toCategoryId: input.categoryId ?? t.categoryId } })
        return { c: t.centerId }
      case 'link':
        await linkCase(trx, t.id, input.caseNumber)
        await repo.appendTicketEvent(trx, { ...base, action: 'linked', data: { caseNumber: input.caseNumber } })
        return { c: t.centerId }
    }
  }
}

/** To another window or category of the same center; the ticket keeps its place (queued_at, priority). */
async function transfer(trx: Db, t: repo.TicketRow, input: ActionInput, status: 'waiting' | string) {
  if (input.windowId === undefined && input.categoryId === undefined) {
    throw errors.validation([{ field: 'body.windowId', message: '请选择转往的窗口或类别' }])
  }
  if (input.windowId !== undefined) {
    const target = await windows.lockWindow(trx, input.windowId)
    if (!target || target.center_id !== t.centerId || target.status === 'retired') throw errors.validation([{ field: 'body.windowId', message: '本中心没有这个窗口' }])
    if (target.id === t.windowId) throw errors.validation([{ field: 'body.windowId', message: '不能转给当前窗口' }])
  }
  if (input.categoryId !== undefined) {
    const k = await setup.findCategory(trx, input.categoryId)
    if (!k || k.centerId !== t.centerId || k.status === 'retired') throw errors.validation([{ field: 'body.categoryId', message: '本中心没有这个取号类别' }])
  }
  await repo.updateTicket(trx, t.id, {
    status: status as 'waiting', window_id: null, target_window_id: input.windowId ?? null, category_id: input.categoryId ?? t.categoryId,
  })
}

/** The case the ticket produced, by its number: it must name an existing case. */
async function linkCase(trx: Db, ticketId: number, caseNumber: string | undefined) {
  if (!caseNumber) throw errors.validation([{ field: 'body.caseNumber', message: '请填写办件编号' }])
  const found = await trx.selectFrom('cases').where('number', '=', caseNumber).select('id').executeTakeFirst()
  if (!found) throw errors.validation([{ field: 'body.caseNumber', message: `办件 ${caseNumber} 不存在` }])
  await repo.updateTicket(trx, ticketId, { case_ref: caseNumber })
}

export async function setWindowPaused(hall: Hall, actor: Actor, windowId: number, paused: boolean) {
  await hall.db.transaction().execute(async (trx) => {
    const w = await lockOwnWindow(trx, actor, windowId)
    const status = paused ? 'paused' : 'open'
    if (w.status === status) return
    if (w.status === 'closed') throw errors.conflict('window_closed', '窗口已关闭')
    await windows.updateWindow(trx, windowId, { status })
    await appendAudit(trx, { actorId: actor.userId, centerId: w.center_id, action: paused ? 'window.pause' : 'window.resume', entity: 'window', entityId: windowId, data: { from: w.status, status } })
  })
  return panel(hall, actor, windowId)
}

export async function ticketView(db: Db, id: number) {
  const [t, timeline] = await Promise.all([repo.findTicket(db, id), repo.ticketTimeline(db, id)])
  if (!t) throw errors.notFound('票号', id)
  const { token: _token, ...rest } = t
  return { ...rest, timeline }
}

/** The window panel: the window, its current ticket and who waits for it. */
export async function panel(hall: Hall, actor: Actor, windowId: number) {
  const w = await windows.listWindows(hall.db, { scopePath: '/', id: windowId }).then((r) => r[0])
  if (!w || w.status === 'retired') throw errors.notFound('窗口', windowId)
  if (w.centerId !== actor.centerId) throw errors.forbidden('只能在本中心的窗口叫号')
  const day = chinaTime(hall.clock.now()).day
  const [current, categoryIds, counts, others, hallRow] = await Promise.all([
    repo.currentOfWindow(hall.db, windowId), setup.windowCategoryIds(hall.db, windowId), repo.waitingCounts(hall.db, w.centerId, day),
    windows.listWindows(hall.db, { scopePath: '/', centerId: w.centerId }), setup.findHall(hall.db, w.centerId),
  ])
  const mine = categoryIds.length ? counts.filter((c) => categoryIds.includes(c.categoryId)) : counts
  return {
    window: { id: w.id, number: w.number, name: w.name, status: w.status, centerId: w.centerId, centerName: w.centerName },
    current: current ? await ticketView(hall.db, current.id) : null,
    categories: mine.map((c) => ({ id: c.categoryId, prefix: c.prefix, name: c.name, waiting: Number(c.waiting) })),
    allCategories: counts.map((c) => ({ id: c.categoryId, prefix: c.prefix, name: c.name })),
    otherWindows: others.filter((o) => o.id !== w.id && o.status !== 'retired').map((o) => ({ id: o.id, number: o.number, name: o.name })),
    maxCalls: hallRow?.maxCalls ?? 3,
  }
}
