// Tickets at the kiosk and calling at the window: numbers, closed halls, the queue order, the ticket's timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { demoDistrict, TestClock, TUESDAY_10 } from '../helpers/hall.js'
import { offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
let manager: Client
let clerk1: Client
let clerk2: Client
let d: Awaited<ReturnType<typeof demoDistrict>>
let catA: number
let catB: number
const clock = new TestClock(new Date(TUESDAY_10))

const take = (body: object) => t.app.inject({ method: 'POST', url: '/api/tickets', payload: body })

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  d = await demoDistrict(t.db)
  manager = await t.login('district.manager1')
  clerk1 = await t.login('district.clerk1')
  clerk2 = await t.login('district.clerk2')
  const a = await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'A', name: '综合受理', itemIds: [d.itemIds[0]] })
  expect(a.statusCode).toBe(201)
  catA = a.json().id
  const b = await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'B', name: '社保医保', itemIds: [d.itemIds[1]] })
  catB = b.json().id
  expect((await manager.put(`/api/hall/windows/${d.windowIds[0]}/categories`, { categoryIds: [catA] })).statusCode).toBe(200)
  expect((await manager.put(`/api/hall/windows/${d.windowIds[1]}/categories`, { categoryIds: [catA, catB] })).statusCode).toBe(200)
})
afterAll(() => t.close())

