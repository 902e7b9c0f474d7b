// Appointments: phone codes (and their daily limit), slots and capacities, cancel and reschedule, check-in at the
// kiosk ahead of walk-ins, late arrivals and no-shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { CapturingSender, demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'
import { providerSender } from '../../src/features/messages/providers/choose.js'
import { STANDIN, standinTemplates, startSmsStandin } from '../helpers/sms-standin.js'

let t: TestApp
let manager: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let cat: number
const clock = new TestClock(new Date(TUESDAY_10))
const sms = new CapturingSender()
const WEDNESDAY = '2026-03-11'

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload })

async function book(phone: string, start: string, day = WEDNESDAY, categoryId = cat) {
  expect((await post('/api/public/appointments/codes', { phone })).statusCode).toBe(202)
  return post('/api/public/appointments', { centerId: d.center.id, categoryId, day, start, phone, code: sms.lastCode(phone), name: '张三' })
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock, smsSender: sms })
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  cat = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'Y', name: '预约业务', slotCapacity: 2 })).json().id
  await manager.put(`/api/hall/windows/${d.windowIds[0]}/categories`, { categoryIds: [cat] })
})
afterAll(() => t.close())

describe('verification codes', () => {
  it('sends a code through the sender and refuses the sixth of a day with 429', async () => {
    const phone = '13800000001'
    for (let i = 0; i < 5; i++) expect((await post('/api/public/appointments/codes', { phone })).statusCode).toBe(202)
    expect(sms.lastCode(phone)).toMatch(/^\d{6}$/)
    const res = await post('/api/public/appointments/codes', { phone })
    expect(res.statusCode).toBe(429)
    expect(res.json().error.code).toBe('too_many_codes')
    expect(res.headers['retry-after']).toBeDefined()
    const stored = await t.db.selectFrom('hall_phone_codes').select('code_hash').where('phone', '=', phone).execute()
    expect(stored).toHaveLength(5)
    expect(stored.every((s) => !/^\d{6}$/.test(s.code_hash))).toBe(true) // only hashes are kept
  })

  it('refuses a wrong code (400 on body.code) and a bad phone number', async () => {
    const phone = '13800000002'
    await post('/api/public/appointments/codes', { phone })
    const res = await post('/api/public/appointments', { centerId: d.center.id, categoryId: cat, day: WEDNESDAY, start: '10:00', phone, code: '000000' === sms.lastCode(phone) ? '111111' : '000000' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].field).toBe('body.code')
    expect((await post('/api/public/appointments/codes', { phone: '12345' })).statusCode).toBe(400)
  })
})

describe('verification codes through an SMS provider (the outbox\'s one sender)', () => {
  it.each(['aliyun', 'tencent'] as const)('%s: the code goes out as the filed code template; throttled → 429 and refused → 400 count against nothing', async (provider) => {
    const standin = await startSmsStandin()
    sms.through = providerSender({
      provider, keyId: STANDIN.keyId, keySecret: STANDIN.keySecret, signName: STANDIN.signName, sdkAppId: STANDIN.sdkAppId, region: 'ap-guangzhou',
      endpoint: standin.url, templates: standinTemplates(provider),
    })
    try {
      const phone = provider === 'aliyun' ? '13800000011' : '13800000012'
      expect((await post('/api/public/appointments/codes', { phone })).statusCode).toBe(202)
      expect(standin.received).toMatchObject([{ answer: 'ok', kind: 'code', phone, vars: { code: sms.lastCode(phone) } }])
      const codes = () => t.db.selectFrom('hall_phone_codes').select('id').where('phone', '=', phone).execute()
      standin.script('throttled')
      const busy = await post('/api/public/appointments/codes', { phone })
      expect(busy.statusCode).toBe(429)
      expect(busy.json().error.code).toBe('sms_unavailable')
      expect(busy.headers['retry-after']).toBe('60')
      standin.script('rejected')
      const refused = await post('/api/public/appointments/codes', { phone })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error.details[0].field).toBe('body.phone')
      expect(await codes()).toHaveLength(1)
    } finally {
      sms.through = null
      await standin.close()
    }
  })
})

