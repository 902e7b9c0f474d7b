// 委托登记: a villager's standing proxy is registered once with a photo of the signed 委托书, used at intake instead
// of a new authorisation (an event of the case), listed with the ID number masked, revoked; a revoked or expired
// proxy is 409 and writes nothing; another applicant or an item outside its scope is 400; outside the room 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { idNumber, intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'
import { photo } from '../helpers/materials.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00')
const principal = { name: '王奶奶', idNumber: idNumber(901), phone: '13900139000' }

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

async function register(c: Client, data: Record<string, unknown>, file?: Buffer) {
  const boundary = '----yz' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)]
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="weituo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), file, Buffer.from('\r\n'))
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return t.app.inject({ method: 'POST', url: '/api/proxies', headers: { ...c.headers(true), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) })
}
const input = (over: Record<string, unknown> = {}) => ({ principal, proxy: { name: '代办员', userId: w.agentA.id }, scope: 'all', validUntil: '2026-12-31', ...over })
const intake = (proxyId: number, over: Record<string, unknown> = {}) => {
  const b = intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { proxyId }, ...over })
  return { ...b, applicant: { ...b.applicant, name: principal.name, idNumber: principal.idNumber } }
}

describe('standing proxies', () => {
  it('registers a proxy, uses it at intake instead of a new authorisation, and lists the use', async () => {
    const res = await register(w.agentA.client, input(), await photo())
    expect(res.statusCode, res.body).toBe(201)
    const p = res.json()
    expect(p).toMatchObject({ status: 'active', scope: 'all', principalName: '王奶奶', validUntil: '2026-12-31' })
    expect(p.principalIdNumber).toMatch(/\*{4}/)
    const c = await w.agentA.client.post('/api/cases', intake(p.id))
    expect(c.statusCode, c.body).toBe(201)
    const d = (await w.agentA.client.get(`/api/cases/${c.json().id}`)).json()
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['agency_intake', 'proxy_use'])
    expect(d.materials.find((m: { kind: string }) => m.kind === 'authorization').name).toContain(`常年委托第 ${p.id} 号`)
    const got = (await w.agentA.client.get(`/api/proxies/${p.id}`)).json()
    expect(got.uses).toMatchObject([{ caseId: c.json().id, number: c.json().number }])
    const list = (await w.townAClerk.client.get('/api/proxies?active=true')).json().proxies
    expect(list.map((x: { id: number }) => x.id)).toContain(p.id)
    const doc = await w.agentA.client.get(`/api/proxies/${p.id}/document`)
    expect(doc.statusCode).toBe(200)
    expect(doc.headers['content-type']).toBe('image/jpeg')
    expect((await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'standing_proxy').where('entity_id', '=', String(p.id)).execute()).map((a) => a.action))
      .toEqual(['proxy.register', 'proxy.document_view'])
    expect((await w.agentB.client.get(`/api/proxies/${p.id}`)).statusCode).toBe(403)
  })

  it('refuses another applicant, an item outside a listed scope, and bad registrations', async () => {
    const listed = (await register(w.agentA.client, input({ scope: 'items', itemIds: [w.townForwardItem.id] }), await photo())).json()
    const out = await w.agentA.client.post('/api/cases', intake(listed.id))
    expect(out.statusCode).toBe(400)
    expect(out.json().error.details[0].field).toBe('body.agency.proxyId')
    const all = (await register(w.agentA.client, input(), await photo())).json()
    const other = intake(all.id)
    const wrong = await w.agentA.client.post('/api/cases', { ...other, applicant: { ...other.applicant, idNumber: idNumber(902) } })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.details[0].field).toBe('body.applicant.idNumber')
    expect((await register(w.agentA.client, input())).json().error.details[0].field).toBe('body.file')
    const badDate = await register(w.agentA.client, input({ validUntil: '2026-01-01' }), await photo())
    expect(badDate.json().error.details[0].field).toBe('body.data.validUntil')
    const badId = await register(w.agentA.client, input({ principal: { ...principal, idNumber: '420102199001011234' } }), await photo())
    expect(badId.statusCode).toBe(400)
  })

  it('a revoked or expired proxy is 409 and nothing is written', async () => {
    const p = (await register(w.agentA.client, input({ validUntil: '2026-03-31' }), await photo())).json()
    const rv = await w.townAClerk.client.post(`/api/proxies/${p.id}/revoke`, { reason: '本人申请撤销' })
    expect(rv.statusCode, rv.body).toBe(200)
    expect(rv.json()).toMatchObject({ status: 'revoked', revokeReason: '本人申请撤销' })
    const body = intake(p.id)
    const used = await w.agentA.client.post('/api/cases', body)
    expect(used.statusCode).toBe(409)
    expect(used.json().error.code).toBe('proxy_revoked')
    expect(await t.db.selectFrom('cases').select('id').where('request_id', '=', body.requestId).executeTakeFirst()).toBeUndefined()
    expect((await w.townAClerk.client.post(`/api/proxies/${p.id}/revoke`, { reason: '再次' })).statusCode).toBe(409)
    const q = (await register(w.agentA.client, input({ validUntil: '2026-03-31' }), await photo())).json()
    clock.set('2026-04-01T09:00:00+08:00')
    const late = await w.agentA.client.post('/api/cases', intake(q.id))
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('proxy_expired')
    clock.set('2026-03-02T09:00:00+08:00')
  })

  it('the town registers for one of its rooms (the room\'s agent uses it); the agent registers himself; listed items are named', async () => {
    const forRoom = await register(w.townAClerk.client, input({ centerId: w.tree.villageA.id, proxy: { name: '王奶奶的儿子' }, scope: 'items', itemIds: [w.forwardItem.id] }), await photo())
    expect(forRoom.statusCode, forRoom.body).toBe(201)
    expect(forRoom.json()).toMatchObject({ centerId: w.tree.villageA.id, proxyUserId: null, itemNames: [expect.stringContaining('测试事项')] })
    expect((await w.agentA.client.post('/api/cases', intake(forRoom.json().id))).statusCode).toBe(201)
    const outside = await register(w.townAClerk.client, input({ centerId: w.tree.villageB.id }), await photo())
    expect(outside.statusCode).toBe(400)
    expect(outside.json().error.details[0].field).toBe('body.data.centerId')
    const self = await register(w.agentA.client, input({ proxy: { name: '代办员', self: true } }), await photo())
    expect(self.json().proxyUserId).toBe(w.agentA.id)
    const clerkSelf = await register(w.townAClerk.client, input({ proxy: { name: '窗口', self: true } }), await photo())
    expect(clerkSelf.statusCode).toBe(400)
    expect(clerkSelf.json().error.details[0].field).toBe('body.data.proxy.self')
  })
})
