// The public guide (no login) on the demo district: search by Chinese, code, basic code and pinyin; the item
// guide with materials, centers and windows; departments and themes with counts. Contract shapes exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
const center: Record<string, number> = {}
let dibao: { id: number; code: string; basic_code: string }

const get = (url: string) => t.app.inject({ url })
const search = async (qs: string) => {
  const res = await get(`/api/public/items?${qs}`)
  expect(res.statusCode).toBe(200)
  return res.json() as { items: { id: number; code: string; name: string }[]; total: number }
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  dibao = await t.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id')
    .select(['i.id', 'i.code', 'v.basic_code']).where('v.name', '=', '最低生活保障审批').where('v.status', '=', 'published')
    .executeTakeFirstOrThrow()
})
afterAll(() => t.close())

describe('GET /api/public/items', () => {
  it('returns ItemSummary rows with exactly the contract fields (and a few more)', async () => {
    const { items, total } = await search('pageSize=5')
    expect(total).toBe(181)
    expect(items).toHaveLength(5)
    for (const key of ['id', 'code', 'name', 'itemType', 'departmentId', 'departmentName', 'handlingKind', 'legalDays', 'promisedDays', 'acceptLevel', 'decideLevel']) {
      expect(items[0]).toHaveProperty(key)
    }
    expect(['immediate', 'promised', 'joint', 'forward', 'controlled']).toContain((items[0] as unknown as { handlingKind: string }).handlingKind)
  })

  it('finds by a Chinese substring of the name', async () => {
    const { items } = await search(`q=${encodeURIComponent('生活保障')}`)
    expect(items.map((i) => i.id)).toContain(dibao.id)
    expect(items.every((i) => i.name.includes('生活保障'))).toBe(true)
  })

  it('finds by pinyin initials and by a prefix of the full pinyin', async () => {
    expect((await search('q=zdsh')).items.map((i) => i.id)).toContain(dibao.id)
    expect((await search('q=ZDSHBZ')).items.map((i) => i.id)).toContain(dibao.id)
    expect((await search('q=zuidishenghuo')).items.map((i) => i.id)).toContain(dibao.id)
  })

  it('finds by code: the exact code first, a prefix, and the basic code', async () => {
    const exact = await search(`q=${dibao.code}`)
    expect(exact.items[0].id).toBe(dibao.id)
    expect(exact.total).toBe(1)
    const prefix = await search(`q=${dibao.code.slice(0, 18)}&pageSize=100`)
    expect(prefix.items.map((i) => i.id)).toContain(dibao.id)
    expect(prefix.items.every((i) => i.code.startsWith(dibao.code.slice(0, 18)))).toBe(true)
    expect((await search(`q=${dibao.basic_code}`)).items.map((i) => i.id)).toContain(dibao.id)
  })

  it('terms combine; LIKE wildcards are plain characters', async () => {
    expect((await search(`q=${encodeURIComponent('最低 审批')}`)).items.map((i) => i.id)).toContain(dibao.id)
    expect((await search(`q=${encodeURIComponent('最低 不存在的词')}`)).total).toBe(0)
    expect((await search('q=%25')).total).toBe(0)
    expect((await search('q=_')).total).toBe(0)
  })

  it('filters by center (items offered there), department and theme', async () => {
    const offered = await t.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', center.T01V01).execute()
    const atVillage = await search(`centerId=${center.T01V01}&pageSize=100`)
    expect(atVillage.total).toBe(offered.length)
    expect(atVillage.items.map((i) => i.id).sort()).toEqual(offered.map((o) => o.item_id).sort())
    const mz = await t.db.selectFrom('departments').select('id').where('code', '=', 'D-MZ').executeTakeFirstOrThrow()
    expect((await search(`departmentId=${mz.id}`)).total).toBe(11)
    const theme = await search(`theme=${encodeURIComponent('社会救助')}&pageSize=100`)
    expect(theme.total).toBeGreaterThan(0)
    expect(theme.items.every((i) => (i as unknown as { theme: string }).theme === '社会救助')).toBe(true)
  })

  it('pages keep the total', async () => {
    const page9 = await search('pageSize=20&page=10')
    expect(page9).toMatchObject({ total: 181 })
    expect(page9.items).toHaveLength(1)
    expect(await search('pageSize=20&page=11')).toEqual({ items: [], total: 181 })
  })

  it('bad parameters are a 400 naming the field', async () => {
    const res = await get('/api/public/items?pageSize=1000&centerId=x')
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['querystring.centerId', 'querystring.pageSize'])
  })
})