describe('booking', () => {
  it('lists the day\'s slots with the room left, none on a day off', async () => {
    const res = await t.app.inject({ url: `/api/public/centers/${d.center.id}/slots?categoryId=${cat}&day=${WEDNESDAY}` })
    expect(res.json().slots[0]).toMatchObject({ start: '08:30', end: '09:00', capacity: 2, left: 2, past: false })
    const sunday = await t.app.inject({ url: `/api/public/centers/${d.center.id}/slots?categoryId=${cat}&day=2026-03-15` })
    expect(sunday.json()).toMatchObject({ workday: false, slots: [] })
  })

  it('books with the code; a full slot, a past slot and a day off are 409', async () => {
    const a = await book('13800000003', '10:30')
    expect(a.statusCode).toBe(201)
    expect(a.json()).toMatchObject({ day: WEDNESDAY, slotStart: '10:30', slotEnd: '11:00', status: 'booked' })
    expect(a.json().bookingCode).toMatch(/^\d{6}$/)
    expect((await book('13800000004', '10:30')).statusCode).toBe(201)
    const full = await book('13800000005', '10:30')
    expect(full.statusCode).toBe(409)
    expect(full.json().error.code).toBe('slot_full')
    const past = await book('13800000005', '09:30', '2026-03-10')
    expect(past.statusCode).toBe(409)
    expect(past.json().error.code).toBe('slot_past')
    const sunday = await book('13800000005', '09:30', '2026-03-15')
    expect(sunday.json().error.code).toBe('not_workday')
  })

  it('cancels and reschedules with the booking code; a cancelled slot frees its room', async () => {
    const a = (await book('13800000006', '11:00')).json()
    const who = { phone: '13800000006', bookingCode: a.bookingCode }
    expect((await post(`/api/public/appointments/${a.id}/reschedule`, { ...who, day: WEDNESDAY, start: '14:00' })).json()).toMatchObject({ slotStart: '14:00' })
    expect((await post(`/api/public/appointments/${a.id}/cancel`, { phone: who.phone, bookingCode: '999999' === who.bookingCode ? '888888' : '999999' })).statusCode).toBe(404)
    expect((await post(`/api/public/appointments/${a.id}/cancel`, who)).json().status).toBe('cancelled')
    expect((await post(`/api/public/appointments/${a.id}/cancel`, who)).statusCode).toBe(409)
  })
})

describe('check-in', () => {
  it('turns an appointment into a ticket ahead of walk-ins; a second check-in is 409', async () => {
    clock.set(`${WEDNESDAY}T10:00:00+08:00`)
    const walkIn = (await post('/api/tickets', { centerId: d.center.id, categoryId: cat })).json()
    clock.set(`${WEDNESDAY}T10:20:00+08:00`)
    const appt = (await t.db.selectFrom('hall_appointments').select(['id', 'booking_code']).where('phone', '=', '13800000003').executeTakeFirstOrThrow())
    const res = await post('/api/tickets', { centerId: d.center.id, bookingCode: appt.booking_code })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ appointment: true, ahead: 0 })
    expect(walkIn.number).toBe('Y001')
    expect(res.json().number).toBe('Y002')
    const again = await post('/api/tickets', { centerId: d.center.id, appointmentId: appt.id, bookingCode: appt.booking_code })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('already_checked_in')

    const clerk = await t.login('district.clerk1')
    const called = (await clerk.post(`/api/windows/${d.windowIds[0]}/call-next`)).json().ticket
    expect(called.number).toBe('Y002') // the appointment, though the walk-in came first
  })

  it('records a late arrival (after the slot) as a walk-in, and unclaimed slots as no-shows', async () => {
    clock.set(`${WEDNESDAY}T11:05:00+08:00`)
    const appt = await t.db.selectFrom('hall_appointments').select(['id', 'booking_code']).where('phone', '=', '13800000004').executeTakeFirstOrThrow()
    const res = await post('/api/tickets', { centerId: d.center.id, bookingCode: appt.booking_code })
    expect(res.json()).toMatchObject({ appointment: false })
    expect((await t.db.selectFrom('hall_appointments').select(['status', 'late']).where('id', '=', appt.id).executeTakeFirstOrThrow())).toEqual({ status: 'checked_in', late: true })

    clock.set('2026-03-12T09:00:00+08:00')
    await t.db.insertInto('hall_appointments').values({
      center_id: d.center.id, category_id: cat, day: WEDNESDAY, slot_start: '15:00', slot_end: '15:30', phone: '13800000009', booking_code: '123456', created_at: new Date(),
    }).execute()
    const list = await manager.get(`/api/hall/appointments?centerId=${d.center.id}&day=${WEDNESDAY}`)
    expect(list.statusCode).toBe(200)
    const noShow = list.json().appointments.find((a: { slotStart: string }) => a.slotStart === '15:00')
    expect(noShow).toMatchObject({ status: 'no_show', phone: '138****0009' })
  })
})
