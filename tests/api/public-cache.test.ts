// Public pages from memory (issue 10): every public GET carries an ETag of its generation, If-None-Match gets a 304,
// garbage gets a normal 200, and a write acknowledged through the API is on the public page at once with a new ETag,
// also when the app trusts LISTEN/NOTIFY (as npm start does) and in another process sharing the database.
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, createPool, type Db } from '../../src/db/database.js'
import { buildApp, type App } from '../../src/server/app.js'
import type { Bus } from '../../src/kernel/bus.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let manager: Client, admin: Client
let other: Db // a second "process": its own pool on the same database, no listener of ours
let dibao: number
let dibaoCode: string

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers })
const PUBLIC_GETS = ['/api/public/items/{dibao}', '/api/public/centers', '/api/public/departments', '/api/public/themes',
  '/api/public/items?q=zdsh', '/api/public/departments?centerId=1']
const urls = () => PUBLIC_GETS.map((u) => u.replace('{dibao}', String(dibao)))

async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const end = Date.now() + ms
  while (Date.now() < end) { if (await check()) return true; await new Promise((r) => setTimeout(r, 20)) }
  return false
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, bus: true })
  ;[manager, admin] = await Promise.all([t.login('district.manager1'), t.login('admin')])
  const row = await t.db.selectFrom('item_versions as v').innerJoin('service_items as i', 'i.id', 'v.item_id')
    .select(['i.id', 'i.code']).where('v.name', '=', '最低生活保障审批').where('v.status', '=', 'published').executeTakeFirstOrThrow()
  dibao = row.id
  dibaoCode = row.code
  other = createDb(createPool(t.testDb.url, 2))
})
afterAll(async () => { await other.destroy(); await t.close() })

