// 一件事一次办: a bundle of items of several departments, one request opening one linked case per item plus the
// bundle's own number and query code, all or nothing; one one-time notice; the public progress of every part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { idNumber, makeCaseWorld, makeItem, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
let a: Awaited<ReturnType<typeof makeItem>>
let b: Awaited<ReturnType<typeof makeItem>>
let bundleId: number

const count = async (table: 'cases' | 'bundle_cases') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
let req = 0
const body = (over: Record<string, unknown> = {}) => ({
  requestId: `bundle-${process.pid}-${++req}`, centerId: w.tree.district.id,
  applicant: { kind: 'person', name: '王小明', idNumber: idNumber(500 + req), phone: '13900139000' },
  fields: { childName: '王小宝' },
  materials: [{ name: '申请表', received: true }, { name: '身份证复印件', received: true }],
  ...over,
})

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  a = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 10, name: '出生登记' })
  b = await makeItem(t.db, { departmentId: w.departments.co1, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 5, name: '医保参保登记' })
  const res = await w.manager.client.post('/api/bundles', {
    centerId: w.tree.district.id, name: '新生儿出生一件事', itemIds: [a.id, b.id], fields: [{ key: 'childName', label: '新生儿姓名', required: true }],
  })
  expect(res.statusCode, res.body).toBe(201)
  bundleId = res.json().id
})
afterAll(() => t.close())

describe('defining a bundle', () => {
  it('merges the material list (a material asked by both items asked once); items the center does not offer → 400 naming them', async () => {
    const got = (await w.clerk.client.get(`/api/bundles/${bundleId}`)).json()
    expect(got.items.map((i: { name: string }) => i.name)).toEqual(['出生登记', '医保参保登记'])
    expect(got.materials.map((m: { name: string; items: unknown[] }) => [m.name, m.items.length])).toEqual([['申请表', 2], ['身份证复印件', 2], ['其他说明', 2]])
    const bad = await w.manager.client.post('/api/bundles', { centerId: w.tree.district.id, name: '坏的一件事', itemIds: [a.id, w.items.notOffered.id] })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([{ field: 'body.itemIds.1', message: expect.stringContaining('不受理') }])
    expect((await w.clerk.client.post('/api/bundles', { centerId: w.tree.district.id, name: 'x', itemIds: [a.id, b.id] })).statusCode).toBe(403)
    const list = (await w.clerk.client.get('/api/bundles')).json()
    expect(list.bundles.map((x: { name: string }) => x.name)).toContain('新生儿出生一件事')
  })
})

