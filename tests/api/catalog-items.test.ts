// The item catalog on the demo district: draft → published → superseded, duplicate codes, limits, offerings,
// discard and retire, the staff list, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { itemCode } from '../helpers/item-code.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, manager: Client, donggou: Client, liangzi: Client, clerk: Client
const center: Record<string, number> = {}
const dept: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  for (const d of await t.db.selectFrom('departments').select(['id', 'code']).execute()) dept[d.code] = d.id
  ;[admin, manager, donggou, liangzi, clerk] = await Promise.all(
    ['admin', 'district.manager1', 'donggou.manager', 'liangzi.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

let seq = 0
function itemBody(over: Record<string, unknown> = {}) {
  seq += 1
  return {
    code: itemCode(seq), departmentId: dept['D-MZ'], name: '临时救助金申领', basicCode: '000299001000',
    itemType: '行政给付', implementingBody: '区民政局', targets: ['person'], handlingKind: 'promised', legalDays: 20,
    promisedDays: 10, acceptLevel: 'town', decideLevel: 'district', conditions: '因意外事件导致基本生活暂时出现严重困难',
    procedure: ['受理', '审核', '审批'], fees: { charged: false }, result: '临时救助金', visits: 1, consultPhone: '027-86652104',
    complaintPhone: '12345', specialProcedures: ['public_notice'], theme: '社会救助', category: '民政服务类',
    materials: [
      { name: '临时救助申请书', form: 'original', copies: 1, required: true },
      { name: '申请人居民身份证', form: 'copy', copies: 1, required: true, note: '核验原件' },
    ],
    ...over,
  }
}
const draftOf = (b: ReturnType<typeof itemBody>) => {
  const { code: _c, departmentId: _d, offeredCenterIds: _o, ...rest } = b as ReturnType<typeof itemBody> & { offeredCenterIds?: number[] }
  return rest
}
const versionsOf = (itemId: number) => t.db.selectFrom('item_versions').select(['version', 'status', 'name', 'superseded_at', 'published_at'])
  .where('item_id', '=', itemId).orderBy('version').execute()

describe('draft → published → superseded', () => {
  it('walks the whole lifecycle; the public guide only ever shows the published version', async () => {
    const body = itemBody({ name: '临时救助金申领', offeredCenterIds: [center.D01, center.T01] })
    const created = await manager.post('/api/items', body)
    expect(created.statusCode).toBe(201)
    const item = created.json()
    expect(item).toMatchObject({ code: body.code, status: 'active', departmentId: dept['D-MZ'], published: null, editable: true })
    expect(item.draft).toMatchObject({ version: 1, status: 'draft', name: '临时救助金申领', nameInitials: 'lsjzjsl', namePinyin: 'linshijiuzhujinshenling' })
    expect(item.draft.materials.map((m: { name: string }) => m.name)).toEqual(['临时救助申请书', '申请人居民身份证'])
    expect(item.offerings).toEqual([
      expect.objectContaining({ centerId: center.D01, kind: 'direct' }),
      expect.objectContaining({ centerId: center.T01, kind: 'forward' }),
    ])
    expect((await t.app.inject({ url: `/api/public/items/${item.id}` })).statusCode).toBe(404)

    const p1 = await manager.post(`/api/items/${item.id}/publish`)
    expect(p1.statusCode).toBe(200)
    expect(p1.json()).toMatchObject({ published: { version: 1, status: 'published' }, draft: null })
    expect((await t.app.inject({ url: `/api/public/items/${item.id}` })).json()).toMatchObject({ version: 1, name: '临时救助金申领' })

    // editing a published item makes draft 2, a copy (materials included when not given)
    const { materials: _m, ...noMaterials } = draftOf(body)
    const e1 = await manager.put(`/api/items/${item.id}/draft`, { ...noMaterials, name: '临时救助金申请', promisedDays: 7 })
    expect(e1.statusCode).toBe(200)
    expect(e1.json()).toMatchObject({ version: 2, status: 'draft', name: '临时救助金申请', promisedDays: 7, nameInitials: 'lsjzjsq' })
    expect(e1.json().materials.map((m: { name: string }) => m.name)).toEqual(['临时救助申请书', '申请人居民身份证'])
    expect((await t.app.inject({ url: `/api/public/items/${item.id}` })).json()).toMatchObject({ version: 1, name: '临时救助金申领', promisedDays: 10 })

    // editing the draft again updates it in place
    const e2 = await manager.put(`/api/items/${item.id}/draft`, { ...draftOf(body), name: '临时救助申请', materials: [{ name: '申请书', form: 'original' }] })
    expect(e2.statusCode).toBe(200)
    expect(e2.json()).toMatchObject({ version: 2, name: '临时救助申请', materials: [{ name: '申请书', form: 'original', copies: 1, required: true, note: '', sampleFileId: null }] })
    expect((await versionsOf(item.id)).map((v) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'draft']])

    const p2 = await manager.post(`/api/items/${item.id}/publish`)
    expect(p2.statusCode).toBe(200)
    const stored = await versionsOf(item.id)
    expect(stored.map((v) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'published']])
    expect(stored[0].superseded_at).toBeInstanceOf(Date)
    expect(stored[1].published_at).toBeInstanceOf(Date)
    expect(p2.json().versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'published']])

    const pub = (await t.app.inject({ url: `/api/public/items/${item.id}` })).json()
    expect(pub).toMatchObject({ version: 2, name: '临时救助申请', promisedDays: 10, materials: [{ name: '申请书' }] })
    const audit = (await listAudit(t.db, 'service_item', item.id)).map((a) => [a.action, (a.data as { version?: number }).version])
    expect(audit).toEqual([['item.create', 1], ['item.publish', 1], ['item.draft.create', 2], ['item.draft.update', 2], ['item.publish', 2]])
    const last = await listAudit(t.db, 'service_item', item.id)
    expect(last.at(-1)!.data).toMatchObject({ version: 2, superseded: 1 })
  })

  it('publishing without a draft is a 409 no_draft', async () => {
    const id = (await manager.post('/api/items', itemBody())).json().id
    expect((await manager.post(`/api/items/${id}/publish`)).statusCode).toBe(200)
    const again = await manager.post(`/api/items/${id}/publish`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('no_draft')
  })

  it('discarding a draft keeps the published version; discarding a never-published item removes it', async () => {
    const b = itemBody()
    const id = (await manager.post('/api/items', b)).json().id
    await manager.post(`/api/items/${id}/publish`)
    await manager.put(`/api/items/${id}/draft`, { ...draftOf(b), name: '改后名称' })
    const d = await manager.delete(`/api/items/${id}/draft`)
    expect(d.statusCode).toBe(200)
    expect(d.json()).toEqual({ discardedVersion: 2, itemDeleted: false })
    expect((await versionsOf(id)).map((v) => [v.version, v.status])).toEqual([[1, 'published']])
    expect((await manager.delete(`/api/items/${id}/draft`)).json().error.code).toBe('no_draft')

    const fresh = (await manager.post('/api/items', itemBody())).json().id
    expect((await manager.delete(`/api/items/${fresh}/draft`)).json()).toEqual({ discardedVersion: 1, itemDeleted: true })
    expect((await manager.get(`/api/items/${fresh}`)).statusCode).toBe(404)
    expect(await t.db.selectFrom('service_items').select('id').where('id', '=', fresh).executeTakeFirst()).toBeUndefined()
  })

  it('retiring takes an item out of the public guide and refuses further edits', async () => {
    const b = itemBody({ offeredCenterIds: [center.D01] })
    const id = (await manager.post('/api/items', b)).json().id
    await manager.post(`/api/items/${id}/publish`)
    const r = await manager.post(`/api/items/${id}/retire`)
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({ status: 'retired', editable: false })
    expect((await t.app.inject({ url: `/api/public/items/${id}` })).statusCode).toBe(404)
    const edit = await manager.put(`/api/items/${id}/draft`, draftOf(b))
    expect(edit.statusCode).toBe(409)
    expect(edit.json().error.code).toBe('item_retired')
    expect((await listAudit(t.db, 'service_item', id)).at(-1)!.action).toBe('item.retire')
  })
})

