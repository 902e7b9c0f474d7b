// Drives a village agency case of the levels world along its chain to a named stage: recorded at 甲村, handed to
// 甲镇中心, accepted and forwarded there, received, reviewed and approved by the district department, and the
// result sent back down to 甲村 where the applicant picks it up. Every step must succeed.
import { expect } from 'vitest'
import type { Client } from './app.js'
import { act, intakeBody } from './cases.js'
import type { LevelsWorld } from './levels.js'

export const STAGES = ['village', 'town', 'accepted', 'forwarded', 'review', 'approve', 'approved', 'sentDown', 'atVillage', 'closed'] as const
export type Stage = (typeof STAGES)[number]

export { act }

export async function chainCase(w: LevelsWorld, stage: Stage, over: Record<string, unknown> = {}) {
  const res = await w.agentA.client.post('/api/cases', intakeBody(w, w.forwardItem, { centerId: w.tree.villageA.id, agency: { authorization: true }, ...over }))
  expect(res.statusCode, res.body).toBe(201)
  const c = res.json() as { id: number; number: string; queryCode: string }
  const steps: [Client, string, Record<string, unknown>][] = [
    [w.agentA.client, 'handover', { toCenterId: w.tree.townA.id, materials: w.forwardItem.materials.map((m) => ({ materialId: m, received: true })) }],
    [w.townAClerk.client, 'accept', { materials: [] }],
    [w.townAClerk.client, 'forward', { opinion: '初审同意' }],
    [w.approver.client, 'receive', {}],
    [w.reviewer.client, 'advance', { opinion: '审核通过' }],
    [w.approver.client, 'approve', { note: '准予' }],
    [w.approver.client, 'deliver', { method: 'pickup', centerId: w.tree.villageA.id }],
    [w.townAClerk.client, 'handover', { toUserId: w.agentA.id }],
    [w.agentA.client, 'pickup', {}],
  ]
  for (const [client, action, body] of steps.slice(0, STAGES.indexOf(stage))) {
    const r = await act(client, c.id, action, body)
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200)
  }
  return c
}