describe('one request, one case per item', () => {
  it('opens linked cases with their own numbers, departments and limits, plus the bundle number; a retry is the same', async () => {
    const rq = body()
    const res = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, rq)
    expect(res.statusCode, res.body).toBe(201)
    const r = res.json()
    expect(r.bundle.number).toMatch(/-B\d+$/)
    expect(r.parts.map((p: { itemName: string; departmentId: number; status: string; dueDate: string }) => [p.itemName, p.departmentId, p.status, p.dueDate]))
      .toEqual([['出生登记', w.departments.lead, 'accepted', '2026-03-16'], ['医保参保登记', w.departments.co1, 'accepted', '2026-03-09']])
    expect(new Set(r.parts.map((p: { number: string }) => p.number)).size).toBe(2)
    const again = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, rq)
    expect(again.statusCode).toBe(200)
    expect(again.json().bundle.number).toBe(r.bundle.number)
    expect((await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, { ...rq, fields: { childName: '别的名字' } })).statusCode).toBe(409)
    const linked = await t.db.selectFrom('cases').select('id').where('bundle_case_id', '=', r.bundle.id).execute()
    expect(linked).toHaveLength(2)

    const p = await t.app.inject({ url: `/api/public/progress?number=${r.bundle.number}&code=${r.bundle.queryCode}` })
    expect(p.statusCode, p.body).toBe(200)
    expect(p.json().bundle).toMatchObject({ number: r.bundle.number, parts: [{ number: r.parts[0].number, itemName: '出生登记' }, { number: r.parts[1].number, itemName: '医保参保登记' }] })
    expect((await t.app.inject({ url: `/api/public/progress?number=${r.bundle.number}&code=AAAAAA` })).statusCode).toBe(404)
  })

  it('a second item failing its checks: 400 naming it, nothing created', async () => {
    const orgOnly = await makeItem(t.db, { departmentId: w.departments.co2, kind: 'promised', offeredAt: [w.tree.district.id], targets: ['organization'], name: '单位参保登记' })
    const id = (await w.manager.client.post('/api/bundles', { centerId: w.tree.district.id, name: '混合一件事', itemIds: [a.id, orgOnly.id] })).json().id
    const [cases, bundles] = [await count('cases'), await count('bundle_cases')]
    const res = await w.clerk.client.post(`/api/bundles/${id}/intake`, body())
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error.details).toEqual([{ field: 'body.parts.1.applicant.kind', message: expect.stringContaining('【单位参保登记】') }])
    expect([await count('cases'), await count('bundle_cases')]).toEqual([cases, bundles])
  })

  it('an item the center no longer offers: 400 naming it; a required shared field missing: 400 naming it', async () => {
    const c = await makeItem(t.db, { departmentId: w.departments.co2, kind: 'promised', offeredAt: [w.tree.district.id], name: '预防接种登记' })
    const id = (await w.manager.client.post('/api/bundles', { centerId: w.tree.district.id, name: '撤项一件事', itemIds: [a.id, c.id] })).json().id
    await t.db.deleteFrom('item_offerings').where('item_id', '=', c.id).execute()
    const res = await w.clerk.client.post(`/api/bundles/${id}/intake`, body())
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'items_not_offered', details: [{ field: 'bundle.items.1', message: expect.stringContaining('预防接种登记') }] })
    const noField = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ fields: {} }))
    expect(noField.json().error.details[0].field).toBe('body.fields.childName')
  })

  it('one one-time notice covers what every part misses', async () => {
    const res = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ materials: [{ name: '申请表', received: false }, { name: '身份证复印件', received: true }] }))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().parts.map((p: { status: string }) => p.status)).toEqual(['correction', 'correction'])
    expect(res.json().missing).toEqual([{ name: '申请表', items: ['出生登记', '医保参保登记'], problem: null }])
  })

  it('容缺 inside a bundle: the part whose item allows it gets the commitment', async () => {
    await t.db.updateTable('item_versions').set({ deferral_days: 5 }).where('id', '=', a.versionId).execute()
    await t.db.insertInto('item_materials').values({ version_id: a.versionId, position: 4, name: '出生医学证明', form: 'copy', copies: 1, required: true, sample_file_id: null, deferral_allowed: true }).execute()
    const merged = (await w.clerk.client.get(`/api/bundles/${bundleId}`)).json().materials
    expect(merged.filter((m: { deferrable: boolean }) => m.deferrable).map((m: { name: string }) => m.name)).toEqual(['出生医学证明'])
    const res = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ commitment: { materials: ['出生医学证明'] } }))
    expect(res.statusCode, res.body).toBe(201)
    const steps = await t.db.selectFrom('case_steps').select(['case_id', 'kind', 'due_date']).where('kind', '=', 'commitment')
      .where('case_id', 'in', res.json().parts.map((p: { id: number }) => p.id)).execute()
    expect(steps).toEqual([{ case_id: res.json().parts[0].id, kind: 'commitment', due_date: '2026-03-09' }])
  })
})

describe('channels', () => {
  it('上门办 needs the staff member and the visit date; the case records its channel', async () => {
    const bad = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ channel: { kind: 'home_visit' } }))
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.parts.0.channel.staffId', 'body.parts.0.channel.visitDate']))
    const ok = await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ channel: { kind: 'home_visit', staffId: w.clerk.id, visitDate: '2026-03-02' } }))
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().parts.map((p: { channel: string }) => p.channel)).toEqual(['home_visit', 'home_visit'])
    const row = await t.db.selectFrom('cases').select(['channel_staff_id', 'visit_date']).where('id', '=', ok.json().parts[0].id).executeTakeFirstOrThrow()
    expect(row).toEqual({ channel_staff_id: w.clerk.id, visit_date: '2026-03-02' })
  })

  it('statistics count cases and trips per channel: 上门办 costs no trip, a bundle\'s trips count once', async () => {
    const s = (await w.manager.client.get('/api/statistics/channels?from=2026-03-01&to=2026-03-31')).json()
    const home = s.channels.find((c: { channel: string }) => c.channel === 'home_visit')
    expect(home).toMatchObject({ name: '上门办', cases: 2, trips: 0 })
    const window = s.channels.find((c: { channel: string }) => c.channel === 'window')
    // three window bundles of 2 parts so far (the refused ones wrote nothing): one trip each
    expect(window).toMatchObject({ cases: 6, trips: 3 })
    expect(s.bundled).toMatchObject({ cases: 8, trips: 3 })
    expect((await w.clerk.client.get('/api/statistics/channels')).statusCode).toBe(403)
  })
})

