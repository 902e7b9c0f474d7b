// 俗称 (keywords) and code shapes (issue 12 items 5 and 8): the guide finds 低保 and 医保 through the demo's
// keywords and full pinyin anywhere in a name; keywords are edited in drafts and shown on the item page;
// 实施编码 and 基本编码 are checked unless an administrator marks the item local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { itemCode } from '../helpers/item-code.js'

let t: TestApp
let admin: Client, manager: Client
const dept: Record<string, number> = {}
const center: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const d of await t.db.selectFrom('departments').select(['id', 'code']).execute()) dept[d.code] = d.id
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  ;[admin, manager] = await Promise.all(['admin', 'district.manager1'].map((u) => t.login(u)))
})
afterAll(() => t.close())

const names = async (q: string) => {
  const res = await t.app.inject({ url: `/api/public/items?q=${encodeURIComponent(q)}&pageSize=50` })
  expect(res.statusCode).toBe(200)
  return (res.json().items as { name: string }[]).map((i) => i.name)
}

let seq = 100
const body = (over: Record<string, unknown> = {}) => ({
  code: itemCode(++seq), departmentId: dept['D-MZ'], name: '新用户测试临时救助申请', basicCode: '000299001000', itemType: '行政给付',
  implementingBody: '区民政局', targets: ['person'], handlingKind: 'promised', legalDays: 20, promisedDays: 10,
  acceptLevel: 'district', decideLevel: 'district', offeredCenterIds: [center.D01], ...over,
})

describe('guide search by 俗称 and pinyin', () => {
  it('finds the demo items by what citizens call them, the named item first', async () => {
    expect((await names('低保'))[0]).toBe('最低生活保障审批')
    expect(await names('医保')).toContain('新型农村合作医疗参保登记')
    expect(await names('社保卡')).toEqual(['社会保障卡申领'])
    expect(await names('准生证')).toEqual(expect.arrayContaining(['生育服务登记', '计划生育服务证明']))
    expect(await names('dibao')).toContain('最低生活保障审批') // the 俗称 in pinyin
  })

  it('matches full pinyin anywhere in a name, also in the staff list', async () => {
    const created = await manager.post('/api/items', body())
    expect(created.statusCode).toBe(201)
    expect((await manager.post(`/api/items/${created.json().id}/publish`, {})).statusCode).toBe(200)
    expect(await names('linshijiuzhu')).toEqual(expect.arrayContaining(['新用户测试临时救助申请', '临时救助审批']))
    const staff = await manager.get('/api/items?q=linshijiuzhu&pageSize=50')
    expect((staff.json().items as { name: string }[]).map((i) => i.name)).toContain('新用户测试临时救助申请')
    expect((await manager.get(`/api/items?q=${encodeURIComponent('低保')}`)).json().items.map((i: { name: string }) => i.name)).toContain('最低生活保障审批')
  })
})

describe('keywords on items', () => {
  it('are saved with a draft (trimmed, without repeats), published and shown on the public item page', async () => {
    const created = await manager.post('/api/items', body({ keywords: [' 救急钱 ', '救急钱', '临时补助'] }))
    expect(created.statusCode).toBe(201)
    expect(created.json().draft.keywords).toEqual(['救急钱', '临时补助'])
    const id = created.json().id
    const { code: _c, departmentId: _d, offeredCenterIds: _o, ...draft } = body({ keywords: ['救急钱'] })
    expect((await manager.put(`/api/items/${id}/draft`, draft)).json().keywords).toEqual(['救急钱'])
    await manager.post(`/api/items/${id}/publish`, {})
    const page = await t.app.inject({ url: `/api/public/items/${id}` })
    expect(page.json().keywords).toEqual(['救急钱'])
    expect(await names('救急钱')).toEqual(['新用户测试临时救助申请'])
  })

  it('refuses a keyword over 20 characters or more than 20 keywords', async () => {
    const res = await manager.post('/api/items', body({ keywords: ['一'.repeat(21)] }))
    expect(res.statusCode).toBe(400)
    expect(JSON.stringify(res.json().error.details)).toContain('keywords')
  })
})

describe('code shapes', () => {
  it('refuses 实施编码 TEST-001 and 基本编码 abc, naming both fields', async () => {
    const res = await manager.post('/api/items', body({ code: 'TEST-001', basicCode: 'abc' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.basicCode', 'body.code'])
    expect(await t.db.selectFrom('service_items').select('id').where('code', '=', 'TEST-001').execute()).toEqual([])
  })

  it('wants the 实施编码 to end with the 基本编码, and a draft to keep a 12-digit 基本编码', async () => {
    const res = await manager.post('/api/items', body({ code: itemCode(999, '000299001000'), basicCode: '000299002000' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ field: 'body.code', message: expect.stringContaining('000299002000') }])
    const ok = await manager.post('/api/items', body())
    const { code: _c, departmentId: _d, offeredCenterIds: _o, ...draft } = body({ basicCode: '12-34' })
    const put = await manager.put(`/api/items/${ok.json().id}/draft`, draft)
    expect(put.statusCode).toBe(400)
    expect(put.json().error.details[0].field).toBe('body.basicCode')
  })

  it('an administrator may create a local item whose codes are the district\'s own; nobody else may', async () => {
    expect((await manager.post('/api/items', body({ code: 'LOCAL-1', basicCode: 'L1', localCode: true }))).statusCode).toBe(403)
    const local = await admin.post('/api/items', body({ code: 'LOCAL-1', basicCode: 'L1', localCode: true }))
    expect(local.statusCode).toBe(201)
    expect(local.json()).toMatchObject({ code: 'LOCAL-1', localCode: true })
    const { code: _c, departmentId: _d, offeredCenterIds: _o, ...draft } = body({ basicCode: 'L2' })
    expect((await manager.put(`/api/items/${local.json().id}/draft`, draft)).statusCode).toBe(200)
  })

  it('an administrator switches an existing item to 地方事项 and back; back needs national-shape codes', async () => {
    const made = await manager.post('/api/items', body())
    expect(made.statusCode).toBe(201)
    const id = made.json().id as number
    expect((await manager.put(`/api/items/${id}/local-code`, { localCode: true })).statusCode).toBe(403)
    expect((await admin.put(`/api/items/${id}/local-code`, { localCode: 'yes' })).json().error.details[0].field).toBe('body.localCode')
    const local = await admin.put(`/api/items/${id}/local-code`, { localCode: true })
    expect(local.statusCode).toBe(200)
    expect(local.json().localCode).toBe(true)
    // As a local item its draft may carry the district's own 基本编码 …
    const { code: _c, departmentId: _d, offeredCenterIds: _o, ...draft } = body({ basicCode: 'QX-07' })
    expect((await manager.put(`/api/items/${id}/draft`, draft)).statusCode).toBe(200)
    // … so it cannot go back to national until the code has the national shape.
    const back = await admin.put(`/api/items/${id}/local-code`, { localCode: false })
    expect(back.statusCode).toBe(409)
    expect(back.json().error).toMatchObject({ code: 'codes_not_national', details: [{ field: 'basicCode' }] })
    const { code: _c2, departmentId: _d2, offeredCenterIds: _o2, ...fixed } = body()
    expect((await manager.put(`/api/items/${id}/draft`, fixed)).statusCode).toBe(200)
    const national = await admin.put(`/api/items/${id}/local-code`, { localCode: false })
    expect(national.statusCode).toBe(200)
    expect(national.json().localCode).toBe(false)
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', String(id)).where('action', 'in', ['item.local', 'item.national']).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['item.local', 'item.national'])
  })
})
