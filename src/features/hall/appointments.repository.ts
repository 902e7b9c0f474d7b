// SQL for appointments (预约) and the phone verification codes that confirm them.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import type { AppointmentStatus } from '../../db/schema.js'

const columns = [
  'a.id', 'a.center_id as centerId', 'a.category_id as categoryId', 'a.day', 'a.slot_start as slotStart', 'a.slot_end as slotEnd',
  'a.phone', 'a.name', 'a.booking_code as bookingCode', 'a.status', 'a.late', 'a.created_at as createdAt', 'a.checked_in_at as checkedInAt',
] as const

export function findAppointment(db: Db, id: number) {
  return db.selectFrom('hall_appointments as a').select([...columns]).where('a.id', '=', id).executeTakeFirst()
}

export function lockAppointment(trx: Db, id: number) {
  return trx.selectFrom('hall_appointments as a').select([...columns]).where('a.id', '=', id).forUpdate().executeTakeFirst()
}

/** The appointment a code names at a center (the kiosk's check-in): a booked one first, else the latest. */
export function findByCode(db: Db, centerId: number, bookingCode: string) {
  return db.selectFrom('hall_appointments as a').select([...columns]).where('a.center_id', '=', centerId)
    .where('a.booking_code', '=', bookingCode).orderBy(sql`a.status = 'booked'`, 'desc').orderBy('a.id', 'desc').executeTakeFirst()
}

export async function codeInUse(db: Db, centerId: number, bookingCode: string): Promise<boolean> {
  return !!(await db.selectFrom('hall_appointments').select('id').where('center_id', '=', centerId)
    .where('booking_code', '=', bookingCode).where('status', '=', 'booked').executeTakeFirst())
}

export async function bookedByPhone(db: Db, phone: string, day: string): Promise<number> {
  const r = await db.selectFrom('hall_appointments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone', '=', phone).where('day', '=', day).where('status', 'in', ['booked', 'checked_in']).executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function countInSlot(db: Db, categoryId: number, day: string, slotStart: string): Promise<number> {
  const r = await db.selectFrom('hall_appointments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', categoryId).where('day', '=', day).where('slot_start', '=', slotStart)
    .where('status', '<>', 'cancelled').executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Booked (not cancelled) appointments per slot of a category on a day. */
export function slotUsage(db: Db, categoryId: number, day: string) {
  return db.selectFrom('hall_appointments').select(['slot_start as start', (eb) => eb.fn.countAll<number>().as('n')])
    .where('category_id', '=', categoryId).where('day', '=', day).where('status', '<>', 'cancelled')
    .groupBy('slot_start').execute()
}

export async function insertAppointment(trx: Db, a: { centerId: number; categoryId: number; day: string; slotStart: string; slotEnd: string; phone: string; name: string; bookingCode: string; at: Date }) {
  const { id } = await trx.insertInto('hall_appointments').values({
    center_id: a.centerId, category_id: a.categoryId, day: a.day, slot_start: a.slotStart, slot_end: a.slotEnd,
    phone: a.phone, name: a.name, booking_code: a.bookingCode, created_at: a.at,
  }).returning('id').executeTakeFirstOrThrow()
  return id
}

export function setSlot(trx: Db, id: number, slot: { day: string; slotStart: string; slotEnd: string }) {
  return trx.updateTable('hall_appointments').set({ day: slot.day, slot_start: slot.slotStart, slot_end: slot.slotEnd }).where('id', '=', id).execute()
}

export function setStatus(trx: Db, id: number, status: AppointmentStatus, at: Date) {
  return trx.updateTable('hall_appointments').set({ status, ...(status === 'cancelled' ? { cancelled_at: at } : {}) }).where('id', '=', id).execute()
}

export function markCheckedIn(trx: Db, id: number, at: Date, late: boolean) {
  return trx.updateTable('hall_appointments').set({ status: 'checked_in', checked_in_at: at, late }).where('id', '=', id).execute()
}

/** Booked appointments whose slot has ended without a check-in become no-shows. */
export async function markNoShows(db: Db, now: { day: string; hm: string }): Promise<number> {
  const r = await db.updateTable('hall_appointments').set({ status: 'no_show' }).where('status', '=', 'booked')
    .where((eb) => eb.or([eb('day', '<', now.day), eb.and([eb('day', '=', now.day), eb('slot_end', '<=', now.hm)])]))
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export function listForCenter(db: Db, centerId: number, day: string) {
  return db.selectFrom('hall_appointments as a').innerJoin('hall_categories as k', 'k.id', 'a.category_id')
    .select([...columns, 'k.name as categoryName']).where('a.center_id', '=', centerId).where('a.day', '=', day)
    .orderBy('a.slot_start').orderBy('a.id').execute()
}

// ── verification codes
export async function codesToday(db: Db, phone: string, day: string): Promise<number> {
  const r = await db.selectFrom('hall_phone_codes').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone', '=', phone).where('day', '=', day).executeTakeFirstOrThrow()
  return Number(r.n)
}

export function insertCode(trx: Db, c: { phone: string; codeHash: string; day: string; at: Date; expiresAt: Date }) {
  return trx.insertInto('hall_phone_codes').values({ phone: c.phone, code_hash: c.codeHash, day: c.day, created_at: c.at, expires_at: c.expiresAt })
    .returning('id').executeTakeFirstOrThrow()
}

/** A code the provider did not take: it never reached the phone, so it counts against nothing. */
export function deleteCode(db: Db, id: number) {
  return db.deleteFrom('hall_phone_codes').where('id', '=', id).execute()
}

/** The phone's latest unused, unexpired code, locked. */
export function lockLatestCode(trx: Db, phone: string, at: Date) {
  return trx.selectFrom('hall_phone_codes').select(['id', 'code_hash as codeHash', 'attempts'])
    .where('phone', '=', phone).where('used_at', 'is', null).where('expires_at', '>', at)
    .orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst()
}

export function useCode(trx: Db, id: number, at: Date) {
  return trx.updateTable('hall_phone_codes').set({ used_at: at }).where('id', '=', id).execute()
}

export function countAttempt(db: Db, id: number) {
  return db.updateTable('hall_phone_codes').set({ attempts: sql`attempts + 1` }).where('id', '=', id).execute()
}