describe('GET /api/public/items/:id', () => {
  it('is the whole guide: ItemSummary, materials, procedure, fees, centers with their windows', async () => {
    const res = await get(`/api/public/items/${dibao.id}`)
    expect(res.statusCode).toBe(200)
    const g = res.json()
    expect(g).toMatchObject({
      id: dibao.id, code: dibao.code, name: '最低生活保障审批', itemType: '行政给付', departmentName: '区民政局',
      handlingKind: 'forward', legalDays: 30, promisedDays: 20, acceptLevel: 'village', decideLevel: 'district', version: 1,
      fees: { charged: false },
    })
    for (const key of ['conditions', 'procedure', 'result', 'visits', 'consultPhone', 'complaintPhone', 'legalBasis', 'implementingBody', 'targets', 'specialProcedures', 'theme', 'category', 'deferralDays', 'deferralLapse']) {
      expect(g).toHaveProperty(key)
    }
    expect(g.materials.length).toBeGreaterThan(0)
    expect(Object.keys(g.materials[0]).sort()).toEqual(['copies', 'deferrable', 'form', 'id', 'name', 'note', 'required', 'sampleFileId'])
    const offered = await t.db.selectFrom('item_offerings').select('center_id').where('item_id', '=', dibao.id).execute()
    expect(g.centers).toHaveLength(offered.length)
    const d01 = g.centers.find((c: { id: number }) => c.id === center.D01)
    expect(d01).toMatchObject({ name: expect.any(String), level: 'district', address: expect.any(String), hours: expect.any(String), forward: false })
    expect(d01.windows.length).toBeGreaterThan(0)
    expect(Object.keys(d01.windows[0]).sort()).toEqual(['id', 'name', 'number'])
    const village = g.centers.find((c: { level: string }) => c.level === 'village')
    expect(village).toMatchObject({ forward: true })
  })

  it('404 for an unknown item, 400 for a bad id', async () => {
    expect((await get('/api/public/items/99999999')).statusCode).toBe(404)
    expect((await get('/api/public/items/abc')).statusCode).toBe(400)
  })
})

describe('GET /api/public/departments and /api/public/themes', () => {
  it('counts published items per department, optionally at one center', async () => {
    const res = await get('/api/public/departments')
    expect(res.statusCode).toBe(200)
    const list = res.json().departments as { code: string; items: number }[]
    expect(list.find((d) => d.code === 'D-MZ')).toMatchObject({ name: '区民政局', items: 11 })
    expect(list.reduce((s, d) => s + d.items, 0)).toBe(181)
    const atT01 = (await get(`/api/public/departments?centerId=${center.T01}`)).json().departments as { items: number }[]
    const offered = await t.db.selectFrom('item_offerings').select('item_id').where('center_id', '=', center.T01).execute()
    expect(atT01.reduce((s, d) => s + d.items, 0)).toBe(offered.length)
  })

  it('counts published items per theme', async () => {
    const res = await get('/api/public/themes')
    expect(res.statusCode).toBe(200)
    const themes = res.json().themes as { theme: string; count: number }[]
    expect(themes.find((x) => x.theme === '社会保障')?.count).toBeGreaterThan(0)
    expect(themes.reduce((s, x) => s + x.count, 0)).toBe(181)
  })
})

describe('the search follows every catalog write at once', () => {
  it('sees a department renamed through the network API and an offering removed in plain SQL', async () => {
    const before = await search(`q=${encodeURIComponent('最低生活保障审批')}`)
    expect(before.items[0]).toMatchObject({ id: dibao.id })
    const admin = await t.login('admin')
    const dept = (await t.db.selectFrom('service_items').select('department_id').where('id', '=', dibao.id).executeTakeFirstOrThrow()).department_id
    expect((await admin.patch(`/api/departments/${dept}`, { name: '区民政局（更名）' })).statusCode).toBe(200)
    const renamed = await search(`q=${encodeURIComponent('最低生活保障审批')}`)
    expect((renamed.items[0] as unknown as { departmentName: string }).departmentName).toBe('区民政局（更名）')

    const atT01 = (await search(`centerId=${center.T01}&q=${encodeURIComponent('最低生活保障')}`)).total
    expect(atT01).toBeGreaterThan(0)
    await t.db.deleteFrom('item_offerings').where('item_id', '=', dibao.id).where('center_id', '=', center.T01).execute()
    expect((await search(`centerId=${center.T01}&q=${encodeURIComponent('最低生活保障')}`)).total).toBe(atT01 - 1)
  })
})
