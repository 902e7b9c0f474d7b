// allowedActions is exact, walked over the whole table: for a case in every status (and paused, with an extension
// pending, on its way down, arrived), every role at the holding center, the starting center, a parent, a sibling
// and a village room. Listed ⇒ the action succeeds with a valid body (on a fresh case at the same point); omitted ⇒
// refused (403, or 409 only when no one at all may take it) and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_ACTION_NAMES, type CaseAction } from '../../src/domain/case-status.js'
import type { Role } from '../../src/domain/vocabulary.js'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, makeUser, type Client, type TestApp } from '../helpers/app.js'
import { intakeBody } from '../helpers/cases.js'
import { act, chainCase, type Stage } from '../helpers/chain.js'
import { makeLevelsWorld, type LevelsWorld } from '../helpers/levels.js'

let t: TestApp
let w: LevelsWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday
const users: { name: string; centerId: number; client: Client }[] = []
const ROLES: Role[] = ['clerk', 'approver', 'manager', 'agent', 'supervisor']

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeLevelsWorld(t)
  for (const [place, center] of Object.entries(w.tree)) {
    for (const role of ROLES) {
      const u = await makeUser(t.db, { roles: [role], centerId: center.id })
      users.push({ name: `${place}.${role}`, centerId: center.id, client: await t.login(u.username, u.password) })
    }
  }
  users.push({ name: 'district.approver(lead)', centerId: w.tree.district.id, client: w.approver.client }, { name: 'district.approver(co1)', centerId: w.tree.district.id, client: w.co1Approver.client })
}, 120_000)
afterAll(() => t.close())

type Detail = { id: number; status: string; currentCenterId: number; originCenterId: number; delivery: { centerId: number | null } | null; allowedActions: CaseAction[] }

const [m1, m2] = [0, 1].map((i) => () => w.forwardItem.materials[i])

/** A case driven to `stage`, then one more action. */
const after = (stage: Stage, who: () => Client, action: string, body: () => Record<string, unknown>) => async () => {
  const c = await chainCase(w, stage)
  await ok(who(), c.id, action, body())
  return c.id
}

/** The points of the table walked: a builder for a fresh case there. */
const POINTS: Record<string, () => Promise<number>> = {
  ...Object.fromEntries((['village', 'town', 'accepted', 'forwarded', 'review', 'approve', 'approved', 'sentDown', 'atVillage', 'closed'] as Stage[])
    .map((s) => [s, async () => (await chainCase(w, s)).id])),
  correction: after('town', () => w.townAClerk.client, 'correct', () => ({ materials: [{ materialId: m2(), received: false }] })),
  refused: after('town', () => w.townAClerk.client, 'refuse', () => ({ reason: '不符合条件' })),
  paused: after('review', () => w.manager.client, 'suspend', () => ({ reason: '听证', kind: 'hearing' })),
  pendingExtension: after('review', () => w.approver.client, 'request_extension', () => ({ days: 2, reason: '情况复杂' })),
  denied: after('approve', () => w.approver.client, 'deny', () => ({ reasons: '不符合条件' })),
  readyAtTown: after('approved', () => w.approver.client, 'deliver', () => ({ method: 'pickup', centerId: w.tree.townA.id })),
  async answered() {
    const res = await w.clerk.client.post('/api/cases', intakeBody(w, w.items.controlled))
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id as number
    await ok(w.approver.client, id, 'advance', { opinion: '承办' })
    await ok(w.reviewer.client, id, 'advance', { opinion: '审核' })
    await ok(w.approver.client, id, 'answer', { text: '书面答复' })
    return id
  },
}

async function ok(c: Client, id: number, action: string, body: Record<string, unknown>) {
  const r = await act(c, id, action, body)
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200)
}

const below: Record<number, number> = {}
const above: Record<number, number> = {}