describe('taking a number', () => {
  it('numbers each category from 001 with the people ahead and an estimated wait', async () => {
    const first = await take({ centerId: d.center.id, categoryId: catA })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ number: 'A001', ahead: 0, estimatedWaitMinutes: 0, categoryName: '综合受理' })
    const second = await take({ centerId: d.center.id, categoryId: catA })
    expect(second.json()).toMatchObject({ number: 'A002', ahead: 1 })
    expect(second.json().estimatedWaitMinutes).toBeGreaterThan(0)
    const byItem = await take({ centerId: d.center.id, itemId: d.itemIds[1] })
    expect(byItem.json()).toMatchObject({ number: 'B001', ahead: 0 })
    const events = await t.db.selectFrom('ticket_events').select(['action']).where('ticket_id', '=', first.json().id).execute()
    expect(events.map((e) => e.action)).toEqual(['issued'])
  })

  it('follows a ticket by its id and token (the slip\'s QR code), never without the token', async () => {
    const made = (await take({ centerId: d.center.id, categoryId: catB })).json()
    const res = await t.app.inject({ url: `/api/public/tickets/${made.id}?token=${made.token}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ number: made.number, status: 'waiting', statusName: '等候中', ahead: 1 })
    expect((await t.app.inject({ url: `/api/public/tickets/${made.id}?token=wrong` })).statusCode).toBe(404)
  })

  it('gives unique numbers without gaps under concurrency', async () => {
    const k = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'C', name: '并发测试' })).json().id
    const results = await Promise.all(Array.from({ length: 40 }, () => take({ centerId: d.center.id, categoryId: k })))
    expect(results.every((r) => r.statusCode === 201)).toBe(true)
    const numbers = results.map((r) => r.json().number as string).sort()
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => 'C' + String(i + 1).padStart(3, '0')))
  })

  it('refuses an item the center does not offer with 400, and names the field', async () => {
    const res = await take({ centerId: d.center.id, itemId: d.notOffered })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'item_not_offered', details: { field: 'body.itemId' } })
    expect((await take({ centerId: d.center.id })).statusCode).toBe(400)
    expect((await take({ centerId: d.center.id, categoryId: 'x' })).statusCode).toBe(400)
  })

  it('refuses with 409 and the reason outside opening hours, over lunch, on a day off, for a paused category or a closed hall', async () => {
    // the demo district center's hours (the one source, hall_settings): 08:30–12:00, 14:00–17:30
    clock.set('2026-03-10T08:29:00+08:00')
    expect((await take({ centerId: d.center.id, categoryId: catA })).json().error.code).toBe('before_opening')
    clock.set('2026-03-10T12:30:00+08:00')
    const lunch = await take({ centerId: d.center.id, categoryId: catA })
    expect(lunch.statusCode).toBe(409)
    expect(lunch.json().error).toMatchObject({ code: 'lunch_break', details: { lunchStarts: '12:00', lunchEnds: '14:00' } })
    expect((await t.app.inject({ method: 'GET', url: `/api/public/centers/${d.center.id}/kiosk` })).json()).toMatchObject({ open: false, closedReason: 'lunch_break', opens: '08:30', lunchStarts: '12:00', lunchEnds: '14:00', closes: '17:30' })
    clock.set('2026-03-10T17:30:00+08:00')
    expect((await take({ centerId: d.center.id, categoryId: catA })).json().error.code).toBe('after_closing')
    clock.set('2026-03-15T10:00:00+08:00') // a Sunday
    const sunday = await take({ centerId: d.center.id, categoryId: catA })
    expect(sunday.statusCode).toBe(409)
    expect(sunday.json().error.code).toBe('not_workday')
    clock.set(TUESDAY_10)

    const k = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'P', name: '暂停类别' })).json().id
    expect((await manager.patch(`/api/hall/categories/${k}`, { status: 'paused' })).statusCode).toBe(200)
    const paused = await take({ centerId: d.center.id, categoryId: k })
    expect(paused.statusCode).toBe(409)
    expect(paused.json().error.code).toBe('category_paused')

    expect((await manager.patch(`/api/hall/centers/${d.center.id}`, { closed: true })).statusCode).toBe(200)
    expect((await take({ centerId: d.center.id, categoryId: catA })).json().error.code).toBe('hall_closed')
    expect((await manager.patch(`/api/hall/centers/${d.center.id}`, { closed: false })).statusCode).toBe(200)
    const last = await t.db.selectFrom('ticket_counters').select('last').where('category_id', '=', k).executeTakeFirst()
    expect(last).toBeUndefined() // refused tickets took no number
  })
})

describe('calling', () => {
  it('calls by the window\'s categories and arrival, and records the timeline and the display event', async () => {
    const res = await clerk1.post(`/api/windows/${d.windowIds[0]}/call-next`)
    expect(res.statusCode).toBe(200)
    const ticket = res.json().ticket
    expect(ticket).toMatchObject({ number: 'A001', status: 'called', windowId: d.windowIds[0], calls: 1 })
    const shown = await t.db.selectFrom('hall_display_events').select(['kind', 'data']).where('center_id', '=', d.center.id).where('kind', '=', 'call').execute()
    expect(shown.at(-1)!.data).toMatchObject({ number: 'A001', windowNumber: '1', text: '请A001号到1号窗口办理' })

    const busy = await clerk1.post(`/api/windows/${d.windowIds[0]}/call-next`)
    expect(busy.statusCode).toBe(409)
    expect(busy.json().error.code).toBe('window_busy')

    clock.advance(60_000)
    expect((await clerk1.post(`/api/tickets/${ticket.id}/actions/start`)).json().status).toBe('serving')
    clock.advance(4 * 60_000)
    const done = (await clerk1.post(`/api/tickets/${ticket.id}/actions/finish`)).json()
    expect(done.status).toBe('done')
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['issued', 'called', 'started', 'finished'])
    expect(new Date(done.finishedAt).getTime() - new Date(done.startedAt).getTime()).toBe(4 * 60_000)
  })

  it('recalls, and marks a no-show only after the configured number of calls', async () => {
    const ticket = (await clerk1.post(`/api/windows/${d.windowIds[0]}/call-next`)).json().ticket
    expect(ticket.number).toBe('A002')
    const early = await clerk1.post(`/api/tickets/${ticket.id}/actions/noShow`)
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toMatchObject({ code: 'not_enough_calls', details: { calls: 1, needed: 3 } })
    await clerk1.post(`/api/tickets/${ticket.id}/actions/recall`)
    expect((await clerk1.post(`/api/tickets/${ticket.id}/actions/recall`)).json().calls).toBe(3)
    const gone = await clerk1.post(`/api/tickets/${ticket.id}/actions/noShow`)
    expect(gone.json()).toMatchObject({ status: 'no_show' })
    const wrong = await clerk1.post(`/api/tickets/${ticket.id}/actions/start`)
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().error.code).toBe('invalid_transition')
  })

  it('transfers to another window keeping the ticket\'s place, and links the case it produced', async () => {
    const early = (await take({ centerId: d.center.id, categoryId: catA })).json()
    clock.advance(60_000)
    const later = (await take({ centerId: d.center.id, categoryId: catA })).json()
    const called = (await clerk1.post(`/api/windows/${d.windowIds[0]}/call-next`)).json().ticket
    expect(called.id).toBe(early.id)
    const moved = await clerk1.post(`/api/tickets/${early.id}/actions/transfer`, { windowId: d.windowIds[1] })
    expect(moved.json()).toMatchObject({ status: 'waiting', targetWindowId: d.windowIds[1], queuedAt: called.queuedAt })
    // Window 2 serves its queue in order of arrival: the B tickets taken before, then the transferred one, before `later`.
    const seen: number[] = []
    for (;;) {
      const next = (await clerk2.post(`/api/windows/${d.windowIds[1]}/call-next`)).json().ticket
      seen.push(next.id)
      if (next.id === early.id) break
      await clerk2.post(`/api/tickets/${next.id}/actions/start`)
      await clerk2.post(`/api/tickets/${next.id}/actions/finish`)
    }
    expect(seen).not.toContain(later.id)
    await clerk2.post(`/api/tickets/${early.id}/actions/start`)
    expect((await clerk2.post(`/api/tickets/${early.id}/actions/link`, { caseNumber: 'QX2026031000001' })).statusCode).toBe(400) // no such case
    const produced = (await recordCase(clerk2, d.center.id, await offeredItem(t.db, d.center.id, 'immediate'), { complete: true })).number
    const linked = await clerk2.post(`/api/tickets/${early.id}/actions/link`, { caseNumber: produced })
    expect(linked.statusCode).toBe(200)
    expect(linked.json().caseRef).toBe(produced)
    expect(linked.json().timeline.map((e: { action: string }) => e.action)).toEqual(['issued', 'called', 'transferred', 'called', 'started', 'linked'])
    await clerk2.post(`/api/tickets/${early.id}/actions/finish`)
  })

  it('answers 204 when nobody waits, and refuses to call at a paused window', async () => {
    const k = (await manager.post('/api/hall/categories', { centerId: d.center.id, prefix: 'E', name: '空类别' })).json().id
    await manager.put(`/api/hall/windows/${d.windowIds[2]}/categories`, { categoryIds: [k] })
    const clerk3 = await t.login('district.clerk3')
    expect((await clerk3.post(`/api/windows/${d.windowIds[2]}/call-next`)).statusCode).toBe(204)
    expect((await clerk3.post(`/api/windows/${d.windowIds[2]}/pause`, { paused: true })).json().window.status).toBe('paused')
    const res = await clerk3.post(`/api/windows/${d.windowIds[2]}/call-next`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('window_not_open')
    await clerk3.post(`/api/windows/${d.windowIds[2]}/pause`, { paused: false })
  })
})

describe('statistics', () => {
  it('counts tickets, wait, service time and no-shows per day and per window', async () => {
    const res = await manager.get('/api/hall/stats?from=2026-03-10&to=2026-03-10&by=window')
    expect(res.statusCode).toBe(200)
    const w1 = res.json().rows.find((r: { key: string }) => r.key === String(d.windowIds[0]))
    expect(w1).toMatchObject({ tickets: 2, served: 1, noShows: 1, avgServiceSeconds: 240 })
    const byDay = (await manager.get('/api/hall/stats?from=2026-03-10&to=2026-03-10')).json().rows
    expect(byDay[0].tickets).toBeGreaterThan(40)
    expect(byDay[0].p90WaitSeconds).toBeGreaterThanOrEqual(byDay[0].avgWaitSeconds)
  })
})

describe('permissions', () => {
  it('a clerk of another center cannot call at this center\'s window (403), nobody anonymous (401)', async () => {
    const town = await t.login('donggou.clerk1')
    const res = await town.post(`/api/windows/${d.windowIds[0]}/call-next`)
    expect(res.statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: `/api/windows/${d.windowIds[0]}/call-next` })).statusCode).toBe(401)
    const other = await t.login('donggou.manager')
    expect((await other.post('/api/hall/categories', { centerId: d.center.id, prefix: 'Z', name: '越权' })).statusCode).toBe(403)
    expect((await clerk1.post('/api/hall/categories', { centerId: d.center.id, prefix: 'Z', name: '越权' })).statusCode).toBe(403)
    expect((await other.get('/api/hall/stats?from=2026-03-10&to=2026-03-10&centerId=' + d.center.id)).statusCode).toBe(403)
  })
})
