// What changed while an intake waited on the agent's phone: the item retired, republished with other materials, the
// standing proxy revoked, the requestId reused with another body. The refusal still answers (400/409 naming the field
// or code) and writes no case, but the intake the device sent is kept as a task the agent and the town see (the ID
// number masked, another town sees nothing); recording it again (`offline.resolves`) resolves it with the case in the
// intake's transaction; giving it up needs a reason and is audited; a task is never doubled by retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, makeUser, type TestApp } from '../helpers/app.js'
import { idNumber, intakeBody, makeItem } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'
import { photo } from '../helpers/materials.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-04T10:00:00+08:00')
let seq = 0

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

const offline = (over: Record<string, unknown> = {}) => {
  seq += 1
  return { receivedAt: '2026-03-04T08:00:00+08:00', deviceNow: '2026-03-04T10:00:00+08:00', deviceId: 'TASK01', offlineNumber: `OFL-TASK01-${seq}`, queryCode: 'ABCDEF', ...over }
}
const send = (body: Record<string, unknown>) => w.agentA.client.post('/api/cases', body)
const tasks = async (c = w.agentA.client, q = '') => (await c.get(`/api/agency/offline-tasks${q}`)).json().tasks as {
  id: number; requestId: string; state: string; reasonCode: string; reason: string; details: unknown; attempts: number; caseNumber: string | null
  offlineNumber: string; intake: { applicantIdNumber: string; itemId: number }
}[]
const countCases = async () => Number((await t.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

describe('offline intake tasks', () => {
  it('an item retired meanwhile: 400 and no case, the intake kept as a task for the agent and the town, resolved when recorded again', async () => {
    const item = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.townA.id] })
    const other = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.townA.id] })
    await t.db.updateTable('service_items').set({ status: 'retired' }).where('id', '=', item.id).execute()
    const off = offline()
    const body = intakeBody(w, item, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: off })
    const before = await countCases()
    const res = await send(body)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].field).toBe('body.itemId')
    expect(await countCases()).toBe(before)
    const again = await send({ ...body, offline: { ...off, deviceNow: '2026-03-04T10:05:00+08:00' } }) // the phone retries
    expect(again.statusCode).toBe(400)
    const mine = (await tasks()).filter((x) => x.requestId === body.requestId)
    expect(mine).toHaveLength(1) // never doubled
    expect(mine[0]).toMatchObject({ state: 'open', reasonCode: 'validation_failed', attempts: 2, offlineNumber: off.offlineNumber, intake: { itemId: item.id } })
    expect(mine[0].intake.applicantIdNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/)
    expect((await tasks(w.townAClerk.client)).map((x) => x.id)).toContain(mine[0].id)
    expect((await tasks(w.townBClerk.client)).map((x) => x.id)).not.toContain(mine[0].id)
    expect((await tasks(w.agentB.client)).map((x) => x.id)).not.toContain(mine[0].id)

    // the agent records it again for the item that replaced it, keeping the villager's receipt time and slip number
    const redo = intakeBody(w, other, { centerId: w.tree.villageA.id, agency: { authorization: true }, applicant: body.applicant, offline: { ...off, resolves: body.requestId } })
    const made = await send(redo)
    expect(made.statusCode, made.body).toBe(201)
    expect(made.json().receivedAt).toBe('2026-03-04T00:00:00.000Z')
    const done = (await tasks(w.agentA.client, '?open=false')).find((x) => x.id === mine[0].id)!
    expect(done).toMatchObject({ state: 'resent', caseNumber: made.json().number })
    expect((await tasks()).map((x) => x.id)).not.toContain(mine[0].id) // open ones only by default
    const events = (await w.agentA.client.get(`/api/cases/${made.json().id}`)).json().events
    expect(events[0].note).toContain(`重新记录离线待处理件 ${mine[0].id}`)
  })

  it('a new version with other materials, a revoked proxy, a reused requestId: each refused with its code and kept', async () => {
    const item = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.townA.id] })
    const old = intakeBody(w, item, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: offline() })
    // republished: version 2 with its own materials, version 1 superseded
    const v1 = await t.db.selectFrom('item_versions').selectAll().where('item_id', '=', item.id).executeTakeFirstOrThrow()
    const { id: _id, name_grams: _g, ...copy } = v1 as typeof v1 & { name_grams?: unknown }
    await t.db.updateTable('item_versions').set({ status: 'superseded', superseded_at: new Date() }).where('id', '=', v1.id).execute()
    const v2 = await t.db.insertInto('item_versions').values({ ...copy, version: 2, step_limits: JSON.stringify(v1.step_limits), fees: JSON.stringify(v1.fees) } as never).returning('id').executeTakeFirstOrThrow()
    await t.db.insertInto('item_materials').values({ version_id: v2.id, position: 1, name: '新申请表', form: 'original', copies: 1, required: true, sample_file_id: null }).execute()
    const republished = await send(old)
    expect(republished.statusCode).toBe(400)
    expect(republished.json().error.details.map((d: { field: string }) => d.field)).toContain('body.materials.0.materialId')

    // a standing proxy revoked after the villager handed the papers over
    const boundary = '----yz' + seq
    const data = { principal: { name: '王奶奶', idNumber: idNumber(950), phone: '13900139000' }, proxy: { name: '代办员', self: true }, scope: 'all', validUntil: '2026-12-31' }
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="w.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), await photo(), Buffer.from(`\r\n--${boundary}--\r\n`)])
    const reg = await t.app.inject({ method: 'POST', url: '/api/proxies', headers: { ...w.agentA.client.headers(true), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
    expect(reg.statusCode, reg.body).toBe(201)
    expect(reg.json().proxyUserId).toBe(w.agentA.id) // 本人 as the proxy
    await w.townAClerk.client.post(`/api/proxies/${reg.json().id}/revoke`, { reason: '本人申请撤销' })
    const viaProxy = intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { proxyId: reg.json().id }, offline: offline(),
      applicant: { kind: 'person', name: '王奶奶', idNumber: idNumber(950), phone: '13900139000' } })
    const revoked = await send(viaProxy)
    expect(revoked.statusCode).toBe(409)
    expect(revoked.json().error.code).toBe('proxy_revoked')

    // the same requestId already made a case with another body
    const first = intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: offline() })
    expect((await send(first)).statusCode).toBe(201)
    const reused = await send({ ...first, applicant: { ...first.applicant, name: '李四' } })
    expect(reused.statusCode).toBe(409)

    const open = await tasks()
    const by = (rid: string) => open.find((x) => x.requestId === rid)
    expect(by(old.requestId)).toMatchObject({ state: 'open', reasonCode: 'validation_failed' })
    expect(by(viaProxy.requestId)).toMatchObject({ state: 'open', reasonCode: 'proxy_revoked' })
    expect(by(first.requestId)).toMatchObject({ state: 'open', reasonCode: 'request_id_reused' })
    // a window clerk's own refusal is not an offline task
    expect((await w.clerk.client.post('/api/cases', intakeBody(w, { id: item.id, materials: [] }))).statusCode).toBe(400)
    expect((await tasks(w.townAClerk.client)).length).toBe(open.length)
  })

  it('a disabled agent\'s phone: the town clerk takes its waiting intakes over as tasks; not while the account is active', async () => {
    const agent = await makeUser(t.db, { roles: ['agent'], centerId: w.tree.villageA.id })
    const waiting = [1, 2].map(() => intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: offline() }))
    const adopt = (c = w.townAClerk.client, intakes: unknown[] = waiting, username = agent.username) => c.post('/api/agency/offline-tasks/adopt', { agent: username, intakes })
    expect((await adopt()).statusCode).toBe(409) // still active: the agent signs in and sends
    await t.db.updateTable('users').set({ status: 'retired' }).where('id', '=', agent.id).execute()
    expect((await adopt(w.townBClerk.client)).statusCode).toBe(403)
    expect((await adopt(w.agentA.client)).statusCode).toBe(403)
    const notOffline = await adopt(w.townAClerk.client, [{ ...waiting[0], offline: undefined }])
    expect(notOffline.statusCode).toBe(400)
    expect(notOffline.json().error.details[0].field).toBe('body.intakes.0.offline')
    const res = await adopt()
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().tasks).toHaveLength(2)
    expect(res.json().tasks[0]).toMatchObject({ state: 'open', reasonCode: 'agent_disabled', agentId: agent.id, offlineNumber: (waiting[0] as unknown as { offline: { offlineNumber: string } }).offline.offlineNumber })
    expect((await adopt()).json().tasks).toHaveLength(2) // taken over twice: still two tasks
    const listed = (await tasks(w.townAClerk.client)).filter((x) => x.reasonCode === 'agent_disabled')
    expect(listed).toHaveLength(2)
    expect(await t.db.selectFrom('audit_events').select('action').where('action', '=', 'offline_task.adopt').execute()).toHaveLength(2)
  })

  it('the town gives a task up with a reason (audited); twice is 409; another town 403; the reason is required', async () => {
    const item = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.townA.id] })
    await t.db.updateTable('service_items').set({ status: 'retired' }).where('id', '=', item.id).execute()
    const body = intakeBody(w, item, { centerId: w.tree.villageA.id, agency: { authorization: true }, offline: offline() })
    expect((await send(body)).statusCode).toBe(400)
    const task = (await tasks()).find((x) => x.requestId === body.requestId)!
    expect((await w.townBClerk.client.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason: '已在窗口重新受理' })).statusCode).toBe(403)
    expect((await w.townAClerk.client.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason: '' })).statusCode).toBe(400)
    const dropped = await w.townAClerk.client.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason: '申请人已到镇窗口重新办理' })
    expect(dropped.statusCode, dropped.body).toBe(200)
    expect(dropped.json()).toMatchObject({ state: 'dropped', resolveNote: '申请人已到镇窗口重新办理' })
    expect((await w.agentA.client.post(`/api/agency/offline-tasks/${task.id}/drop`, { reason: '重复' })).statusCode).toBe(409)
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'offline_intake_task').where('entity_id', '=', String(task.id)).execute()
    expect(audit.map((a) => a.action)).toEqual(['offline_task.drop'])
    // a retry of the dropped request does not reopen it
    expect((await send(body)).statusCode).toBe(400)
    expect((await tasks()).map((x) => x.id)).not.toContain(task.id)
  })
})
