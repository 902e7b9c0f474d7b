// Issue 11 item 1: a file belongs to a center; drafts name only files their author may read; staff read files within
// their jurisdiction; the public reads only samples of published versions; an unused upload can be deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { itemCode } from '../helpers/item-code.js'

let t: TestApp
let district: Client, donggou: Client, liangzi: Client, donggouClerk: Client, liangziClerk: Client, districtClerk: Client
let donggouDept: number, liangziDept: number

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

function upload(client: Client, fileName: string, data: Buffer, query = '') {
  const boundary = '----yz' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  return t.app.inject({
    method: 'POST', url: `/api/files${query}`, payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { ...client.headers(true), 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
}

let seq = 0
const item = (departmentId: number, sampleFileId: number) => ({
  code: itemCode(process.pid * 100 + ++seq, '000299009000'), departmentId, name: '样表权限测试', basicCode: '000299009000', itemType: '公共服务',
  implementingBody: '镇便民服务中心', targets: ['person'], handlingKind: 'immediate', legalDays: 1, promisedDays: 0,
  acceptLevel: 'town', decideLevel: 'town', materials: [{ name: '申请表', form: 'original', sampleFileId }],
})

async function townDept(code: string) {
  return (await t.db.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id').select('d.id')
    .where('c.code', '=', code).where('d.status', '=', 'active').orderBy('d.id').executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  ;[district, donggou, liangzi, donggouClerk, liangziClerk, districtClerk] = await Promise.all(
    ['district.manager1', 'donggou.manager', 'liangzi.manager', 'donggou.clerk1', 'liangzi.clerk1', 'district.clerk1'].map((u) => t.login(u)))
  donggouDept = await townDept('T01')
  liangziDept = await townDept('T02')
})
afterAll(() => t.close())

describe('a draft names only files its author may read', () => {
  it('refuses another town\'s upload as a sample, on create and on a saved draft (400 naming the material)', async () => {
    const theirs = (await upload(liangzi, '梁子镇内部表.pdf', PDF)).json().id
    const created = await donggou.post('/api/items', item(donggouDept, theirs))
    expect(created.statusCode).toBe(400)
    expect(created.json().error.details).toEqual([expect.objectContaining({ field: 'body.materials.0.sampleFileId' })])

    const mine = (await upload(donggou, '东沟镇申请表.pdf', PDF)).json().id
    const ok = await donggou.post('/api/items', item(donggouDept, mine))
    expect(ok.statusCode).toBe(201)
    const { code: _c, departmentId: _d, ...draft } = item(donggouDept, theirs)
    const saved = await donggou.put(`/api/items/${ok.json().id}/draft`, draft)
    expect(saved.statusCode).toBe(400)
    expect(saved.json().error.details[0].field).toBe('body.materials.0.sampleFileId')
    const stored = await t.db.selectFrom('item_materials').select('sample_file_id').where('sample_file_id', '=', theirs).execute()
    expect(stored).toHaveLength(0)
  })

  it('a district manager may name a town\'s file (the town lies in the district\'s jurisdiction)', async () => {
    const town = (await upload(donggou, '东沟镇表.png', PNG)).json().id
    const res = await district.post('/api/items', item(donggouDept, town))
    expect(res.statusCode).toBe(201)
  })
})

describe('staff read files within their jurisdiction', () => {
  it('a sample of a draft: its town and the district read it, a sibling town gets 404', async () => {
    const id = (await upload(donggou, '草稿样表.pdf', PDF)).json().id
    expect((await donggou.post('/api/items', item(donggouDept, id))).statusCode).toBe(201)
    expect((await donggouClerk.get(`/api/files/${id}`)).statusCode).toBe(200)
    expect((await districtClerk.get(`/api/files/${id}`)).statusCode).toBe(200)
    expect((await liangziClerk.get(`/api/files/${id}`)).statusCode).toBe(404)
    expect((await liangzi.get(`/api/files/${id}`)).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/public/files/${id}` })).statusCode).toBe(404)
  })

  it('walking the sequential ids finds nothing outside one\'s jurisdiction', async () => {
    const ids = await Promise.all([1, 2, 3].map(async (n) => (await upload(donggou, `f${n}.pdf`, PDF)).json().id as number))
    for (const id of ids) {
      expect((await liangziClerk.get(`/api/files/${id}`)).statusCode).toBe(404)
      expect((await t.app.inject({ url: `/api/public/files/${id}` })).statusCode).toBe(404)
    }
  })

  it('an upload with a department belongs to the department\'s center; outside the uploader\'s area is 403', async () => {
    const res = await upload(district, '东沟镇部门表.pdf', PDF, `?departmentId=${donggouDept}`)
    expect(res.statusCode).toBe(201)
    const town = await t.db.selectFrom('centers').select('id').where('code', '=', 'T01').executeTakeFirstOrThrow()
    expect(res.json()).toMatchObject({ centerId: town.id, departmentId: donggouDept })
    expect((await donggou.get(`/api/files/${res.json().id}`)).statusCode).toBe(200)
    expect((await upload(liangzi, 'x.pdf', PDF, `?departmentId=${donggouDept}`)).statusCode).toBe(403)
    const bad = await upload(liangzi, 'x.pdf', PDF, '?departmentId=999999')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('querystring.departmentId')
  })

  it('staff downloads are not stored by caches', async () => {
    const id = (await upload(donggou, 'c.pdf', PDF)).json().id
    expect((await donggou.get(`/api/files/${id}`)).headers['cache-control']).toBe('private, no-store')
  })
})

describe('the stored extension matches the checked kind', () => {
  it('a PNG named .html is stored as .png; a matching extension stays', async () => {
    expect((await upload(donggou, '申请表.html', PNG)).json().name).toBe('申请表.png')
    expect((await upload(donggou, 'photo.JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(20)]))).json().name).toBe('photo.JPEG')
    expect((await upload(donggou, 'noext', PDF)).json().name).toBe('noext.pdf')
    expect((await upload(donggou, 'scan.pdf.svg', PDF)).json().name).toBe('scan.pdf.pdf')
  })
})

describe('DELETE /api/files/:id', () => {
  it('deletes an unused upload and audits it', async () => {
    const id = (await upload(donggou, 'unused.pdf', PDF)).json().id
    expect((await donggou.delete(`/api/files/${id}`)).statusCode).toBe(204)
    expect(await t.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined()
    expect((await listAudit(t.db, 'file', id)).map((e) => e.action)).toEqual(['file.upload', 'file.delete'])
    expect((await donggou.delete(`/api/files/${id}`)).statusCode).toBe(404)
  })

  it('409 while a version names it', async () => {
    const id = (await upload(donggou, 'used.pdf', PDF)).json().id
    expect((await donggou.post('/api/items', item(donggouDept, id))).statusCode).toBe(201)
    const res = await donggou.delete(`/api/files/${id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('file_in_use')
  })

  describe('permissions', () => {
    it('a sibling town cannot delete it (404), a clerk may not (403)', async () => {
      const id = (await upload(donggou, 'keep.pdf', PDF)).json().id
      expect((await liangzi.delete(`/api/files/${id}`)).statusCode).toBe(404)
      expect((await donggouClerk.delete(`/api/files/${id}`)).statusCode).toBe(403)
      expect(await t.db.selectFrom('files').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined()
    })
  })
})
