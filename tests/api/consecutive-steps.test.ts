// 同一人连续办理 (issue 24): where the item version allows it, the approver who holds 承办, 审核 and 批准 completes them
// from one dialog: one transaction, each step finished by them and each action its own event on the case's history.
// Separation of duties is the default: without the item's permission the combined action is 403 and writes nothing;
// a bad step anywhere in the chain (a decision with no reasons) undoes the whole chain. Taken one by one, separation of
// duties holds too: who did 承办 may not 审核, who did 审核 may not decide (403 naming them; the case page says why).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'

let t: TestApp
let approver: Client
let approverName = ''
let clerk: Client
let district: Awaited<ReturnType<typeof centerByName>>
const clock = new SettableClock('2026-03-02T10:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ demo: true, clock })
  district = await centerByName(t.db, '区行政服务中心')
  clerk = await t.login('district.clerk1')
})
afterAll(() => t.close())

/** A promised case at the district, with the username of the approver who holds its 承办 step. */
async function promisedCase() {
  const c = await recordCase(clerk, district.id, await offeredItem(t.db, district.id, 'promised'))
  const holder = await t.db.selectFrom('case_steps as s').innerJoin('users as u', (j) => j.onRef('u.department_id', '=', 's.department_id'))
    .select(['u.username', 'u.roles', 's.kind']).where('s.case_id', '=', c.id).where('s.done_at', 'is', null).where('u.status', '=', 'active').orderBy('u.id').execute()
  expect(holder[0].kind).toBe('handle')
  const approvers = holder.filter((u) => u.roles.includes('approver')).map((u) => u.username)
  approverName = approvers[0]!
  approver = await t.login(approverName)
  return { ...c, colleague: approvers[1] } // the department's second approver (the demo has two per district department)
}

const single = (who: Client, caseId: number, action: string, body: Record<string, unknown>) => who.post(`/api/cases/${caseId}/actions/${action}`, body)
const nameOf = async (username: string) => (await t.db.selectFrom('users').select('name').where('username', '=', username).executeTakeFirstOrThrow()).name

const allow = (caseId: number, on: boolean) => t.db.updateTable('item_versions').set({ consecutive_steps: on })
  .where('id', '=', (eb) => eb.selectFrom('cases').select('item_version_id').where('id', '=', caseId)).execute()
const events = (caseId: number) => t.db.selectFrom('case_events').select(['action', 'actor_id', 'note']).where('case_id', '=', caseId).orderBy('id').execute()
const steps = (caseId: number) => t.db.selectFrom('case_steps').select(['kind', 'done_at', 'done_by', 'opinion']).where('case_id', '=', caseId).orderBy('seq').orderBy('id').execute()
const CHAIN = [
  { action: 'advance', body: { opinion: '材料齐全，符合条件' } },
  { action: 'advance', body: { opinion: '审核通过' } },
  { action: 'approve', body: { note: '准予许可' } },
]

