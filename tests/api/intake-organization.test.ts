// 法人 applicants at the window (issue 24): the 法定代表人 and the 经办人 (name, 居民身份证号码, phone) recorded with the
// case, the 经办人's ID number and phone masked like the applicant's (full only on the case page), bad input refused by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { idNumber, intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00')
const CREDIT = '91350100M000100Y43'

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
})
afterAll(() => t.close())

const organization = (over: Record<string, unknown> = {}) => ({
  kind: 'organization', name: '武汉长江智造科技有限公司', idNumber: CREDIT, phone: '027-88886666',
  legalRepresentative: { name: '王建国' }, representative: { name: '李小梅', idNumber: idNumber(4242), phone: '13912345678' }, ...over,
})

async function refused(applicant: Record<string, unknown>, field: string) {
  const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised, { applicant }))
  expect(res.statusCode).toBe(400)
  expect(JSON.stringify(res.json().error.details)).toContain(field)
  const after = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  expect(after.n).toEqual(before.n)
}

describe('法人 applicant with 法定代表人 and 经办人', () => {
  it('records both; lists and answers mask the 经办人\'s ID number and phone; the case page shows them in full', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised, { applicant: organization() }))
    expect(res.statusCode).toBe(201)
    const c = res.json()
    expect(c.applicant).toMatchObject({ kind: 'organization', legalRepresentative: { name: '王建国' }, representative: { name: '李小梅', phone: '139****5678' } })
    expect(c.applicant.representative.idNumber).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    const page = (await w.clerk.client.get(`/api/cases/${c.id}`)).json()
    expect(page.applicant.representative).toEqual({ name: '李小梅', idNumber: idNumber(4242), phone: '13912345678' })
    const row = await t.db.selectFrom('cases').select(['legal_representative_name', 'representative_id_number']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ legal_representative_name: '王建国', representative_id_number: idNumber(4242) })
  })

  it('both are optional for an organization (the contract\'s body still works)', async () => {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.promised, { applicant: { kind: 'organization', name: '某某有限公司', idNumber: CREDIT, phone: '027-88886666' } }))
    expect(res.statusCode).toBe(201)
    expect(res.json().applicant.representative).toBeUndefined()
  })

  it('a bad 经办人 ID number or phone, or representatives of a natural person → 400 naming the field, nothing written', async () => {
    const id = idNumber(4242)
    await refused(organization({ representative: { name: '李小梅', idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), phone: '13912345678' } }), 'body.applicant.representative.idNumber')
    await refused(organization({ representative: { name: '李小梅', idNumber: id, phone: '123' } }), 'body.applicant.representative.phone')
    await refused(organization({ representative: { name: '李小梅' } }), 'body.applicant.representative')
    await refused({ kind: 'person', name: '张三', idNumber: idNumber(7), phone: '13800138000', legalRepresentative: { name: '王建国' } }, 'body.applicant.legalRepresentative')
  })
})
