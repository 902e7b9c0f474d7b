// Taking a number (取号) at the kiosk: by category or item, or by checking in an appointment. One transaction takes
// the next daily numbers, writes the tickets with their 'issued' events (for walk-ins one statement, after the hall
// and the category are read); then the display boards hear of it.
import { isBadScore } from '../../domain/rating-followup.js'
import { TICKET_RATING_PREFIX } from '../../domain/rating-form.js'
import crypto from 'node:crypto'
import { errors } from '../../domain/errors.js'
import type { Db } from '../../db/database.js'
import { arrival, chinaTime, closedReason, CLOSED_MESSAGES, hoursText, type ChinaTime } from '../../domain/hall-time.js'
import { estimateWaitMinutes, laneOf, QUEUE_RANK, ticketNumber, STATUS_NAMES } from '../../domain/ticket-rules.js'
import * as appts from './appointments.repository.js'
import { workday, type Hall } from './hall.context.js'
import * as setup from './setup.repository.js'
import * as repo from './tickets.repository.js'

/** By category or item (walk-in), or an appointment's check-in: its id and booking code, or the code alone. */
export interface TicketRequest { centerId: number; categoryId?: number; itemId?: number; appointmentId?: number; bookingCode?: string; priority?: boolean }

const isCheckIn = (input: TicketRequest) => input.appointmentId !== undefined || input.bookingCode !== undefined

/**
 * Walk-ins asking for the same thing are issued in batches: requests that arrive while one statement holds the
 * category's counter join the next one, so one commit serves them all (numbers stay gap-free: the counter moves by
 * the batch size in the statement that writes the tickets). An appointment's check-in goes alone.
 */
export async function issueTicket(hall: Hall, input: TicketRequest) {
  if (isCheckIn(input)) return (await issueBatch(hall, input, 1))[0]
  const key = `${input.centerId}:${input.categoryId ?? ''}:${input.itemId ?? ''}:${input.priority ? 'p' : ''}`
  return batched(hall, key, (n) => issueBatch(hall, input, n))
}

type Issued = Awaited<ReturnType<typeof issueBatch>>[number]
type Waiter = { resolve(v: Issued): void; reject(e: unknown): void }
const queuesOf = new WeakMap<Hall, Map<string, Waiter[]>>()
const MAX_BATCH = 50

function batched(hall: Hall, key: string, run: (n: number) => Promise<Issued[]>): Promise<Issued> {
  let queues = queuesOf.get(hall)
  if (!queues) queuesOf.set(hall, (queues = new Map()))
  const waiting = queues
  return new Promise((resolve, reject) => {
    const queues = waiting
    const queue = queues.get(key)
    if (queue) { queue.push({ resolve, reject }); return }
    const q = [{ resolve, reject }]
    queues.set(key, q)
    void (async () => {
      while (q.length) {
        const batch = q.splice(0, MAX_BATCH)
        try {
          const results = await run(batch.length)
          batch.forEach((p, i) => p.resolve(results[i]))
        } catch (e) { batch.forEach((p) => p.reject(e)) }
      }
      queues.delete(key)
    })()
  })
}

async function issueBatch(hall: Hall, input: TicketRequest, count: number) {
  const at = hall.clock.now()
  const now = chinaTime(at)
  const open = await workday(hall, now.day)
  const issued = isCheckIn(input) ? await writeCheckIn(hall, input, at, now, open) : await writeWalkIns(hall, input, count, at, now, open)
  hall.hub.committed({ c: input.centerId })
  const first = issued.tickets[0]
  const place = await queuePlace(hall, { id: first.id, centerId: input.centerId, categoryId: issued.category.id, day: now.day, priority: first.priority, queuedAt: at })
  return issued.tickets.map((t, i) => ({
    id: t.id, number: t.number, token: t.token, ahead: place.ahead + i,
    estimatedWaitMinutes: estimateWaitMinutes(place.ahead + i, place.serviceSeconds, place.windows),
    categoryName: issued.category.name, centerName: issued.centerName, issuedAt: at, appointment: t.priority === QUEUE_RANK.appointment,
    lane: laneOf(t.priority),
  }))
}

