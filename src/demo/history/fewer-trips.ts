// Fewer trips in the demo history, at the district center: 容缺受理 (an item that allows it, the deferrable material
// missing at the window, accepted under a commitment, handed in a few working days later through the real hand_in; a
// few miss the date and are suspended per the item's rule, then hand in late and are resumed) and 一件事一次办 (one
// visit, one bundle intake through the bundle service, each part walked through its department).
import type { IsoDate } from '../../domain/calendar.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { bundleIntake } from '../../features/bundles/bundle-intake.service.js'
import { intake } from '../../features/cases/intake.service.js'
import { applicant, made, promisedSteps } from './case-parts.js'
import { maybeRate } from './rate.js'
import { visit, walk, at, type Lane, type Step } from './visits.js'
import type { HistoryCenter, HistoryItem } from './world.js'

/** Of the 容缺 cases, those whose applicant misses the promised date (the item's rule: suspended, then resumed). */
export const LAPSE_SHARE = 0.15

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]
const VIA = ['window', 'mail', 'electronic', 'electronic', 'mail'] as const // most hand in without another trip

/** The item's department steps with the hand-in (and, for a lapse, suspend … resume) at their working-day offsets; the decision waits for them. */
export function withCommitment(steps: Step[], extra: [Step, number][]): Step[] {
  let t = 0
  const abs = steps.map((s) => (t += s[3]))
  const decision = steps.findIndex((s) => s[1] === 'approve' || s[1] === 'deny')
  const last = Math.max(...extra.map((e) => e[1]))
  if (decision >= 0 && abs[decision] < last) { const shift = last - abs[decision]; for (let i = decision; i < abs.length; i++) abs[i] += shift }
  const merged = [
    ...extra.map(([s, o], i) => ({ s, o, rank: 0, i })),
    ...steps.map((s, i) => ({ s, o: abs[i], rank: decision >= 0 && i >= decision ? 1 : 0.5, i })),
  ].sort((a, b) => a.o - b.o || a.rank - b.rank || a.i - b.i)
  let prev = 0
  return merged.map(({ s, o }) => { const w = o - prev; prev = o; return [s[0], s[1], s[2], w] as Step })
}

function departmentSteps(lane: Lane, center: HistoryCenter, clerk: Actor, item: HistoryItem, r: () => number): Step[] {
  if (item.kind === 'immediate') return [[clerk, 'approve', { note: '当场办结' }, 0], [clerk, 'deliver', { method: 'pickup', centerId: center.id }, 0], [clerk, 'pickup', {}, 0]]
  const approver = lane.world.approvers.get(item.departmentId) ?? center.approver!
  return promisedSteps(clerk, approver, lane.world.reviewers.get(item.departmentId) ?? approver, lane.world.heads.get(item.departmentId), center, item, r)
}

/** The hand-in a few working days later (within the date), or a lapse: suspended the day after the date, handed in late, resumed. */
function commitmentSteps(lane: Lane, center: HistoryCenter, clerk: Actor, item: HistoryItem, r: () => number): [Step, number][] {
  const days = item.deferralDays ?? 5
  const body = { materials: item.deferrable.map((materialId) => ({ materialId, received: true })), via: pick(VIA, r) }
  if (r() >= LAPSE_SHARE) return [[[clerk, 'hand_in', body, 0], 1 + Math.floor(r() * Math.min(days, 4))]]
  const approver = lane.world.approvers.get(item.departmentId) ?? center.approver!
  const late = days + 2 + Math.floor(r() * 3)
  return [[[approver, 'lapse_suspend', {}, 0], days + 1], [[clerk, 'hand_in', { ...body, via: 'window' }, 0], late], [[approver, 'resume', {}, 0], late]]
}