/** A valid body for `action` on this case as it stands. */
function validBody(action: CaseAction, d: Detail): Record<string, unknown> {
  const all = w.forwardItem.materials.map((m) => ({ materialId: m, received: true }))
  switch (action) {
    case 'accept': return { materials: [] }
    case 'correct': return { materials: [{ materialId: m2(), received: false }] }
    case 'supplement': return { materials: [{ materialId: m2(), received: true }, { materialId: m1(), received: true }] }
    case 'refuse': return { reason: '不符合条件' }
    case 'advance': case 'forward': case 'sign': return { opinion: '同意' }
    case 'approve': return { note: '准予' }
    case 'deny': return { reasons: '不符合条件' }
    case 'answer': return { text: '答复' }
    case 'suspend': return { reason: '听证', kind: 'hearing' }
    case 'request_extension': case 'extend': return { days: 1, reason: '情况复杂' }
    case 'handover': return d.status === 'received' ? { toCenterId: above[d.currentCenterId], materials: all } : { toCenterId: below[d.currentCenterId] }
    case 'deliver': return { method: 'pickup', centerId: d.originCenterId }
    default: return {}
  }
}

describe('allowedActions ⇔ what succeeds, over the whole table', () => {
  it('listed ⇒ succeeds, omitted ⇒ refused with nothing written; 409 only when no one may', async () => {
    Object.assign(below, { [w.tree.district.id]: w.tree.townA.id, [w.tree.townA.id]: w.tree.villageA.id })
    Object.assign(above, { [w.tree.villageA.id]: w.tree.townA.id, [w.tree.townA.id]: w.tree.district.id })
    const statuses = new Set<string>()
    let listed = 0
    let refused = 0
    for (const [point, build] of Object.entries(POINTS)) {
      const id = await build()
      const events = async () => (await t.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()).length
      const before = await events()
      const allowedBy = new Map<CaseAction, string[]>()
      const conflicts: CaseAction[] = []
      for (const u of users) {
        const res = await u.client.get(`/api/cases/${id}`)
        const d = res.statusCode === 200 ? (res.json() as Detail) : undefined
        if (!d) expect(res.statusCode, `${point} ${u.name}`).toBe(403)
        else statuses.add(d.status)
        // Only the center holding the case acts on it (on this chain the open step and the arrived result are there too).
        if (d?.allowedActions.length) expect(u.centerId, `${point}: ${u.name} offered ${d.allowedActions} on a case held by ${d.currentCenterId}`).toBe(d.currentCenterId)
        for (const a of d?.allowedActions ?? []) allowedBy.set(a, [...(allowedBy.get(a) ?? []), u.name])
        for (const action of CASE_ACTION_NAMES.filter((a) => !d?.allowedActions.includes(a))) {
          const r = await act(u.client, id, action, d ? validBody(action, d) : {})
          expect([403, 409], `${point}: ${u.name} ${action} → ${r.statusCode} ${r.body}`).toContain(r.statusCode)
          if (r.statusCode === 409) conflicts.push(action)
          refused++
        }
      }
      expect(await events(), `${point}: a refusal wrote an event`).toBe(before)
      for (const a of conflicts) expect(allowedBy.get(a), `${point}: ${a} was 409 for one user but allowed to ${allowedBy.get(a)}`).toBeUndefined()
      for (const [action, names] of allowedBy) {
        for (const name of names) {
          const fresh = await build()
          const u = users.find((x) => x.name === name)!
          const d = (await u.client.get(`/api/cases/${fresh}`)).json() as Detail
          expect(d.allowedActions, `${point}: ${name}`).toContain(action)
          const r = await act(u.client, fresh, action, validBody(action, d))
          expect(r.statusCode, `${point}: ${name} ${action} listed but → ${r.body}`).toBe(200)
          listed++
        }
      }
    }
    expect([...statuses].sort()).toEqual(['accepted', 'answered', 'approved', 'closed', 'correction', 'denied', 'forwarded', 'in_review', 'received', 'refused'])
    expect(listed).toBeGreaterThan(40)
    expect(refused).toBeGreaterThan(3000)
    console.log(`allowedActions walk: ${Object.keys(POINTS).length} points × ${users.length} users, ${listed} listed actions succeeded, ${refused} omitted ones refused`)
  }, 600_000)
})
