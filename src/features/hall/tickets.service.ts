// Taking a number (取号) at the kiosk: by category or item, or by checking in an appointment. One transaction takes
// the next daily number, writes the ticket with its 'issued' event and tells the display boards.
import crypto from 'node:crypto'
import { errors } from '../../domain/errors.js'
import { arrival, chinaTime, closedReason, CLOSED_MESSAGES } from '../../domain/hall-time.js'
import { estimateWaitMinutes, ticketNumber, STATUS_NAMES } from '../../domain/ticket-rules.js'
import * as appts from './appointments.repository.js'
import { workday, type Hall } from './hall.context.js'
import * as setup from './setup.repository.js'
import * as repo from './tickets.repository.js'

/** By category or item (walk-in), or an appointment's check-in: its id and booking code, or the code alone. */
export interface TicketRequest { centerId: number; categoryId?: number; itemId?: number; appointmentId?: number; bookingCode?: string }

export async function issueTicket(hall: Hall, input: TicketRequest) {
  const at = hall.clock.now()
  const now = chinaTime(at)
  const open = await workday(hall, now.day)
  const issued = await hall.db.transaction().execute(async (trx) => {
    const center = await setup.findHall(trx, input.centerId)
    if (!center) throw errors.validation([{ field: 'body.centerId', message: `中心 ${input.centerId} 不存在` }])
    const reason = closedReason({ ...center, centerActive: center.centerStatus === 'active', workday: open, minutes: now.minutes })
    if (reason) throw errors.conflict(reason, CLOSED_MESSAGES[reason], { opens: center.opens, closes: center.closes })

    let priority = 1
    let categoryId = input.categoryId
    let appointmentId: number | null = null
    if (input.appointmentId !== undefined || input.bookingCode !== undefined) {
      const id = input.appointmentId ?? (await appts.findByCode(trx, input.centerId, input.bookingCode!))?.id
      const a = id === undefined ? undefined : await appts.lockAppointment(trx, id)
      if (!a || a.centerId !== input.centerId || a.bookingCode !== input.bookingCode) {
        throw errors.validation([{ field: 'body.bookingCode', message: '预约码与预约不符' }])
      }
      if (a.status === 'checked_in') throw errors.conflict('already_checked_in', '该预约已签到取号')
      if (a.status !== 'booked') throw errors.conflict('appointment_not_booked', '该预约已取消或已记为爽约')
      const when = arrival({ day: a.day, slotEnd: a.slotEnd, now })
      if (when === 'wrong_day') throw errors.conflict('appointment_not_today', `预约日期为 ${a.day}，请在当天签到`)
      if (categoryId !== undefined && categoryId !== a.categoryId) throw errors.validation([{ field: 'body.categoryId', message: '与预约的类别不同' }])
      categoryId = a.categoryId
      priority = when === 'on_time' ? 0 : 1
      appointmentId = a.id
      await appts.markCheckedIn(trx, a.id, at, when === 'late')
    }

    let category
    if (categoryId !== undefined) {
      category = await setup.findCategory(trx, categoryId)
      if (!category || category.centerId !== input.centerId || category.status === 'retired') {
        throw errors.validation([{ field: 'body.categoryId', message: '该中心没有这个取号类别' }])
      }
    } else if (input.itemId !== undefined) {
      if (!(await setup.itemOffered(trx, input.centerId, input.itemId))) {
        throw errors.invalid('item_not_offered', '本中心不办理该事项', { field: 'body.itemId' })
      }
      category = await setup.categoryForItem(trx, input.centerId, input.itemId)
      if (!category) throw errors.invalid('item_not_offered', '本中心大厅没有办理该事项的取号类别', { field: 'body.itemId' })
    } else {
      throw errors.validation([{ field: 'body.categoryId', message: '请选择取号类别或事项' }])
    }
    if (category.status === 'paused') throw errors.conflict('category_paused', `「${category.name}」暂停取号`)

    const seq = await repo.nextSeq(trx, category.id, now.day)
    const number = ticketNumber(category.prefix, seq)
    const token = crypto.randomBytes(9).toString('base64url')
    const id = await repo.insertTicket(trx, {
      centerId: input.centerId, categoryId: category.id, itemId: input.itemId ?? null, appointmentId,
      day: now.day, seq, number, token, priority, at,
    })
    return { id, number, token, priority, category, centerName: center.centerName }
  })
  hall.hub.committed({ c: input.centerId })
  const place = await queuePlace(hall, { id: issued.id, centerId: input.centerId, categoryId: issued.category.id, day: now.day, priority: issued.priority, queuedAt: at })
  return {
    id: issued.id, number: issued.number, token: issued.token, ...place,
    categoryName: issued.category.name, centerName: issued.centerName, issuedAt: at, appointment: issued.priority === 0,
  }
}

async function queuePlace(hall: Hall, t: Parameters<typeof repo.countAhead>[1]) {
  const [ahead, inputs] = await Promise.all([
    repo.countAhead(hall.db, t),
    repo.estimateInputs(hall.db, t.centerId, t.categoryId, new Date(hall.clock.now().getTime() - 7 * 86_400_000)),
  ])
  return { ahead, estimatedWaitMinutes: estimateWaitMinutes(ahead, inputs.serviceSeconds, inputs.windows) }
}

/** A ticket followed on a phone (the slip's QR code): its number, status, people ahead and the window that called it. */
export async function followTicket(hall: Hall, id: number, token: string) {
  const t = await repo.findTicket(hall.db, id)
  if (!t || t.token !== token) throw errors.notFound('票号', id)
  const place = t.status === 'waiting' ? await queuePlace(hall, t) : { ahead: 0, estimatedWaitMinutes: 0 }
  const win = t.windowId ? await hall.db.selectFrom('windows').select(['number', 'name']).where('id', '=', t.windowId).executeTakeFirst() : undefined
  const category = await setup.findCategory(hall.db, t.categoryId)
  return {
    id: t.id, number: t.number, status: t.status, statusName: STATUS_NAMES[t.status], ...place, day: t.day,
    categoryName: category?.name ?? '', issuedAt: t.issuedAt, windowNumber: win?.number ?? null, windowName: win?.name ?? null,
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
    centerId, centerName: center.centerName, today: now.day, opens: center.opens, closes: center.closes, notice: center.notice,
    open: reason === null, closedReason: reason, closedMessage: reason ? CLOSED_MESSAGES[reason] : null,
    categories: counts.map((c) => ({
      id: c.categoryId, prefix: c.prefix, name: c.name, status: c.status, waiting: Number(c.waiting),
      items: items.filter((i) => i.categoryId === c.categoryId).map(({ id, name }) => ({ id, name })),
    })),
  }
}