/** An appointment's check-in: its one ticket in the transaction that marks the appointment checked in. */
function writeCheckIn(hall: Hall, input: TicketRequest, at: Date, now: ChinaTime, open: boolean) {
  return hall.db.transaction().execute(async (trx) => {
    const center = await openHall(trx, input, now, open)
    const { categoryId, appointmentId, priority } = await checkIn(trx, input, now, at)
    const category = await issuableCategory(trx, input, categoryId)
    const seq = await repo.nextSeq(trx, category.id, now.day)
    const ticket = {
      centerId: input.centerId, categoryId: category.id, itemId: input.itemId ?? null, appointmentId,
      day: now.day, seq, number: ticketNumber(category.prefix, seq), token: crypto.randomBytes(9).toString('base64url'), priority, at,
    }
    const id = await repo.insertTicket(trx, ticket)
    return { tickets: [{ ...ticket, id }], category, centerName: center.centerName }
  })
}

/** Walk-ins: the hall and the category read first, then the numbers, tickets and events in one statement. */
async function writeWalkIns(hall: Hall, input: TicketRequest, count: number, at: Date, now: ChinaTime, open: boolean) {
  const center = await openHall(hall.db, input, now, open)
  const category = await issuableCategory(hall.db, input, input.categoryId)
  const tokens = Array.from({ length: count }, () => crypto.randomBytes(9).toString('base64url'))
  const priority = input.priority ? QUEUE_RANK.priority : QUEUE_RANK.ordinary
  const rows = await repo.issueWalkIns(hall.db, { centerId: input.centerId, categoryId: category.id, prefix: category.prefix, itemId: input.itemId ?? null, day: now.day, at, priority }, tokens)
  return { tickets: rows.map((r) => ({ ...r, priority })), category, centerName: center.centerName }
}

/** The center's hall, open now: 409 with the reason when it is closed (a closed center, a day off, outside hours). */
async function openHall(db: Db, input: TicketRequest, now: ChinaTime, open: boolean) {
  const center = await setup.findHall(db, input.centerId)
  if (!center) throw errors.validation([{ field: 'body.centerId', message: `中心 ${input.centerId} 不存在` }])
  const reason = closedReason({ ...center, centerActive: center.centerStatus === 'active', workday: open, minutes: now.minutes })
  if (reason) throw errors.conflict(reason, CLOSED_MESSAGES[reason], { opens: center.opens, lunchStarts: center.lunchStarts, lunchEnds: center.lunchEnds, closes: center.closes })
  return center
}

async function issuableCategory(db: Db, input: TicketRequest, categoryId: number | undefined) {
  const category = await resolveCategory(db, input, categoryId)
  if (category.status === 'paused') throw errors.conflict('category_paused', `「${category.name}」暂停取号`)
  return category
}

/** An appointment's check-in: the booked appointment, on its day; priority when on time, a walk-in when late. */
async function checkIn(trx: Db, input: TicketRequest, now: ChinaTime, at: Date) {
  const id = input.appointmentId ?? (await appts.findByCode(trx, input.centerId, input.bookingCode!))?.id
  const a = id === undefined ? undefined : await appts.lockAppointment(trx, id)
  if (!a || a.centerId !== input.centerId || a.bookingCode !== input.bookingCode) {
    throw errors.validation([{ field: 'body.bookingCode', message: '预约码与预约不符' }])
  }
  if (a.status === 'checked_in') throw errors.conflict('already_checked_in', '该预约已签到取号')
  if (a.status !== 'booked') throw errors.conflict('appointment_not_booked', '该预约已取消或已记为爽约')
  const when = arrival({ day: a.day, slotEnd: a.slotEnd, now })
  if (when === 'wrong_day') throw errors.conflict('appointment_not_today', `预约日期为 ${a.day}，请在当天签到`)
  if (input.categoryId !== undefined && input.categoryId !== a.categoryId) throw errors.validation([{ field: 'body.categoryId', message: '与预约的类别不同' }])
  await appts.markCheckedIn(trx, a.id, at, when === 'late')
  return { categoryId: a.categoryId, appointmentId: a.id, priority: when === 'on_time' ? QUEUE_RANK.appointment : input.priority ? QUEUE_RANK.priority : QUEUE_RANK.ordinary }
}

/** The category asked for, or the one serving the item asked for; 400 naming the field otherwise. */
async function resolveCategory(trx: Db, input: TicketRequest, categoryId: number | undefined) {
  if (categoryId !== undefined) {
    const category = await setup.findCategory(trx, categoryId)
    if (!category || category.centerId !== input.centerId || category.status === 'retired') {
      throw errors.validation([{ field: 'body.categoryId', message: '该中心没有这个取号类别' }])
    }
    return category
  }
  if (input.itemId === undefined) throw errors.validation([{ field: 'body.categoryId', message: '请选择取号类别或事项' }])
  if (!(await setup.itemOffered(trx, input.centerId, input.itemId))) {
    throw errors.invalid('item_not_offered', '本中心不办理该事项', { field: 'body.itemId' })
  }
  const category = await setup.categoryForItem(trx, input.centerId, input.itemId)
  if (!category) throw errors.invalid('item_not_offered', '本中心大厅没有办理该事项的取号类别', { field: 'body.itemId' })
  return category
}

