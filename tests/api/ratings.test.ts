// 好差评 over HTTP: the applicant's rating of a closed case (once, by number + query code), a bad rating's
// follow-up walked to closure and a review that sets a rating aside, all recorded; who may see and act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
let clerk: Client
let lz: { id: number }
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  lz = await centerByName(t.db, '梁子镇便民服务中心')
  clerk = await t.login('liangzi.clerk1')
})
afterAll(() => t.close())

const closedCase = async () => recordCase(clerk, lz.id, await offeredItem(t.db, lz.id, 'immediate'), { complete: true })
let applicants = 0 // each rating from its own address: the per-address limit (RATE_LIMIT_RATING) is tested elsewhere
const rate = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/ratings', payload: body, remoteAddress: `10.77.0.${++applicants}` })

describe('POST /api/public/ratings', () => {
  it('a good rating of a closed case: 201, stored once, no follow-up', async () => {
    const c = await closedCase()
    const res = await rate({ number: c.number, code: c.queryCode.toLowerCase(), score: 5, comment: '办得快' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ number: c.number, score: 5, followupId: null })
    const rows = await t.db.selectFrom('ratings').selectAll().where('case_id', '=', c.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 5, comment: '办得快', center_id: lz.id, source: 'progress' })
  })

  it('a second rating of the same case → 409 already_rated, nothing added', async () => {
    const c = await closedCase()
    expect((await rate({ number: c.number, code: c.queryCode, score: 4 })).statusCode).toBe(201)
    const again = await rate({ number: c.number, code: c.queryCode, score: 1 })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('already_rated')
    expect(await t.db.selectFrom('ratings').select('score').where('case_id', '=', c.id).execute()).toEqual([{ score: 4 }])
  })

  it('a case that is not closed → 409 case_not_closed', async () => {
    const c = await recordCase(clerk, lz.id, await offeredItem(t.db, lz.id, 'promised'))
    const res = await rate({ number: c.number, code: c.queryCode, score: 5 })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('case_not_closed')
  })

  it('a wrong query code or number → 404; a score outside 1–5 → 400', async () => {
    const c = await closedCase()
    expect((await rate({ number: c.number, code: 'ZZZZZZ', score: 5 })).statusCode).toBe(404)
    expect((await rate({ number: 'T02-2026-9999999', code: c.queryCode, score: 5 })).statusCode).toBe(404)
    const bad = await rate({ number: c.number, code: c.queryCode, score: 6 })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json())).toContain('score')
  })

  it('ratings cannot be deleted, even in SQL', async () => {
    await expect(t.db.deleteFrom('ratings').execute()).rejects.toThrow(/cannot be deleted/)
  })
})

describe('bad-rating follow-up', () => {
  it('非常不满意 opens a follow-up (call back in 1 working day, fix in 15) walked to closure, every step recorded', async () => {
    const c = await closedCase()
    const res = await rate({ number: c.number, code: c.queryCode, score: 1, comment: '跑了三趟' })
    const id = res.json().followupId
    expect(id).toBeGreaterThan(0)
    const manager = await t.login('liangzi.manager')
    const f = (await manager.get(`/api/ratings/followups/${id}`)).json()
    expect(f).toMatchObject({ status: 'open', callbackDue: '2026-03-03', fixDue: '2026-03-23', due: '2026-03-03', rating: { score: 1, comment: '跑了三趟' } })
    expect(f.allowedActions).toEqual(['call_back', 'request_review'])
    expect((await manager.post(`/api/ratings/followups/${id}/actions/fix`, { note: '已整改' })).statusCode).toBe(409)
    for (const [action, status] of [['call_back', 'called_back'], ['fix', 'fixed'], ['close', 'closed']] as const) {
      const r = await manager.post(`/api/ratings/followups/${id}/actions/${action}`, { note: `${action} 情况说明` })
      expect(r.statusCode).toBe(200)
      expect(r.json().status).toBe(status)
    }
    const done = (await manager.get(`/api/ratings/followups/${id}`)).json()
    expect(done.events.map((e: { action: string; to: string }) => `${e.action}:${e.to}`)).toEqual(['open:open', 'call_back:called_back', 'fix:fixed', 'close:closed'])
    expect(done.allowedActions).toEqual([])
  })

  it('the call-back limit turns red once it has passed', async () => {
    const c = await closedCase()
    const id = (await rate({ number: c.number, code: c.queryCode, score: 2 })).json().followupId
    const sup = await t.login('liangzi.supervisor')
    clock.set('2026-03-04T09:00:00+08:00')
    const f = (await sup.get(`/api/ratings/followups/${id}`)).json()
    expect(f).toMatchObject({ status: 'open', light: 'red' })
    clock.set('2026-03-02T09:00:00+08:00')
  })

  it('a review sets a malicious rating aside (excluded from satisfaction); a rejected review goes back', async () => {
    const manager = await t.login('liangzi.manager')
    const sup = await t.login('liangzi.supervisor')
    const c1 = await closedCase()
    const id1 = (await rate({ number: c1.number, code: c1.queryCode, score: 1 })).json().followupId
    await manager.post(`/api/ratings/followups/${id1}/actions/request_review`, { note: '申请人误评，已核实' })
    expect((await manager.post(`/api/ratings/followups/${id1}/actions/set_aside`, { note: 'x' })).statusCode).toBe(403)
    const r = await sup.post(`/api/ratings/followups/${id1}/actions/set_aside`, { note: '复核属实，不计入' })
    expect(r.json().status).toBe('set_aside')
    const rating = await t.db.selectFrom('ratings').select('set_aside').where('case_id', '=', c1.id).executeTakeFirstOrThrow()
    expect(rating.set_aside).toBe(true)

    const c2 = await closedCase()
    const id2 = (await rate({ number: c2.number, code: c2.queryCode, score: 2 })).json().followupId
    await manager.post(`/api/ratings/followups/${id2}/actions/call_back`, { note: '已回访' })
    await manager.post(`/api/ratings/followups/${id2}/actions/request_review`, { note: '认为是恶意差评' })
    const back = await sup.post(`/api/ratings/followups/${id2}/actions/reject_review`, { note: '证据不足，继续整改' })
    expect(back.json().status).toBe('called_back')
  })
})

describe('permissions', () => {
  it('a clerk cannot see ratings or follow-ups; another town\'s supervisor cannot open this town\'s follow-up', async () => {
    const c = await closedCase()
    const id = (await rate({ number: c.number, code: c.queryCode, score: 1 })).json().followupId
    expect((await clerk.get('/api/ratings')).statusCode).toBe(403)
    expect((await clerk.get('/api/ratings/followups')).statusCode).toBe(403)
    expect((await clerk.post(`/api/ratings/followups/${id}/actions/call_back`, { note: '我来回访' })).statusCode).toBe(403)
    const other = await t.login('donggou.supervisor')
    expect((await other.get(`/api/ratings/followups/${id}`)).statusCode).toBe(403)
    expect((await other.get('/api/ratings/followups')).json().followups.map((f: { id: number }) => f.id)).not.toContain(id)
    const district = await t.login('district.supervisor')
    expect((await district.get('/api/ratings/followups')).json().followups.map((f: { id: number }) => f.id)).toContain(id)
  })
})
