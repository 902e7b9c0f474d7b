// Offline agency intakes: the receipt time is the device's (corrected and flagged beyond a 5-minute clock offset),
// refused in the future or older than the working days allowed (400 naming the field); the sync time is kept apart;
// a retry with a new deviceNow is the same case, a different body under the requestId 409; the offline number is an
// alias the progress lookup resolves; the room's own items under the town's 委托 start their legal clock at receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeItem } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-04T10:00:00+08:00') // a Wednesday
let seq = 0

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

function offline(receivedAt: string, deviceNow: string, over: Record<string, unknown> = {}) {
  seq += 1
  return { receivedAt, deviceNow, deviceId: 'DEV01', offlineNumber: `OFL-DEV01-${seq}`, queryCode: 'ABCDEF', ...over }
}
const send = (body: Record<string, unknown>) => w.agentA.client.post('/api/cases', body)
const agencyBody = (off: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: off, ...over })

describe('offline receipt time', () => {
  it('keeps the device receipt time, starts the hop and custody chain there, and keeps the sync time apart', async () => {
    clock.set('2026-03-04T10:00:00+08:00')
    const off = offline('2026-03-02T09:30:00+08:00', '2026-03-04T10:01:00+08:00')
    const res = await send(agencyBody(off))
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({ status: 'received', queryCode: 'ABCDEF', receivedAt: '2026-03-02T01:30:00.000Z' })
    const d = (await w.agentA.client.get(`/api/cases/${c.id}`)).json()
    expect(d.steps[0]).toMatchObject({ kind: 'handover', startDate: '2026-03-02', dueDate: '2026-03-05' }) // 3 working days from Monday
    expect(d.events[0].note).toContain('离线受理')
    const custody = (await w.agentA.client.get(`/api/cases/${c.id}/custody`)).json()
    expect(new Date(custody.handovers[0].at).toISOString()).toBe('2026-03-02T01:30:00.000Z')
    const r = await t.db.selectFrom('offline_receipts').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow()
    expect(r).toMatchObject({ offline_number: off.offlineNumber, corrected: false })
    expect(r.synced_at.toISOString()).toBe('2026-03-04T02:00:00.000Z')
    const byAlias = await t.app.inject({ url: `/api/public/progress?number=${off.offlineNumber}&code=ABCDEF` })
    expect(byAlias.statusCode, byAlias.body).toBe(200)
    expect(byAlias.json().number).toBe(c.number)
  })

  it('corrects a receipt by the device clock offset beyond five minutes and flags it', async () => {
    clock.set('2026-03-04T10:00:00+08:00')
    // the phone is 2 hours fast: it says 12:00 now and recorded the receipt at 11:00, i.e. 09:00 server time
    const res = await send(agencyBody(offline('2026-03-04T11:00:00+08:00', '2026-03-04T12:00:00+08:00')))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().receivedAt).toBe('2026-03-04T01:00:00.000Z')
    const r = await t.db.selectFrom('offline_receipts').select(['corrected', 'offset_ms']).where('case_id', '=', res.json().id).executeTakeFirstOrThrow()
    expect(r).toMatchObject({ corrected: true })
    expect(Number(r.offset_ms)).toBe(-7_200_000)
    expect((await w.agentA.client.get(`/api/cases/${res.json().id}`)).json().events[0].note).toContain('已按服务器时间校正')
  })

  it('refuses a receipt in the future or older than 3 working days, naming the field, and writes nothing', async () => {
    clock.set('2026-03-04T10:00:00+08:00')
    const before = await t.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const future = await send(agencyBody(offline('2026-03-04T10:30:00+08:00', '2026-03-04T10:00:00+08:00')))
    expect(future.statusCode).toBe(400)
    expect(future.json().error.details[0].field).toBe('body.offline.receivedAt')
    const old = await send(agencyBody(offline('2026-02-26T16:00:00+08:00', '2026-03-04T10:00:00+08:00'))) // Thursday: 4 working days
    expect(old.statusCode).toBe(400)
    expect(old.json().error.details[0].field).toBe('body.offline.receivedAt')
    const clerk = await w.townAClerk.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.townA.id, offline: offline('2026-03-04T09:00:00+08:00', '2026-03-04T10:00:00+08:00') }))
    expect(clerk.statusCode).toBe(400)
    expect(clerk.json().error.details[0].field).toBe('body.offline')
    const after = await t.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('a retry with a later deviceNow is the same case (200); another body under the requestId or a taken offline number is 409', async () => {
    clock.set('2026-03-04T10:00:00+08:00')
    const off = offline('2026-03-04T08:00:00+08:00', '2026-03-04T10:00:00+08:00')
    const body = agencyBody(off)
    const first = await send(body)
    expect(first.statusCode).toBe(201)
    clock.set('2026-03-09T10:00:00+08:00') // the answer was lost; the phone retries days later
    const retry = await send({ ...body, offline: { ...off, deviceNow: '2026-03-09T10:00:05+08:00' } })
    expect(retry.statusCode, retry.body).toBe(200)
    expect(retry.json().id).toBe(first.json().id)
    const changed = await send({ ...body, applicant: { ...body.applicant, name: '李四' }, offline: { ...off, deviceNow: '2026-03-09T10:00:05+08:00' } })
    expect(changed.statusCode).toBe(409)
    expect(changed.json().error.code).toBe('request_id_reused')
    clock.set('2026-03-04T11:00:00+08:00')
    const taken = await send(agencyBody({ ...offline('2026-03-04T09:00:00+08:00', '2026-03-04T11:00:00+08:00'), offlineNumber: off.offlineNumber }))
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error.code).toBe('offline_number_taken')
  })

  it('an item the village room accepts itself under the town\'s 委托 starts its legal clock at receipt', async () => {
    clock.set('2026-03-04T10:00:00+08:00')
    const own = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.villageA.id], promisedDays: 5, legalDays: 20 })
    const res = await send(intakeBody(w, own, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: offline('2026-03-02T09:00:00+08:00', '2026-03-04T10:00:00+08:00') }))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ status: 'accepted', acceptedOn: '2026-03-02', dueDate: '2026-03-09' })
  })
})
