// Electronic materials: a village agent photographs the materials of an agency intake; the photo is turned upright,
// its EXIF/GPS dropped, a thumbnail made, a checksum kept; the town clerk sees it on the incoming hand-over before the
// paper arrives and marks it seen on the paper. The 400 / 403 / 413 answers, and each view audited.
import crypto from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { intakeBody } from '../helpers/cases.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'
import { photo, png, PDF, uploadFile } from '../helpers/materials.js'
import { sha256 } from '../../src/features/materials/normalise.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00')

beforeAll(async () => {
  t = await createTestApp({ clock, config: { materials: { fileBytes: 2 * 1024 * 1024, caseBytes: 3 * 1024 * 1024, caseFiles: 4 } } })
  w = await makeLevelsWorld(t)
})
afterAll(() => t.close())

async function villageCase() {
  const res = await w.agentA.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true } }))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string }
}

describe('electronic materials', () => {
  it('normalises a photo (upright, no EXIF/GPS, thumbnail, checksum); the same bytes again are the same file', async () => {
    const c = await villageCase()
    const mats = (await w.agentA.client.get(`/api/cases/${c.id}/custody`)).json().materials
    const res = await uploadFile(t, w.agentA.client, c.id, '身份证.jpg', await photo(), 'image/jpeg', `?caseMaterialId=${mats[1].id}`)
    expect(res.statusCode, res.body).toBe(201)
    const f = res.json()
    expect(f).toMatchObject({ caseId: c.id, caseMaterialId: mats[1].id, mime: 'image/jpeg', width: 300, height: 600, hasThumb: true, seenOnPaperAt: null, centerName: '甲村' })
    const raw = await w.agentA.client.get(`/api/cases/${c.id}/files/${f.id}`)
    expect(raw.statusCode).toBe(200)
    expect(raw.headers['content-type']).toBe('image/jpeg')
    expect(sha256(raw.rawPayload)).toBe(f.sha256)
    const meta = await sharp(raw.rawPayload).metadata()
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
    const thumb = await w.agentA.client.get(`/api/cases/${c.id}/files/${f.id}/thumb`)
    expect((await sharp(thumb.rawPayload).metadata()).height).toBe(320)
    const again = await uploadFile(t, w.agentA.client, c.id, 'again.jpg', await photo(), 'image/jpeg')
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(f.id)
    const audits = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'case').where('entity_id', '=', String(c.id))
      .where('action', 'like', 'case_file.%').orderBy('id').execute()
    expect(audits.map((a) => a.action)).toEqual(['case_file.upload', 'case_file.view', 'case_file.thumb'])
  })

  it('the town clerk sees the photos on the incoming hand-over at once and marks one seen on the original paper', async () => {
    const c = await villageCase()
    const up = (await uploadFile(t, w.agentA.client, c.id, 'form.png', await png(), 'image/png')).json()
    expect(up.mime).toBe('image/png')
    expect((await uploadFile(t, w.agentA.client, c.id, 'scan.pdf', PDF, 'application/pdf')).json()).toMatchObject({ mime: 'application/pdf', hasThumb: false })
    // the paper is still in the village: the clerk reads the files but cannot mark them seen
    const list = (await w.townAClerk.client.get(`/api/cases/${c.id}/files`)).json().files
    expect(list.map((f: { name: string }) => f.name)).toEqual(['form.png', 'scan.pdf'])
    expect((await w.townAClerk.client.post(`/api/cases/${c.id}/files/${up.id}/seen-on-paper`)).statusCode).toBe(403)
    const ho = await w.agentA.client.post(`/api/cases/${c.id}/actions/handover`, { toCenterId: w.tree.townA.id, materials: w.forwardItem.materials.map((m) => ({ materialId: m, received: true })) })
    expect(ho.statusCode, ho.body).toBe(200)
    const incoming = (await w.townAClerk.client.get('/api/agency/incoming')).json().cases.find((x: { id: number }) => x.id === c.id)
    expect(incoming).toMatchObject({ files: 2, filesSeen: 0 })
    const seen = await w.townAClerk.client.post(`/api/cases/${c.id}/files/${up.id}/seen-on-paper`)
    expect(seen.statusCode, seen.body).toBe(200)
    expect(seen.json()).toMatchObject({ seenOnPaperBy: expect.any(String) })
    expect(seen.json().seenOnPaperAt).not.toBeNull()
  })

  it('refuses what a file is not, what is too big, and reads outside the case or the jurisdiction', async () => {
    const c = await villageCase()
    const other = await villageCase()
    const bad = await uploadFile(t, w.agentA.client, c.id, 'x.jpg', Buffer.from('<html>not a photo</html>'), 'image/jpeg')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].field).toBe('body.file')
    const lying = await uploadFile(t, w.agentA.client, c.id, 'scan.pdf', await png(), 'application/pdf')
    expect(lying.statusCode).toBe(400)
    const broken = await uploadFile(t, w.agentA.client, c.id, 'x.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), 'image/jpeg')
    expect(broken.statusCode).toBe(400)
    const huge = await uploadFile(t, w.agentA.client, c.id, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2.5 * 1024 * 1024, 32), Buffer.from('%%EOF')]), 'application/pdf')
    expect(huge.statusCode).toBe(413)
    const noise = () => sharp(crypto.randomBytes(620 * 620 * 3), { raw: { width: 620, height: 620, channels: 3 } }).png().toBuffer()
    const bytes: number[] = []
    for (let i = 1; i <= 3; i++) bytes.push((await uploadFile(t, w.agentA.client, c.id, `n${i}.png`, await noise(), 'image/png')).statusCode)
    expect(bytes).toEqual([201, 201, 413]) // about 1.1 MB each, 3 MB per case
    const many = await villageCase()
    const counts: number[] = []
    for (let i = 1; i <= 5; i++) counts.push((await uploadFile(t, w.agentA.client, many.id, `p${i}.png`, await png(100 + i, 50), 'image/png')).statusCode)
    expect(counts).toEqual([201, 201, 201, 201, 413]) // 4 files per case
    expect((await t.db.selectFrom('case_files').select('id').where('case_id', 'in', [c.id, many.id]).execute()).length).toBe(6)
    const f = (await uploadFile(t, w.agentA.client, other.id, 'a.jpg', await photo(), 'image/jpeg')).json()
    expect((await w.agentA.client.get(`/api/cases/${c.id}/files/${f.id}`)).statusCode).toBe(403)
    expect((await w.agentB.client.get(`/api/cases/${other.id}/files/${f.id}`)).statusCode).toBe(403)
    expect((await w.townBClerk.client.get(`/api/cases/${other.id}/files`)).statusCode).toBe(403)
    expect((await w.approver.client.get(`/api/cases/${other.id}/files/${f.id}`)).statusCode).toBe(200) // the district reads every case below it
  })
})
