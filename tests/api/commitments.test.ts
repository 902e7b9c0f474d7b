// 容缺受理: the item's rule (deferrable materials, never a key one; working days; what a missed date allows), intake
// with materials missing under a commitment, the commitment step with its own date and light, the reminder the day
// before, the hand-in that closes it, and what a missed date lets the department do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { queueCommitmentReminders } from '../../src/features/cases/commitment-reminders.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { act, detail, intakeBody, makeCaseWorld, makeItem, type CaseWorld } from '../helpers/cases.js'
import { itemCode } from '../helpers/item-code.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
let deferrableItem: { id: number; materials: number[]; proof: number }

/** A published item whose 出生医学证明 may be missing at acceptance, to be handed in within `days` working days. */
async function itemWithDeferral(days: number | null, lapse: 'suspend' | 'deny' | 'terminate' = 'suspend') {
  const it = await makeItem(t.db, { departmentId: w.departments.lead, kind: 'promised', offeredAt: [w.tree.district.id], promisedDays: 10, legalDays: 20 })
  await t.db.updateTable('item_versions').set({ deferral_days: days, deferral_lapse: lapse }).where('id', '=', it.versionId).execute()
  const { id: proof } = await t.db.insertInto('item_materials').values({ version_id: it.versionId, position: 4, name: '出生医学证明', form: 'copy', copies: 1, required: true, sample_file_id: null, deferral_allowed: true })
    .returning('id').executeTakeFirstOrThrow()
  return { ...it, materials: [...it.materials, proof], proof }
}

const withoutProof = (it: typeof deferrableItem) => it.materials.map((m) => ({ materialId: m, received: m !== it.proof }))
const caseCount = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  deferrableItem = await itemWithDeferral(3, 'deny')
})
afterAll(() => t.close())

describe('the item rule', () => {
  it('a key material (application form, identity) marked deferrable is 400 naming it; another one is kept', async () => {
    const admin = w.manager.client
    const base = {
      departmentId: w.departments.lead, name: '出生登记', basicCode: '000299001000', itemType: '公共服务', implementingBody: '测试局',
      targets: ['person'], handlingKind: 'promised', legalDays: 20, promisedDays: 10, acceptLevel: 'district', decideLevel: 'district', deferralDays: 5,
    }
    const bad = await admin.post('/api/items', { ...base, code: itemCode(9101), materials: [{ name: '出生登记申请表', form: 'original', deferrable: true }] })
    expect(bad.statusCode, bad.body).toBe(400)
    expect(bad.json().error.details[0].field).toBe('body.materials.0.deferrable')
    const ok = await admin.post('/api/items', { ...base, code: itemCode(9102), materials: [{ name: '出生登记申请表', form: 'original' }, { name: '出生医学证明', form: 'copy', deferrable: true }] })
    expect(ok.statusCode, ok.body).toBe(201)
    const v = await t.db.selectFrom('item_versions').select(['deferral_days']).where('item_id', '=', ok.json().id).executeTakeFirstOrThrow()
    expect(v.deferral_days).toBe(5)
    const ms = await t.db.selectFrom('item_materials as m').innerJoin('item_versions as v', 'v.id', 'm.version_id').select(['m.name', 'm.deferral_allowed as deferrable']).where('v.item_id', '=', ok.json().id).orderBy('m.position').execute()
    expect(ms).toEqual([{ name: '出生登记申请表', deferrable: false }, { name: '出生医学证明', deferrable: true }])
  })
})