describe('the screens\' answers', () => {
  it('GET /api/bundles/cases/:id: the receipt again (shared form in the bundle\'s order, each part with its commitment); a case page names its bundle', async () => {
    const made = (await w.clerk.client.post(`/api/bundles/${bundleId}/intake`, body({ commitment: { materials: ['出生医学证明'] } }))).json()
    const res = await w.clerk.client.get(`/api/bundles/cases/${made.bundle.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json()
    expect(r.bundle).toEqual(made.bundle)
    expect(r.fields).toEqual([{ label: '新生儿姓名', value: '王小宝' }])
    expect(r.parts[0].commitment).toMatchObject({ dueDate: '2026-03-09', done: false, materials: [{ name: '出生医学证明', received: false }] })
    expect(r.parts[1].commitment).toBeUndefined()
    const page = (await w.clerk.client.get(`/api/cases/${made.parts[0].id}`)).json()
    expect(page.bundle).toEqual({ id: made.bundle.id, number: made.bundle.number, name: '新生儿出生一件事' })
    expect(page.commitment.lapse).toBe('suspend')
    expect((await w.clerk.client.get('/api/bundles/cases/999999')).statusCode).toBe(404)
  })
})

describe('administering bundles', () => {
  it('edit (items, fields; a name taken → 409; an item not offered → 400 naming it), retire (gone from the window\'s list, intake 404), bring back', async () => {
    const c = await makeItem(t.db, { departmentId: w.departments.co2, kind: 'promised', offeredAt: [w.tree.district.id], name: '户口登记' })
    const id = (await w.manager.client.post('/api/bundles', { centerId: w.tree.district.id, name: '待改一件事', itemIds: [a.id, b.id] })).json().id
    const edited = await w.manager.client.put(`/api/bundles/${id}`, { name: '出生落户一件事', itemIds: [a.id, c.id, b.id], fields: [{ key: 'childName', label: '新生儿姓名', required: true }] })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ name: '出生落户一件事', fields: [{ key: 'childName' }] })
    expect(edited.json().items.map((i: { name: string }) => i.name)).toEqual(['出生登记', '户口登记', '医保参保登记'])
    expect((await w.manager.client.put(`/api/bundles/${id}`, { name: '新生儿出生一件事', itemIds: [a.id, b.id] })).statusCode).toBe(409)
    const bad = await w.manager.client.put(`/api/bundles/${id}`, { name: '出生落户一件事', itemIds: [a.id, w.items.notOffered.id] })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([{ field: 'body.itemIds.1', message: expect.stringContaining('不受理') }])
    expect((await w.manager.client.get(`/api/bundles/${id}`)).json().items).toHaveLength(3) // nothing half-written
    expect((await w.clerk.client.post(`/api/bundles/${id}/retire`)).statusCode).toBe(403)

    expect((await w.manager.client.post(`/api/bundles/${id}/retire`)).json().status).toBe('retired')
    expect((await w.clerk.client.get('/api/bundles')).json().bundles.map((x: { id: number }) => x.id)).not.toContain(id)
    expect((await w.manager.client.get('/api/bundles?withRetired=true')).json().bundles.map((x: { id: number }) => x.id)).toContain(id)
    expect((await w.clerk.client.post(`/api/bundles/${id}/intake`, body())).statusCode).toBe(404)
    expect((await w.manager.client.post(`/api/bundles/${id}/restore`)).json().status).toBe('active')
    expect((await w.clerk.client.post(`/api/bundles/${id}/intake`, body())).statusCode).toBe(201)
  })
})