describe('POST /api/cases/:id/actions-in-one', () => {
  it('is 403 while the item keeps separation of duties (the default), and writes nothing', async () => {
    const c = await promisedCase()
    const [e0, s0] = [await events(c.id), await steps(c.id)]
    const res = await approver.post(`/api/cases/${c.id}/actions-in-one`, { actions: CHAIN })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.message).toContain('不同人员')
    expect(await events(c.id)).toEqual(e0)
    expect(await steps(c.id)).toEqual(s0)
    const detail = (await approver.get(`/api/cases/${c.id}`)).json()
    expect(detail.consecutiveSteps).toBe(false)
  })

  it('where the item allows it, 承办 → 审核 → 准予许可 in one go: each step done by the approver, each action in the history', async () => {
    const c = await promisedCase()
    await allow(c.id, true)
    const detail = (await approver.get(`/api/cases/${c.id}`)).json()
    expect(detail.consecutiveSteps).toBe(true)
    const before = (await events(c.id)).length
    const res = await approver.post(`/api/cases/${c.id}/actions-in-one`, { version: detail.version, actions: CHAIN })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('approved')
    const approverId = (await t.db.selectFrom('users').select('id').where('username', '=', approverName).executeTakeFirstOrThrow()).id
    const added = (await events(c.id)).slice(before)
    expect(added.map((e) => e.action)).toEqual(['advance', 'advance', 'approve'])
    expect(added.every((e) => e.actor_id === approverId)).toBe(true)
    expect(added.map((e) => e.note)).toEqual(['材料齐全，符合条件', '审核通过', '准予许可'])
    const done = (await steps(c.id)).filter((s) => ['handle', 'review', 'approve'].includes(s.kind))
    expect(done.map((s) => [s.kind, s.done_by, s.opinion])).toEqual([['handle', approverId, '材料齐全，符合条件'], ['review', approverId, '审核通过'], ['approve', approverId, '准予许可']])
    // the case page shows each action
    const history = (await approver.get(`/api/cases/${c.id}`)).json().events.map((e: { action: string }) => e.action)
    expect(history.slice(-3)).toEqual(['advance', 'advance', 'approve'])
  })

  it('undoes the whole chain when a later step is refused (不予许可 with no reasons), and refuses stale versions and odd chains', async () => {
    const c = await promisedCase()
    await allow(c.id, true)
    const [e0, s0] = [await events(c.id), await steps(c.id)]
    const bad = await approver.post(`/api/cases/${c.id}/actions-in-one`, { actions: [CHAIN[0], CHAIN[1], { action: 'deny', body: {} }] })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json().error)).toContain('body.reasons')
    expect(await events(c.id)).toEqual(e0)
    expect(await steps(c.id)).toEqual(s0)

    const version = (await approver.get(`/api/cases/${c.id}`)).json().version
    expect((await approver.post(`/api/cases/${c.id}/actions-in-one`, { version: version + 5, actions: CHAIN })).json().error.code).toBe('stale_case')
    expect((await approver.post(`/api/cases/${c.id}/actions-in-one`, { actions: [CHAIN[2], CHAIN[0]] })).statusCode).toBe(400)
    expect((await approver.post(`/api/cases/${c.id}/actions-in-one`, { actions: [CHAIN[0]] })).statusCode).toBe(400)
    // the clerk holds none of these steps: refused like any single action, nothing written
    expect((await clerk.post(`/api/cases/${c.id}/actions-in-one`, { actions: CHAIN })).statusCode).toBeGreaterThanOrEqual(403)
    expect(await events(c.id)).toEqual(e0)

    // 承办 and 审核 only (the decision left for its own dialog) is a chain too
    const two = await approver.post(`/api/cases/${c.id}/actions-in-one`, { version, actions: [CHAIN[0], CHAIN[1]] })
    expect(two.statusCode, two.body).toBe(200)
    expect((await steps(c.id)).filter((s) => s.done_at === null).map((s) => s.kind)).toEqual(['approve'])
  })
})

describe('separation of duties for single actions (承办、审核、决定分离)', () => {
  it('by default: who did 承办 is not offered 审核 (403 naming them), a colleague reviews, who reviewed may not decide', async () => {
    const c = await promisedCase()
    await allow(c.id, false) // the default (the tests above turned it on for this item)
    expect(c.colleague).toBeDefined()
    const colleague = await t.login(c.colleague!)
    const [mine, theirs] = [await nameOf(approverName), await nameOf(c.colleague!)]
    expect((await single(approver, c.id, 'advance', CHAIN[0]!.body)).statusCode).toBe(200)
    const page = (await approver.get(`/api/cases/${c.id}`)).json()
    expect(page.allowedActions).not.toContain('advance')
    expect(page.separatedFrom).toEqual({ step: 'handle', actorName: mine, actions: ['advance'] })
    const e0 = await events(c.id)
    const again = await single(approver, c.id, 'advance', CHAIN[1]!.body)
    expect(again.statusCode).toBe(403)
    expect(again.json().error).toMatchObject({ code: 'same_person_consecutive', details: { action: 'advance', previousStep: 'handle', previousActorName: mine } })
    expect(again.json().error.message).toContain(`「承办」由${mine}办理`)
    expect(await events(c.id)).toEqual(e0)
    expect((await colleague.get(`/api/cases/${c.id}`)).json().allowedActions).toContain('advance')
    expect((await single(colleague, c.id, 'advance', CHAIN[1]!.body)).statusCode).toBe(200)
    const decide = await single(colleague, c.id, 'approve', CHAIN[2]!.body)
    expect(decide.statusCode).toBe(403)
    expect(decide.json().error.details).toMatchObject({ previousStep: 'review', previousActorName: theirs })
    expect((await colleague.get(`/api/cases/${c.id}`)).json().separatedFrom).toMatchObject({ step: 'review', actorName: theirs })
    // who did 承办 (not 审核) decides
    const approved = await single(approver, c.id, 'approve', CHAIN[2]!.body)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().status).toBe('approved')
  })

  it('where the item allows 同一人连续办理, the same approver may also take the steps one by one', async () => {
    const c = await promisedCase()
    await allow(c.id, true)
    for (const step of CHAIN) {
      expect((await approver.get(`/api/cases/${c.id}`)).json().separatedFrom).toBeNull()
      const res = await single(approver, c.id, step.action, step.body)
      expect(res.statusCode, res.body).toBe(200)
    }
    expect((await events(c.id)).slice(-3).map((e) => e.action)).toEqual(['advance', 'advance', 'approve'])
  })
})
