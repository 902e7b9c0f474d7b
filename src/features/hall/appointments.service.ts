// Appointments (预约): slots per center and category with capacities, closed on non-working days; booking from the
// public pages with a phone verification code; cancel and reschedule with the booking code; no-shows recorded.
import crypto from 'node:crypto'
import { AppError, errors } from '../../domain/errors.js'
import { bookingRefusal, chinaTime, daySlots, toHm, type BookingRefusal } from '../../domain/hall-time.js'
import type { Db } from '../../db/database.js'
import { maskPhone } from '../../domain/ticket-rules.js'
import * as repo from './appointments.repository.js'
import { failureOf } from '../messages/sender.js'
import { workday, type Hall } from './hall.context.js'
import * as setup from './setup.repository.js'
import { sql } from 'kysely'

const CODE_TTL_SECONDS = 600
const MAX_CODE_ATTEMPTS = 5
/** Appointments one phone may hold on one day (local practice). */
const APPOINTMENTS_PER_PHONE_PER_DAY = 2

const hash = (phone: string, code: string) => crypto.createHash('sha256').update(`${phone}:${code}`).digest('hex')
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('')

export async function requestCode(hall: Hall, phone: string) {
  const at = hall.clock.now()
  const day = chinaTime(at).day
  const code = digits(6)
  const { id } = await hall.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${'hall-code:' + phone}))`.execute(trx)
    const sent = await repo.codesToday(trx, phone, day)
    if (sent >= hall.codesPerPhonePerDay) {
      throw new AppError('locked', 'too_many_codes', `该手机号今天已获取 ${sent} 次验证码，请明天再试`, { retryAfterSeconds: secondsToMidnight(at) })
    }
    return repo.insertCode(trx, { phone, codeHash: hash(phone, code), day, at, expiresAt: new Date(at.getTime() + CODE_TTL_SECONDS * 1000) })
  })
  try {
    await hall.sender.send({
      id, ref: `c${id}`, caseId: null, phone, templateKey: 'code', params: { code },
      body: `【一站】您的预约验证码为 ${code}，${CODE_TTL_SECONDS / 60} 分钟内有效。`,
    })
  } catch (e) {
    await repo.deleteCode(hall.db, id)
    if (failureOf(e) === 'rejected') throw errors.validation([{ field: 'body.phone', message: '该号码无法接收短信，请换一个手机号' }])
    throw new AppError('locked', 'sms_unavailable', '短信暂时发不出去，请稍后再试', { retryAfterSeconds: 60 })
  }
  return { sent: true, expiresInSeconds: CODE_TTL_SECONDS }
}

function secondsToMidnight(at: Date): number {
  const { minutes } = chinaTime(at)
  return Math.max(60, (24 * 60 - minutes) * 60)
}

/** Check the phone's latest code; a wrong code counts against it and the code dies after five tries. */
async function consumeCode(trx: Db, phone: string, code: string, at: Date) {
  const row = await repo.lockLatestCode(trx, phone, at)
  if (!row || row.attempts >= MAX_CODE_ATTEMPTS) throw errors.validation([{ field: 'body.code', message: '验证码已失效，请重新获取' }])
  if (row.codeHash !== hash(phone, code)) {
    await repo.countAttempt(trx, row.id)
    throw errors.validation([{ field: 'body.code', message: '验证码错误' }])
  }
  await repo.useCode(trx, row.id, at)
}

const REFUSALS: Record<BookingRefusal, () => AppError> = {
  slot_unknown: () => errors.validation([{ field: 'body.start', message: '没有这个时段' }]),
  not_workday: () => errors.conflict('not_workday', '该日不是工作日，不办理预约'),
  slot_past: () => errors.conflict('slot_past', '该时段已过，不能预约'),
  too_far_ahead: () => errors.conflict('too_far_ahead', '只能预约最近 7 天内的时段'),
}

/** Lock the category, check the slot can be booked and has room. */
async function takeSlot(hall: Hall, trx: Db, o: { centerId: number; categoryId: number; day: string; start: string; exceptId?: number }) {
  const category = await setup.lockCategory(trx, o.categoryId)
  if (!category || category.centerId !== o.centerId || category.status === 'retired') {
    throw errors.validation([{ field: 'body.categoryId', message: '该中心没有这个取号类别' }])
  }
  const center = await setup.findHall(trx, o.centerId)
  if (!center || center.centerStatus !== 'active') throw errors.validation([{ field: 'body.centerId', message: '中心不存在或已停用' }])
  const slots = daySlots(center, center.slotMinutes)
  const refusal = bookingRefusal({ slots, start: o.start, day: o.day, workday: await workday(hall, o.day), now: chinaTime(hall.clock.now()), maxDaysAhead: hall.bookingDaysAhead })
  if (refusal) throw REFUSALS[refusal]()
  if ((await repo.countInSlot(trx, o.categoryId, o.day, o.start)) >= category.slotCapacity) {
    throw errors.conflict('slot_full', `${o.day} ${o.start} 的预约已满`)
  }
  return { category, center, slot: slots.find((s) => s.start === o.start)! }
}

export interface Booking { centerId: number; categoryId: number; day: string; start: string; phone: string; name?: string; code: string }

export async function book(hall: Hall, b: Booking) {
  const at = hall.clock.now()
  return hall.db.transaction().execute(async (trx) => {
    await consumeCode(trx, b.phone, b.code, at)
    const { category, center, slot } = await takeSlot(hall, trx, b)
    if ((await repo.bookedByPhone(trx, b.phone, b.day)) >= APPOINTMENTS_PER_PHONE_PER_DAY) {
      throw errors.conflict('too_many_appointments', `同一手机号每天最多预约 ${APPOINTMENTS_PER_PHONE_PER_DAY} 次`)
    }
    let bookingCode = digits(6)
    while (await repo.codeInUse(trx, b.centerId, bookingCode)) bookingCode = digits(6)
    const id = await repo.insertAppointment(trx, { ...b, name: b.name ?? '', slotStart: slot.start, slotEnd: slot.end, bookingCode, at })
    return { id, bookingCode, day: b.day, slotStart: slot.start, slotEnd: slot.end, categoryName: category.name, centerName: center.centerName, status: 'booked' as const }
  })
}

async function lockOwned(trx: Db, id: number, who: { phone: string; bookingCode: string }) {
  const a = await repo.lockAppointment(trx, id)
  if (!a || a.phone !== who.phone || a.bookingCode !== who.bookingCode) throw errors.notFound('预约', id)
  if (a.status !== 'booked') throw errors.conflict('appointment_not_booked', '该预约已签到、取消或记为爽约，不能修改')
  return a
}

export async function cancel(hall: Hall, id: number, who: { phone: string; bookingCode: string }) {
  return hall.db.transaction().execute(async (trx) => {
    await lockOwned(trx, id, who)
    await repo.setStatus(trx, id, 'cancelled', hall.clock.now())
    return { id, status: 'cancelled' as const }
  })
}

export async function reschedule(hall: Hall, id: number, who: { phone: string; bookingCode: string; day: string; start: string }) {
  return hall.db.transaction().execute(async (trx) => {
    const a = await lockOwned(trx, id, who)
    const { slot } = await takeSlot(hall, trx, { centerId: a.centerId, categoryId: a.categoryId, day: who.day, start: who.start })
    await repo.setSlot(trx, id, { day: who.day, slotStart: slot.start, slotEnd: slot.end })
    return { id, day: who.day, slotStart: slot.start, slotEnd: slot.end, status: 'booked' as const }
  })
}

/** The slots of a day with the room left in each; none on a non-working day. */
export async function slots(hall: Hall, centerId: number, categoryId: number, day: string) {
  const center = await setup.findHall(hall.db, centerId)
  const category = await setup.findCategory(hall.db, categoryId)
  if (!center) throw errors.notFound('中心', centerId)
  if (!category || category.centerId !== centerId || category.status === 'retired') throw errors.notFound('取号类别', categoryId)
  const open = await workday(hall, day)
  if (!open || center.centerStatus !== 'active') return { day, workday: open, slots: [] }
  const used = new Map((await repo.slotUsage(hall.db, categoryId, day)).map((u) => [u.start, Number(u.n)]))
  const now = chinaTime(hall.clock.now())
  return {
    day, workday: true,
    slots: daySlots(center, center.slotMinutes).map((s) => ({
      ...s, capacity: category.slotCapacity, left: Math.max(0, category.slotCapacity - (used.get(s.start) ?? 0)),
      past: day < now.day || (day === now.day && s.start <= toHm(now.minutes)),
    })),
  }
}

/** Staff view of a day's appointments; slots that ended without a check-in are recorded as no-shows first. */
export async function listAppointments(hall: Hall, centerId: number, day: string) {
  const now = chinaTime(hall.clock.now())
  await repo.markNoShows(hall.db, { day: now.day, hm: toHm(now.minutes) })
  const rows = await repo.listForCenter(hall.db, centerId, day)
  return rows.map(({ phone, bookingCode: _code, ...r }) => ({ ...r, phone: maskPhone(phone) }))
}
