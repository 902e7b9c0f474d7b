// The public progress page's API: number + query code, no login, a masked name, every event with its center.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00')

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
})
afterAll(() => t.close())

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

describe('GET /api/public/progress', () => {
  it('shows status, due date and every event with its center, without personal data', async () => {
    const item = w.items.promised
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, item, { materials: [{ materialId: item.materials[0], received: true }] }))).json()
    await w.clerk.client.post(`/api/cases/${c.id}/actions/supplement`, { materials: [{ materialId: item.materials[1], received: true }] })
    await w.approver.client.post(`/api/cases/${c.id}/actions/advance`, { opinion: '内部意见：申请人张三材料齐全' })
    await w.head.client.post(`/api/cases/${c.id}/actions/extend`, { days: 2, reason: '需现场核实' })
    const res = await get(`/api/public/progress?number=${c.number}&code=${c.queryCode.toLowerCase()}`)
    expect(res.statusCode).toBe(200)
    const p = res.json()
    expect(p).toMatchObject({ number: c.number, status: 'in_review', applicantName: '张*', dueDate: '2026-03-18' })
    expect(p.events.map((e: { action: string; centerName: string }) => [e.action, e.centerName])).toEqual([
      ['correct', '测试区中心'], ['supplement', '测试区中心'], ['advance', '测试区中心'], ['extend', '测试区中心'],
    ])
    expect(p.events[0].note).toContain('身份证复印件')
    expect(p.events[3].note).toContain('需现场核实')
    expect(res.body).not.toContain('内部意见')
    expect(res.body).not.toContain('张三')
    expect(res.body).not.toContain('13800138000')
  })

  it('a wrong pair is 404; bad parameters 400; ETag → 304', async () => {
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    expect((await get(`/api/public/progress?number=${c.number}&code=ZZZZZZ`)).statusCode).toBe(404)
    expect((await get(`/api/public/progress?number=nope&code=${c.queryCode}`)).statusCode).toBe(404)
    expect((await get(`/api/public/progress?number=${c.number}`)).statusCode).toBe(400)
    const first = await get(`/api/public/progress?number=${c.number}&code=${c.queryCode}`)
    const again = await get(`/api/public/progress?number=${c.number}&code=${c.queryCode}`, { 'if-none-match': String(first.headers.etag) })
    expect(again.statusCode).toBe(304)
  })

  it('a kept answer is never older than what is committed: a new action and a new day show at once', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised))).json()
    const url = `/api/public/progress?number=${c.number}&code=${c.queryCode}`
    const first = await get(url)
    expect(first.json()).toMatchObject({ status: 'accepted', light: 'green', dueDate: '2026-03-16' })
    expect((await get(url)).body).toBe(first.body)
    // An action by staff: the next lookup has its event and a new ETag (the old one gets the full answer).
    await w.approver.client.post(`/api/cases/${c.id}/actions/advance`, { opinion: '审查通过' })
    const after = await get(url, { 'if-none-match': String(first.headers.etag) })
    expect(after.statusCode).toBe(200)
    expect(after.json().events.map((e: { action: string }) => e.action)).toEqual(['accept', 'advance'])
    // No write at all, only time: past the due date the light is red.
    clock.set('2026-03-17T09:00:00+08:00')
    expect((await get(url)).json().light).toBe('red')
    clock.set('2026-03-02T09:00:00+08:00')
    expect((await get(url)).json().light).toBe('green')
  })
})
