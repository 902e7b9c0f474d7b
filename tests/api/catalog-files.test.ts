// Material samples: multipart upload (kind, size, permissions) and the public download of published samples only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { itemCode } from '../helpers/item-code.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let manager: Client, clerk: Client
let deptId: number

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 0)])

function multipart(fileName: string, data: Buffer) {
  const boundary = '----yizhan' + Math.random().toString(16).slice(2)
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
const upload = (client: Client | undefined, fileName: string, data: Buffer) => {
  const mp = multipart(fileName, data)
  return t.app.inject({ method: 'POST', url: '/api/files', payload: mp.payload, headers: { ...(client?.headers(true) ?? {}), ...mp.headers } })
}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  deptId = (await t.db.selectFrom('departments').select('id').where('code', '=', 'D-MZ').executeTakeFirstOrThrow()).id
  ;[manager, clerk] = await Promise.all(['district.manager1', 'district.clerk1'].map((u) => t.login(u)))
})
afterAll(() => t.close())

let seq = 0
const item = (sampleFileId: number) => ({
  code: itemCode(++seq, '000299009000'), departmentId: deptId, name: '样表测试事项', basicCode: '000299009000', itemType: '公共服务',
  implementingBody: '区民政局', targets: ['person'], handlingKind: 'immediate', legalDays: 1, promisedDays: 0,
  acceptLevel: 'district', decideLevel: 'district', materials: [{ name: '申请表', form: 'original', sampleFileId }],
})

describe('POST /api/files', () => {
  it('stores a png with its Chinese name, and audits it', async () => {
    const res = await upload(manager, '申请表样表.png', PNG)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ id: expect.any(Number), name: '申请表样表.png', mime: 'image/png', size: PNG.length })
    const row = await t.db.selectFrom('files').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow()
    expect(Buffer.compare(row.data, PNG)).toBe(0)
    expect((await listAudit(t.db, 'file', res.json().id))[0]).toMatchObject({ action: 'file.upload' })
  })

  it('accepts pdf, and docx/xlsx by their zip header and extension', async () => {
    expect((await upload(manager, 'a.pdf', PDF)).json().mime).toBe('application/pdf')
    expect((await upload(manager, 'form.docx', ZIP)).json().mime).toContain('wordprocessingml')
    expect((await upload(manager, 'form.xlsx', ZIP)).json().mime).toContain('spreadsheetml')
  })

  it('refuses other kinds, empty files and a body that is not multipart: 400 naming body.file', async () => {
    for (const [name, data] of [['x.zip', ZIP], ['x.png', Buffer.from('not really a png')], ['x.exe', Buffer.from('MZ\x90\x00')], ['empty.pdf', Buffer.alloc(0)]] as const) {
      const res = await upload(manager, name, data)
      expect(res.statusCode, name).toBe(400)
      expect(res.json().error.details[0].field).toBe('body.file')
    }
    const json = await manager.post('/api/files', { file: 'abc' })
    expect(json.statusCode).toBe(400)
  })

  it('a malformed multipart body is a 400, never a 500', async () => {
    const b = 'XYZ'
    const cases: [string, string][] = [
      ['multipart/form-data', 'garbage'],
      [`multipart/form-data; boundary=${b}`, 'garbage'],
      [`multipart/form-data; boundary=${b}`, `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n%PDF-`],
      [`multipart/form-data; boundary=${b}`, `--${b}\r\nContent-Disposition: form-data; name="x"\r\n\r\nvalue\r\n--${b}--\r\n`],
    ]
    for (const [ct, payload] of cases) {
      for (const url of ['/api/files', '/api/items/import']) {
        const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...manager.headers(true), 'content-type': ct } })
        expect(res.statusCode, `${url} ${ct} ${payload.slice(0, 20)}`).toBe(400)
      }
    }
  })

  it('refuses a file over 5 MB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)])
    const res = await upload(manager, 'big.pdf', big)
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('payload_too_large')
  })

  describe('permissions', () => {
    it('needs a login (401) and catalog.edit (403)', async () => {
      expect((await upload(undefined, 'a.png', PNG)).statusCode).toBe(401)
      expect((await upload(clerk, 'a.png', PNG)).statusCode).toBe(403)
    })
  })
})

describe('downloads', () => {
  it('a sample of a published item is public; a draft\'s sample only for staff', async () => {
    const id = (await upload(manager, '低保申请表.pdf', PDF)).json().id
    expect((await t.app.inject({ url: `/api/public/files/${id}` })).statusCode).toBe(404)
    const created = await manager.post('/api/items', item(id))
    expect(created.statusCode).toBe(201)
    expect((await t.app.inject({ url: `/api/public/files/${id}` })).statusCode).toBe(404)
    const staff = await clerk.get(`/api/files/${id}`)
    expect(staff.statusCode).toBe(200)

    await manager.post(`/api/items/${created.json().id}/publish`)
    const res = await t.app.inject({ url: `/api/public/files/${id}` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('低保申请表.pdf')}`)
    expect(Buffer.compare(res.rawPayload, PDF)).toBe(0)
    const guide = (await t.app.inject({ url: `/api/public/items/${created.json().id}` })).json()
    expect(guide.materials[0]).toMatchObject({ name: '申请表', sampleFileId: id })
  })

  it('a file that is no sample is not public', async () => {
    const id = (await upload(manager, 'other.png', PNG)).json().id
    expect((await t.app.inject({ url: `/api/public/files/${id}` })).statusCode).toBe(404)
    expect((await clerk.get(`/api/files/${id}`)).statusCode).toBe(404)
    expect((await manager.get(`/api/files/${id}`)).statusCode).toBe(200)
  })
})