describe('ETag and If-None-Match', () => {
  it('every public GET carries an ETag and answers 304, with no body, to the same tag', async () => {
    for (const url of urls()) {
      const first = await get(url)
      expect(first.statusCode, url).toBe(200)
      const etag = String(first.headers.etag)
      expect(etag, url).toMatch(/^"[a-z0-9]+"$/)
      const again = await get(url, { 'if-none-match': etag })
      expect(again.statusCode, url).toBe(304)
      expect(again.body, url).toBe('')
      expect(again.headers.etag, url).toBe(etag)
      expect((await get(url, { 'if-none-match': `W/${etag}` })).statusCode, url).toBe(304)
      expect((await get(url, { 'if-none-match': `"x", ${etag}` })).statusCode, url).toBe(304)
    }
  })

  it('a cached page is the same JSON as the contract asks (fields, not a string)', async () => {
    const res = await get(`/api/public/items/${dibao}`)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toMatchObject({ id: dibao, code: dibaoCode, name: '最低生活保障审批', materials: expect.any(Array), centers: expect.any(Array) })
    const centers = (await get('/api/public/centers')).json().centers
    expect(centers[0]).toEqual({ id: expect.any(Number), name: expect.any(String), level: 'district', parentId: null, address: expect.any(String), phone: expect.any(String), hours: expect.any(String) })
  })

  it('a client that takes gzip gets the page gzipped once per generation, with its own tag and Vary', async () => {
    const plain = await get(`/api/public/items/${dibao}`)
    const gz = await get(`/api/public/items/${dibao}`, { 'accept-encoding': 'gzip, deflate, br' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toMatch(/accept-encoding/i)
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body)
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(gz.headers.etag).toBe(String(plain.headers.etag).replace(/"$/, '-gz"'))
    expect((await get(`/api/public/items/${dibao}`, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).statusCode).toBe(304)
    expect((await get(`/api/public/items/${dibao}`, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined()
  })

  it('garbage in If-None-Match gets a normal 200 with the body', async () => {
    for (const garbage of ['garbage', '"', ',,,', 'W/', '*x', '"c1n1"', 'W/"nope", "also"', '\u00e9\u00e9', 'x'.repeat(4000)]) {
      const res = await get(`/api/public/items/${dibao}`, { 'if-none-match': garbage })
      expect(res.statusCode, garbage).toBe(200)
      expect(res.json().id).toBe(dibao)
    }
  })

  it('an unknown or unpublished item is a 404 (not cached as a page), never a 5xx', async () => {
    for (const id of [2147483647, 999999, dibao + 100000]) {
      const res = await get(`/api/public/items/${id}`)
      expect(res.statusCode).toBe(404)
      expect(res.headers.etag).toBeUndefined()
    }
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999999', '%00']) expect((await get(`/api/public/items/${bad}`)).statusCode).toBe(400)
  })
})

describe('fresh after a write', () => {
  it('an item edited and published through the API is on its public page at once, with a new ETag', async () => {
    const before = await get(`/api/public/items/${dibao}`)
    const item = (await manager.get(`/api/items/${dibao}`)).json()
    const { id: _i, version: _v, status: _s, publishedAt: _p, createdAt: _c, updatedAt: _u, ...draft } = item.published
    const edited = await manager.put(`/api/items/${dibao}/draft`, { ...pickDraft(draft), promisedDays: 3, result: '低保金（本次修改）' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect((await get(`/api/public/items/${dibao}`)).json().result).not.toBe('低保金（本次修改）') // a draft is not public
    expect((await manager.post(`/api/items/${dibao}/publish`)).statusCode).toBe(200)

    const after = await get(`/api/public/items/${dibao}`, { 'if-none-match': String(before.headers.etag) })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.json()).toMatchObject({ promisedDays: 3, result: '低保金（本次修改）', version: before.json().version + 1 })
    expect((await get(`/api/public/items?q=${dibaoCode}`)).json().items[0].promisedDays).toBe(3)
  })

  it('a center renamed through the API is in the public list at once, and on the item pages that name it', async () => {
    const before = await get('/api/public/centers')
    const page = await get(`/api/public/items/${dibao}`)
    const town = before.json().centers.find((c: { id: number; level: string }) => c.level === 'town' && page.json().centers.some((p: { id: number }) => p.id === c.id))
    const res = await admin.patch(`/api/centers/${town.id}`, { phone: '027-00000000' })
    expect(res.statusCode, res.body).toBe(200)
    const after = await get('/api/public/centers', { 'if-none-match': String(before.headers.etag) })
    expect(after.statusCode).toBe(200)
    expect(after.json().centers.find((c: { id: number }) => c.id === town.id).phone).toBe('027-00000000')
    const pageAfter = await get(`/api/public/items/${dibao}`)
    expect(pageAfter.headers.etag).not.toBe(page.headers.etag)
    expect(pageAfter.json().centers.find((c: { id: number }) => c.id === town.id).phone).toBe('027-00000000')
  })

  it('a write committed by another process (plain SQL, no API) reaches the page through NOTIFY', async () => {
    const before = await get(`/api/public/items/${dibao}`)
    await other.updateTable('item_versions').set({ consult_phone: '027-11112222' })
      .where('item_id', '=', dibao).where('status', '=', 'published').execute()
    expect(await eventually(async () => (await get(`/api/public/items/${dibao}`)).json().consultPhone === '027-11112222')).toBe(true)
    expect((await get(`/api/public/items/${dibao}`)).headers.etag).not.toBe(before.headers.etag)

    const centers = await get('/api/public/centers')
    // the hours live in the hall's settings (one source); a change there is on the public list at once
    await other.updateTable('hall_settings').set({ opens: '09:00', lunch_starts: null, lunch_ends: null, closes: '17:00' })
      .where('center_id', '=', (eb) => eb.selectFrom('centers').select('id').where('level', '=', 'district')).execute()
    expect(await eventually(async () => (await get('/api/public/centers')).json().centers[0].hours === '工作日 09:00–17:00')).toBe(true)
    expect((await get('/api/public/centers')).headers.etag).not.toBe(centers.headers.etag)
  })

  it('an item unpublished elsewhere is a 404 on its page, not a cached 200', async () => {
    expect((await get(`/api/public/items/${dibao}`)).statusCode).toBe(200)
    await other.updateTable('service_items').set({ status: 'retired' }).where('id', '=', dibao).execute()
    expect(await eventually(async () => (await get(`/api/public/items/${dibao}`)).statusCode === 404)).toBe(true)
  })
})

describe('when the notification is late', () => {
  // A bus that is up but delivers nothing: the app trusts silence, as it would between a commit and its NOTIFY.
  const deaf: Bus = { async publish() {}, subscribe() {}, listening: () => true, async close() {} }
  let app: App
  let db: Db // its own handle: caches and generation watchers are per handle

  beforeAll(async () => {
    db = createDb(createPool(t.testDb.url, 3))
    app = await buildApp({ db, bus: deaf, config: t.config, logger: false })
    await app.ready()
  })
  afterAll(async () => { await app.close(); await db.destroy() })

  it('a write acknowledged by this process is on the next public read here, without waiting for its notification', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: t.demoPassword } })
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken }
    const district = (await app.inject({ url: '/api/public/centers' })).json().centers[0]
    await app.inject({ url: '/api/public/centers' }) // known and trusted now
    const res = await app.inject({ method: 'PATCH', url: `/api/centers/${district.id}`, headers, payload: { address: '新址 1 号' } })
    expect(res.statusCode, res.body).toBe(200)
    expect((await app.inject({ url: '/api/public/centers' })).json().centers[0].address).toBe('新址 1 号')
  })

  it('a write from another process still shows after the periodic re-read', async () => {
    await app.inject({ url: '/api/public/centers' })
    await other.updateTable('centers').set({ address: '新址 2 号' }).where('level', '=', 'district').execute()
    expect(await eventually(async () => (await app.inject({ url: '/api/public/centers' })).json().centers[0].address === '新址 2 号')).toBe(true)
  })
})

/** The fields PUT /api/items/:id/draft takes, from the published version the staff API returns. */
function pickDraft(v: Record<string, unknown>) {
  const keys = ['name', 'basicCode', 'itemType', 'implementingBody', 'legalBasis', 'targets', 'handlingKind', 'legalDays', 'promisedDays',
    'acceptLevel', 'decideLevel', 'conditions', 'procedure', 'stepLimits', 'fees', 'result', 'visits', 'consultPhone', 'complaintPhone',
    'specialProcedures', 'theme', 'category']
  const out: Record<string, unknown> = Object.fromEntries(keys.filter((k) => k in v).map((k) => [k, v[k]]))
  out.materials = (v.materials as Record<string, unknown>[]).map(({ name, form, copies, required, note }) => ({ name, form, copies, required, note }))
  return out
}