describe('refusals', () => {
  it('a duplicate 实施编码 is a 409 duplicate_code, also against a demo item', async () => {
    const b = itemBody()
    expect((await manager.post('/api/items', b)).statusCode).toBe(201)
    const dup = await manager.post('/api/items', { ...b })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('duplicate_code')
    const demo = await t.db.selectFrom('service_items').select('code').limit(1).executeTakeFirstOrThrow()
    expect((await manager.post('/api/items', itemBody({ code: demo.code, basicCode: demo.code.slice(-12) }))).json().error.code).toBe('duplicate_code')
  })

  it('promised > legal is a 400 naming body.promisedDays, on create and on edit', async () => {
    const res = await manager.post('/api/items', itemBody({ legalDays: 5, promisedDays: 6 }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ field: 'body.promisedDays', message: expect.any(String) }])
    const b = itemBody()
    const id = (await manager.post('/api/items', b)).json().id
    const edit = await manager.put(`/api/items/${id}/draft`, { ...draftOf(b), legalDays: 3, promisedDays: 4 })
    expect(edit.statusCode).toBe(400)
    expect(edit.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.promisedDays'])
  })

  it('names every bad field', async () => {
    const res = await manager.post('/api/items', itemBody({ name: '', itemType: '行政审批', legalDays: -1, targets: [], materials: [{ name: 'x', form: 'scan' }], extra: 1 }))
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.itemType', 'body.legalDays', 'body.targets', 'body.materials.0.form', 'body.extra']))
  })

  it('blank names and NUL characters are refused by field, never a 500', async () => {
    const res = await manager.post('/api/items', itemBody({ name: '   ', conditions: 'a\u0000b', procedure: ['受理', ' '] }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.conditions', 'body.name', 'body.procedure.1'])
    expect((await t.app.inject({ url: '/api/public/items?q=%00' })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/public/items?theme=%00' })).statusCode).toBe(200)
  })

  it('an unknown department or sample file is named', async () => {
    const res = await manager.post('/api/items', itemBody({ departmentId: 999999, materials: [{ name: '样表', form: 'original', sampleFileId: 987654 }] }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.departmentId', 'body.materials.0.sampleFileId'])
  })

  it('a bad id is a 400, an unknown one a 404', async () => {
    expect((await manager.get('/api/items/abc')).statusCode).toBe(400)
    expect((await manager.get('/api/items/99999999')).statusCode).toBe(404)
  })
})

describe('offerings', () => {
  it('a village may not offer an item accepted only at the district: 400 level_not_allowed', async () => {
    const res = await manager.post('/api/items', itemBody({ acceptLevel: 'district', decideLevel: 'district', offeredCenterIds: [center.T01V01] }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('level_not_allowed')
    const id = (await manager.post('/api/items', itemBody({ acceptLevel: 'district', decideLevel: 'district' }))).json().id
    const put = await manager.put(`/api/items/${id}/offerings`, { centerIds: [center.D01, center.T01V01] })
    expect(put.statusCode).toBe(400)
    expect(put.json().error).toMatchObject({ code: 'level_not_allowed', details: [{ centerId: center.T01V01, level: 'village', acceptLevel: 'district' }] })
    expect(await t.db.selectFrom('item_offerings').select('center_id').where('item_id', '=', id).execute()).toEqual([])
  })

  it('a town accepting a district-decided item is a forward (上报) offering; the change is audited', async () => {
    const id = (await manager.post('/api/items', itemBody({ acceptLevel: 'village', decideLevel: 'district' }))).json().id
    const put = await manager.put(`/api/items/${id}/offerings`, { centerIds: [center.T01, center.T01V01, center.D01] })
    expect(put.statusCode).toBe(200)
    const kinds = Object.fromEntries(put.json().offerings.map((o: { centerId: number; kind: string }) => [o.centerId, o.kind]))
    expect(kinds).toEqual({ [center.D01]: 'direct', [center.T01]: 'forward', [center.T01V01]: 'forward' })
    const audit = (await listAudit(t.db, 'service_item', id)).at(-1)!
    expect(audit).toMatchObject({ action: 'item.offerings.set' })
    expect((audit.data as { after: number[] }).after).toHaveLength(3)
  })

  it('publishing a draft that raises the accept level above an offering is refused', async () => {
    const b = itemBody({ acceptLevel: 'town', decideLevel: 'district', offeredCenterIds: [center.T01] })
    const id = (await manager.post('/api/items', b)).json().id
    await manager.post(`/api/items/${id}/publish`)
    expect((await manager.put(`/api/items/${id}/draft`, { ...draftOf(b), acceptLevel: 'district' })).statusCode).toBe(200)
    const pub = await manager.post(`/api/items/${id}/publish`)
    expect(pub.statusCode).toBe(400)
    expect(pub.json().error.code).toBe('level_not_allowed')
    expect((await versionsOf(id)).map((v) => v.status)).toEqual(['published', 'draft'])
  })

  it('an unknown center is named; a town item cannot be offered at another town', async () => {
    const id = (await manager.post('/api/items', itemBody())).json().id
    const bad = await manager.put(`/api/items/${id}/offerings`, { centerIds: [center.D01, 99999999] })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([{ field: 'body.centerIds.1', message: expect.any(String) }])
    const own = await donggou.post('/api/items', itemBody({ departmentId: dept['T01-MZ'], acceptLevel: 'town', decideLevel: 'town' }))
    expect(own.statusCode).toBe(201)
    const other = await admin.put(`/api/items/${own.json().id}/offerings`, { centerIds: [center.T02] })
    expect(other.statusCode).toBe(400)
    expect(other.json().error.code).toBe('offering_outside_department')
  })
})

describe('GET /api/items', () => {
  it('lists items with their published and draft version numbers, searchable', async () => {
    const b = itemBody({ name: '孤儿基本生活费发放' })
    const id = (await manager.post('/api/items', b)).json().id
    await manager.post(`/api/items/${id}/publish`)
    await manager.put(`/api/items/${id}/draft`, draftOf(b))
    const res = await clerk.get('/api/items?q=孤儿基本')
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([expect.objectContaining({ id, code: b.code, name: '孤儿基本生活费发放', publishedVersion: 1, draftVersion: 2, departmentName: '区民政局' })])
    const drafts = (await admin.get('/api/items?status=draft&pageSize=200')).json().items as { draftVersion: number | null }[]
    expect(drafts.length).toBeGreaterThan(0)
    expect(drafts.every((r) => r.draftVersion !== null)).toBe(true)
    const all = (await admin.get('/api/items?pageSize=5&page=2')).json()
    expect(all.items).toHaveLength(5)
    expect(all.total).toBeGreaterThan(181)
    expect((await admin.get('/api/items?pageSize=200&page=100')).json()).toMatchObject({ items: [], total: all.total })
  })

  it('a town sees its own items and the district items its centers accept, never a sibling town\'s', async () => {
    const list = (await donggou.get('/api/items?pageSize=200')).json()
    const codes = new Set((list.items as { departmentName: string }[]).map((i) => i.departmentName))
    expect([...codes].some((n) => n.startsWith('东沟镇'))).toBe(true)
    expect([...codes].some((n) => n.startsWith('区'))).toBe(true)
    expect([...codes].some((n) => n.startsWith('梁子镇'))).toBe(false)
    const t02 = await t.db.selectFrom('service_items').innerJoin('departments', 'departments.id', 'service_items.department_id')
      .select('service_items.id').where('departments.code', 'like', 'T02-%').executeTakeFirstOrThrow()
    expect((await donggou.get(`/api/items/${t02.id}`)).statusCode).toBe(403)
    expect((await donggou.get(`/api/items?centerId=${center.T02}`)).statusCode).toBe(403)
  })
})

describe('permissions', () => {
  it('without login: 401', async () => {
    expect((await t.app.inject({ url: '/api/items' })).statusCode).toBe(401)
  })

  it('a clerk reads but cannot write: 403', async () => {
    expect((await clerk.get('/api/items')).statusCode).toBe(200)
    const res = await clerk.post('/api/items', itemBody())
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('forbidden')
    const id = (await manager.post('/api/items', itemBody())).json().id
    expect((await clerk.post(`/api/items/${id}/publish`)).statusCode).toBe(403)
    expect((await clerk.put(`/api/items/${id}/offerings`, { centerIds: [] })).statusCode).toBe(403)
  })

  it('a town manager cannot edit a district item (403) but edits its own town\'s', async () => {
    const b = itemBody({ offeredCenterIds: [center.T01] })
    const id = (await manager.post('/api/items', b)).json().id
    expect((await donggou.get(`/api/items/${id}`)).json().editable).toBe(false)
    const res = await donggou.put(`/api/items/${id}/draft`, draftOf(b))
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('outside_jurisdiction')
    expect((await donggou.post(`/api/items/${id}/publish`)).statusCode).toBe(403)
    expect((await donggou.post('/api/items', itemBody())).statusCode).toBe(403)
    const own = await donggou.post('/api/items', itemBody({ departmentId: dept['T01-MZ'], acceptLevel: 'village', decideLevel: 'town', offeredCenterIds: [center.T01, center.T01V01] }))
    expect(own.statusCode).toBe(201)
    expect((await donggou.post(`/api/items/${own.json().id}/publish`)).statusCode).toBe(200)
    expect((await liangzi.put(`/api/items/${own.json().id}/offerings`, { centerIds: [center.T02] })).statusCode).toBe(403)
  })

  it('a town manager cannot offer its item at a sibling town\'s village', async () => {
    const own = (await donggou.post('/api/items', itemBody({ departmentId: dept['T01-MZ'], acceptLevel: 'village', decideLevel: 'town' }))).json()
    const res = await donggou.put(`/api/items/${own.id}/offerings`, { centerIds: [center.T02V01] })
    expect(res.statusCode).toBe(403)
  })

  it('the public never sees a draft', async () => {
    const b = itemBody({ name: '草稿专用测试事项', offeredCenterIds: [center.D01] })
    const id = (await manager.post('/api/items', b)).json().id
    const search = (await t.app.inject({ url: `/api/public/items?q=${encodeURIComponent('草稿专用')}` })).json()
    expect(search).toEqual({ items: [], total: 0 })
    expect((await t.app.inject({ url: `/api/public/items?q=${b.code}` })).json().total).toBe(0)
    expect((await t.app.inject({ url: `/api/public/items/${id}` })).statusCode).toBe(404)
  })
})
