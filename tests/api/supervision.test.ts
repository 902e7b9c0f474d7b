// 电子监察 over HTTP: a step turns yellow then red on the clock, lists grouped by center/department/window/person in
// the jurisdiction, per-center thresholds, 督办 notices acknowledged by the responsible person, the manager's digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
let clerk: Client
let lz: { id: number }
let c: Awaited<ReturnType<typeof recordCase>>
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  lz = await centerByName(t.db, '梁子镇便民服务中心')
  clerk = await t.login('liangzi.clerk1')
  c = await recordCase(clerk, lz.id, await offeredItem(t.db, lz.id, 'promised'))
})
afterAll(() => t.close())

const stepDue = async () => (await t.db.selectFrom('case_steps').select('due_date').where('case_id', '=', c.id).where('done_at', 'is', null).executeTakeFirstOrThrow()).due_date!
const lightsFor = async (client: Client, q = '') => (await client.get(`/api/supervision/lights${q}`)).json()
const mine = (board: { steps: { caseId: number; light: string }[] }) => board.steps.find((s) => s.caseId === c.id)?.light ?? 'green'

describe('lights', () => {
  it('green on acceptance, yellow on the due day, red the day after; grouped by center, department, window and person', async () => {
    const sup = await t.login('liangzi.supervisor')
    expect(mine(await lightsFor(sup))).toBe('green')
    const due = await stepDue()
    clock.set(`${due}T09:00:00+08:00`)
    expect(mine(await lightsFor(sup))).toBe('yellow')
    const next = new Date(Date.parse(`${due}T09:00:00+08:00`) + 86400_000 * 3).toISOString() // three days later: surely after a working day
    clock.set(next)
    const board = await lightsFor(sup)
    expect(mine(board)).toBe('red')
    expect(board.totals.red).toBeGreaterThanOrEqual(1)
    expect(board.byCenter.find((g: { name: string }) => g.name === '梁子镇便民服务中心').red).toBeGreaterThanOrEqual(1)
    expect(board.byDepartment.length).toBeGreaterThan(0)
    expect(board.byWindow.length).toBeGreaterThan(0)
    expect(board.byPerson.length).toBeGreaterThan(0)
    expect((await lightsFor(sup, '?light=yellow')).steps.every((s: { light: string }) => s.light === 'yellow')).toBe(true)
    clock.set('2026-03-02T09:00:00+08:00')
  })

  it('per-center thresholds: 5 working days left counts as yellow once the manager sets it', async () => {
    const sup = await t.login('liangzi.supervisor')
    const manager = await t.login('liangzi.manager')
    const put = await manager.put(`/api/supervision/settings/${lz.id}`, { yellowDaysLeft: 30, yellowUsedShare: 0.8, callbackDays: 1, fixDays: 15 })
    expect(put.statusCode).toBe(200)
    expect(mine(await lightsFor(sup))).toBe('yellow')
    await manager.put(`/api/supervision/settings/${lz.id}`, { yellowDaysLeft: 1, yellowUsedShare: 0.8, callbackDays: 1, fixDays: 15 })
    expect(mine(await lightsFor(sup))).toBe('green')
    const bad = await manager.put(`/api/supervision/settings/${lz.id}`, { yellowDaysLeft: -1, yellowUsedShare: 2, callbackDays: 1, fixDays: 0 })
    expect(bad.statusCode).toBe(400)
  })
})

describe('督办 notices', () => {
  it('a supervisor sends one; the responsible person acknowledges it once; both recorded', async () => {
    const sup = await t.login('liangzi.supervisor')
    const res = await sup.post('/api/supervision/notices', { caseId: c.id, message: '请于明日前办结' })
    expect(res.statusCode).toBe(201)
    const n = res.json()
    const recipient = await t.db.selectFrom('users').select(['username']).where('id', '=', n.recipientId).executeTakeFirstOrThrow()
    const them = await t.login(recipient.username)
    expect((await them.get('/api/supervision/notices?mine=true')).json().notices.map((x: { id: number }) => x.id)).toContain(n.id)
    const other = await t.login('liangzi.clerk2')
    if (recipient.username !== 'liangzi.clerk2') expect((await other.post(`/api/supervision/notices/${n.id}/acknowledge`, { note: '收到' })).statusCode).toBe(403)
    const ack = await them.post(`/api/supervision/notices/${n.id}/acknowledge`, { note: '收到，今天办' })
    expect(ack.statusCode).toBe(200)
    expect(ack.json()).toMatchObject({ ackNote: '收到，今天办' })
    expect(ack.json().acknowledgedAt).toBeTruthy()
    expect((await them.post(`/api/supervision/notices/${n.id}/acknowledge`, {})).statusCode).toBe(409)
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'case').where('entity_id', '=', String(c.id)).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['supervision.notice', 'supervision.acknowledge']))
  })

  it('the manager\'s digest counts today\'s lights and unanswered notices', async () => {
    const sup = await t.login('liangzi.supervisor')
    await sup.post('/api/supervision/notices', { caseId: c.id, message: '请加快' })
    const d = (await (await t.login('liangzi.manager')).get('/api/supervision/digest')).json()
    expect(d).toMatchObject({ date: '2026-03-02', unacknowledgedNotices: 1 })
  })
})

describe('permissions', () => {
  it('a clerk cannot send notices or read lights; a sibling town supervisor cannot notice or list this town', async () => {
    expect((await clerk.post('/api/supervision/notices', { caseId: c.id, message: 'x' })).statusCode).toBe(403)
    expect((await clerk.get('/api/supervision/lights')).statusCode).toBe(403)
    const dg = await t.login('donggou.supervisor')
    expect((await dg.post('/api/supervision/notices', { caseId: c.id, message: 'x' })).statusCode).toBe(403)
    expect((await dg.get(`/api/supervision/lights?centerId=${lz.id}`)).statusCode).toBe(403)
    expect(mine(await lightsFor(dg))).toBe('green') // not listed at all
    expect((await dg.get('/api/supervision/lights')).json().steps.some((s: { caseId: number }) => s.caseId === c.id)).toBe(false)
    const district = await t.login('district.supervisor')
    expect((await district.get(`/api/supervision/lights?centerId=${lz.id}`)).statusCode).toBe(200)
  })
})