/** A 容缺 intake at the window: the deferrable material missing, accepted under the commitment, walked through its department. */
export async function deferralCase(lane: Lane, center: HistoryCenter, day: IsoDate, minute: number, key: string, r: () => number): Promise<number> {
  const items = center.items.filter((i) => i.deferrable.length && i.deferralDays !== null && i.kind !== 'immediate' && (lane.world.approvers.has(i.departmentId) || center.approver))
  if (!items.length || !center.clerks.length) return 0
  const requestId = `hist-${day}-${key}`
  const clerk = pick(center.clerks, r)
  if (await made(lane, clerk, requestId)) return 0
  const item = pick(items, r)
  lane.clock.set(at(day, minute, center.hours))
  let id = 0
  await visit(lane, clerk, center.id, r, async () => {
    const c = (await intake(lane.ctx, clerk, {
      requestId, itemId: item.id, centerId: center.id, applicant: applicant(r),
      materials: item.materials.map((materialId) => ({ materialId, received: !item.deferrable.includes(materialId) })),
      commitment: { materialIds: item.deferrable },
    })).case
    id = c.id
    return c.number
  })
  await walk(lane, id, day, minute + 20, withCommitment(departmentSteps(lane, center, clerk, item, r), commitmentSteps(lane, center, clerk, item, r)), r)
  await maybeRate(lane, center, id, r)
  return 1
}

const FIELD_VALUES: Record<string, (r: () => number, day: IsoDate) => string> = {
  childName: (r) => applicant(r).name, birthDate: (_r, day) => day, employer: (r) => pick(['区建筑公司', '梁子湖水产公司', '区供销社'], r),
}

/**
 * A 一件事 intake: one ticket, the bundle's shared form and merged materials once (the deferrable ones under 容缺 half
 * the time), one case per part, each walked through its own department; the hand-in closes every part's commitment.
 */
export async function bundleCase(lane: Lane, center: HistoryCenter, day: IsoDate, minute: number, key: string, r: () => number): Promise<number> {
  const offered = new Map(center.items.map((i) => [i.id, i]))
  const bundles = lane.world.bundles.filter((b) => b.centerId === center.id && b.itemIds.every((id) => offered.has(id)))
  if (!bundles.length || !center.clerks.length) return 0
  const requestId = `hist-${day}-${key}`
  const clerk = pick(center.clerks, r)
  if (await lane.ctx.db.selectFrom('bundle_cases').select('id').where('created_by', '=', clerk.userId).where('request_id', '=', requestId).executeTakeFirst()) return 0
  const bundle = pick(bundles, r)
  const items = bundle.itemIds.map((id) => offered.get(id)!)
  const deferrable = items.flatMap((i) => i.materials.flatMap((m, k) => (i.deferrable.includes(m) && i.deferralDays !== null ? [i.materialNames[k]] : [])))
  const deferred = deferrable.length && r() < 0.5 ? [...new Set(deferrable)] : []
  const names = [...new Set(items.flatMap((i) => i.materialNames))]
  lane.clock.set(at(day, minute, center.hours))
  let parts: { id: number; number: string }[] = []
  await visit(lane, clerk, center.id, r, async () => {
    const res = await bundleIntake(lane.ctx, clerk, bundle.id, {
      requestId, centerId: center.id, applicant: applicant(r),
      fields: Object.fromEntries(bundle.fields.map((f) => [f.key, FIELD_VALUES[f.key]?.(r, day) ?? '已填写'])),
      materials: names.map((name) => ({ name, received: !deferred.includes(name) })),
      ...(deferred.length ? { commitment: { materials: deferred } } : {}),
    })
    parts = res.receipt.parts.map((p) => ({ id: p.id, number: p.number }))
    return parts[0]?.number
  })
  for (const [i, p] of parts.entries()) {
    const item = items[i]
    const steps = departmentSteps(lane, center, clerk, item, r)
    const own = item.deferrable.filter((m) => deferred.includes(item.materialNames[item.materials.indexOf(m)]))
    await walk(lane, p.id, day, minute + 20, own.length ? withCommitment(steps, commitmentSteps(lane, center, clerk, { ...item, deferrable: own }, r)) : steps, r)
    await maybeRate(lane, center, p.id, r)
  }
  return parts.length
}