describe('intake with a material missing under a commitment', () => {
  it('accepts, opens a commitment step due 3 working days later; the case keeps its own date and light', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials: withoutProof(deferrableItem), commitment: { materialIds: [deferrableItem.proof] } }))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ status: 'accepted', dueDate: '2026-03-16', light: 'green' })
    const d = await detail(w.clerk.client, res.json().id)
    expect(d.steps.map((s: { kind: string }) => s.kind)).toEqual(['handle', 'commitment'])
    expect(d.steps[1]).toMatchObject({ kind: 'commitment', dueDate: '2026-03-05', light: 'green' })
    expect(d.commitment).toEqual({ dueDate: '2026-03-05', done: false, light: 'green', lapse: 'deny', materials: [{ materialId: deferrableItem.proof, name: '出生医学证明', received: false }] })
    expect(d.events[0].note).toContain('容缺受理：出生医学证明，申请人承诺于 2026-03-05 前补交')
    expect(d.allowedActions).toContain('hand_in')
  })

  it('a key material, a material the item does not defer, an item without 容缺, a date past the rule: 400 naming each, nothing written', async () => {
    const before = await caseCount()
    const ask = async (item: { id: number; materials: number[] }, commitment: Record<string, unknown>) => {
      const r = await w.clerk.client.post('/api/cases', intakeBody(w, item, { materials: item.materials.map((m) => ({ materialId: m, received: false })), commitment }))
      expect(r.statusCode, r.body).toBe(400)
      return r.json().error.details.map((x: { field: string }) => x.field)
    }
    expect(await ask(deferrableItem, { materialIds: [deferrableItem.materials[1]] })).toContain('body.commitment.materialIds.0') // 身份证复印件
    expect(await ask(deferrableItem, { materialIds: [deferrableItem.materials[2]] })).toContain('body.commitment.materialIds.0') // not deferrable
    expect(await ask(w.items.promised, { materialIds: [w.items.promised.materials[2]] })).toContain('body.commitment')
    expect(await ask(deferrableItem, { materialIds: [deferrableItem.proof], dueDate: '2026-03-06' })).toContain('body.commitment.dueDate')
    expect(await caseCount()).toBe(before)
  })

  it('with a key material missing too: the one-time notice names only it; supplied, the commitment starts then', async () => {
    clock.set('2026-03-02T10:00:00+08:00')
    const materials = deferrableItem.materials.map((m) => ({ materialId: m, received: m !== deferrableItem.proof && m !== deferrableItem.materials[0] }))
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials, commitment: { materialIds: [deferrableItem.proof] } }))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().status).toBe('correction')
    expect(res.json().missing.map((m: { name: string }) => m.name)).toEqual(['申请表'])
    clock.set('2026-03-03T10:00:00+08:00')
    const sup = await act(w.clerk.client, res.json().id, 'supplement', { materials: [{ materialId: deferrableItem.materials[0], received: true }] })
    expect(sup.statusCode, sup.body).toBe(200)
    const d = await detail(w.clerk.client, res.json().id)
    expect(d.commitment).toMatchObject({ dueDate: '2026-03-06', done: false })
  })
})