async function queuePlace(hall: Hall, t: Parameters<typeof repo.countAhead>[1]) {
  const [ahead, inputs] = await Promise.all([repo.countAhead(hall.db, t), estimateInputs(hall, t.centerId, t.categoryId)])
  return { ahead, ...inputs, estimatedWaitMinutes: estimateWaitMinutes(ahead, inputs.serviceSeconds, inputs.windows) }
}

/**
 * What the wait estimate stands on (the last services of the category, the windows calling it) moves slowly: it is
 * read at most every ESTIMATE_TTL_MS per category, and tickets issued meanwhile share the reading.
 */
const ESTIMATE_TTL_MS = 10_000
type EstimateInputs = Awaited<ReturnType<typeof repo.estimateInputs>>
const estimatesOf = new WeakMap<Hall, Map<number, { at: number; inputs: Promise<EstimateInputs> }>>()

function estimateInputs(hall: Hall, centerId: number, categoryId: number): Promise<EstimateInputs> {
  let cache = estimatesOf.get(hall)
  if (!cache) estimatesOf.set(hall, (cache = new Map()))
  const now = hall.clock.now().getTime()
  const kept = cache.get(categoryId)
  if (kept && now - kept.at >= 0 && now - kept.at < ESTIMATE_TTL_MS) return kept.inputs
  const inputs = repo.estimateInputs(hall.db, centerId, categoryId, new Date(now - 7 * 86_400_000))
  const entry = { at: now, inputs }
  cache.set(categoryId, entry)
  inputs.catch(() => { if (cache.get(categoryId) === entry) cache.delete(categoryId) })
  return inputs
}

/** A ticket followed on a phone (the slip's QR code): its number, status, people ahead, the window that called it, whether it was rated. */
export async function followTicket(hall: Hall, id: number, token: string) {
  const t = await repo.findTicket(hall.db, id)
  if (!t || t.token !== token) throw errors.notFound('票号', id)
  const place = t.status === 'waiting' ? await queuePlace(hall, t) : { ahead: 0, estimatedWaitMinutes: 0 }
  const { ahead, estimatedWaitMinutes } = place
  const win = t.windowId ? await hall.db.selectFrom('windows').select(['number', 'name']).where('id', '=', t.windowId).executeTakeFirst() : undefined
  const category = await setup.findCategory(hall.db, t.categoryId)
  const rating = await hall.db.selectFrom('ratings').select(['score', 'addendum']).where('ticket_id', '=', t.id).executeTakeFirst()
  return {
    id: t.id, number: t.number, status: t.status, statusName: STATUS_NAMES[t.status], ahead, estimatedWaitMinutes, day: t.day,
    categoryName: category?.name ?? '', issuedAt: t.issuedAt, windowNumber: win?.number ?? null, windowName: win?.name ?? null,
    rated: !!rating, addendumAllowed: !!rating && isBadScore(rating.score) && rating.addendum === null, ratingNumber: `${TICKET_RATING_PREFIX}${t.id}`,
  }
}

/** What the kiosk shows: the center, whether it issues tickets now and why not, the categories with their items. */
export async function kiosk(hall: Hall, centerId: number) {
  const center = await setup.findHall(hall.db, centerId)
  if (!center) throw errors.notFound('中心', centerId)
  const now = chinaTime(hall.clock.now())
  const reason = closedReason({ ...center, centerActive: center.centerStatus === 'active', workday: await workday(hall, now.day), minutes: now.minutes })
  const [counts, items] = await Promise.all([
    repo.waitingCounts(hall.db, centerId, now.day),
    setup.listCategories(hall.db, centerId).then((cs) => setup.categoryItems(hall.db, cs.map((c) => c.id))),
  ])
  return {
    centerId, centerName: center.centerName, today: now.day, opens: center.opens, lunchStarts: center.lunchStarts, lunchEnds: center.lunchEnds, closes: center.closes, hours: hoursText(center), notice: center.notice,
    open: reason === null, closedReason: reason, closedMessage: reason ? CLOSED_MESSAGES[reason] : null,
    categories: counts.map((c) => ({
      id: c.categoryId, prefix: c.prefix, name: c.name, status: c.status, waiting: Number(c.waiting),
      items: items.filter((i) => i.categoryId === c.categoryId).map(({ id, name }) => ({ id, name })),
    })),
  }
}