describe('reminder, hand-in, missed date', () => {
  it('reminds once the day before; a material mailed in closes the commitment', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials: withoutProof(deferrableItem), commitment: { materialIds: [deferrableItem.proof] } }))).json()
    clock.set('2026-03-03T15:00:00+08:00')
    const early = await t.db.selectFrom('messages').select('id').where('case_id', '=', c.id).where('template_key', '=', 'commitment_reminder').execute()
    await queueCommitmentReminders({ db: t.db, clock })
    expect(await t.db.selectFrom('messages').select('id').where('case_id', '=', c.id).where('template_key', '=', 'commitment_reminder').execute()).toEqual(early)
    clock.set('2026-03-04T09:30:00+08:00') // the day before 03-05
    await queueCommitmentReminders({ db: t.db, clock })
    await queueCommitmentReminders({ db: t.db, clock })
    const sent = await t.db.selectFrom('messages').select(['body', 'params']).where('case_id', '=', c.id).where('template_key', '=', 'commitment_reminder').execute()
    expect(sent).toHaveLength(1)
    expect(sent[0].body).toContain('2026-03-05')
    expect(sent[0].params).toMatchObject({ number: c.number, due: '2026-03-05' })

    const h = await act(w.clerk.client, c.id, 'hand_in', { materials: [{ materialId: deferrableItem.proof, received: true }], via: 'mail' })
    expect(h.statusCode, h.body).toBe(200)
    const d = await detail(w.clerk.client, c.id)
    expect(d.commitment).toMatchObject({ done: true, materials: [{ name: '出生医学证明', received: true }] })
    expect(d.allowedActions).not.toContain('hand_in')
    const m = await t.db.selectFrom('case_materials').select(['received', 'handed_in_via']).where('case_id', '=', c.id).where('item_material_id', '=', deferrableItem.proof).executeTakeFirstOrThrow()
    expect(m).toEqual({ received: true, handed_in_via: 'mail' })
    expect((await act(w.clerk.client, c.id, 'hand_in', { materials: [{ materialId: deferrableItem.proof, received: true }] })).statusCode).toBe(409)
  })

  it('a missed date: the step is red in supervision while the case stays green; the department suspends or denies per the rule', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials: withoutProof(deferrableItem), commitment: { materialIds: [deferrableItem.proof] } }))).json()
    expect((await act(w.approver.client, c.id, 'lapse_close')).statusCode).toBe(409) // not yet lapsed
    clock.set('2026-03-06T09:00:00+08:00')
    const d = await detail(w.approver.client, c.id)
    expect(d.light).toBe('green')
    expect(d.commitment.light).toBe('red')
    expect(d.allowedActions).toEqual(expect.arrayContaining(['lapse_suspend', 'lapse_close']))
    const lights = (await w.manager.client.get('/api/supervision/lights?light=red')).json()
    expect(lights.steps.some((s: { caseId: number; kind: string }) => s.caseId === c.id && s.kind === 'commitment')).toBe(true)
    const s = await act(w.approver.client, c.id, 'lapse_suspend')
    expect(s.statusCode, s.body).toBe(200)
    expect(s.json().suspended).toBe(true)
    const x = await act(w.approver.client, c.id, 'lapse_close')
    expect(x.statusCode, x.body).toBe(200)
    expect(x.json()).toMatchObject({ status: 'denied', decision: { outcome: 'denied' } })
  })

  it('an item whose rule is suspend only: lapse_close is 409 naming the rule; terminate closes as terminated', async () => {
    const suspendOnly = await itemWithDeferral(2, 'suspend')
    const terminate = await itemWithDeferral(2, 'terminate')
    clock.set('2026-03-02T09:00:00+08:00')
    const open = async (it: typeof deferrableItem) => (await w.clerk.client.post('/api/cases', intakeBody(w, it, { materials: withoutProof(it), commitment: { materialIds: [it.proof] } }))).json()
    const a = await open(suspendOnly)
    const b = await open(terminate)
    clock.set('2026-03-05T09:00:00+08:00')
    const r = await act(w.approver.client, a.id, 'lapse_close')
    expect(r.statusCode).toBe(409)
    expect(r.json().error.code).toBe('lapse_rule_suspend')
    expect((await act(w.approver.client, b.id, 'lapse_close')).json()).toMatchObject({ status: 'denied', decision: { outcome: 'terminated' } })
  })
})

describe('what the applicant and the screens see', () => {
  it('the public guide marks the deferrable material and the rule; the progress page says what to hand in by when, then that it is done', async () => {
    clock.set('2026-03-02T09:00:00+08:00')
    const g = (await t.app.inject({ url: `/api/public/items/${deferrableItem.id}` })).json()
    expect(g).toMatchObject({ deferralDays: 3, deferralLapse: 'deny' })
    expect(g.materials.filter((m: { deferrable: boolean }) => m.deferrable).map((m: { name: string }) => m.name)).toEqual(['出生医学证明'])
    const c = (await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials: withoutProof(deferrableItem), commitment: { materialIds: [deferrableItem.proof] } }))).json()
    expect((await detail(w.clerk.client, c.id)).commitment).toMatchObject({ dueDate: '2026-03-05', lapse: 'deny' })
    const progress = async () => (await t.app.inject({ url: `/api/public/progress?number=${c.number}&code=${c.queryCode}` })).json()
    expect((await progress()).commitment).toEqual({ dueDate: '2026-03-05', materials: ['出生医学证明'], done: false })
    await act(w.clerk.client, c.id, 'hand_in', { materials: [{ materialId: deferrableItem.proof, received: true }], via: 'electronic' })
    expect((await progress()).commitment).toEqual({ dueDate: '2026-03-05', materials: ['出生医学证明'], done: true })
    const plain = (await w.clerk.client.post('/api/cases', intakeBody(w, deferrableItem, { materials: deferrableItem.materials.map((m) => ({ materialId: m, received: true })) }))).json()
    expect((await t.app.inject({ url: `/api/public/progress?number=${plain.number}&code=${plain.queryCode}` })).json().commitment).toBeUndefined()
  })
})
