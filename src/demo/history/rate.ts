// Ratings in the demo history: a third of the applicants rate a closed case, a few rate a served ticket from its
// follow page; a bad rating's follow-up is walked by the center's manager (or set aside on review) unless it is recent.
import { today as todayOn } from '../../domain/clock.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { followupAction, rateTicket, submitRating } from '../../features/ratings/ratings.service.js'
import type { Lane } from './visits.js'
import type { HistoryCenter } from './world.js'

const SCORES = [5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1] as const
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]
const score = (r: () => number) => (r() < 0.9 ? pick(SCORES.slice(0, 11), r) : pick([2, 1], r))
const comment = (s: number, r: () => number) => (s <= 2 ? pick(['等了很久', '材料要求没说清楚', '跑了两趟', '窗口态度不好'], r) : '')

export async function maybeRate(lane: Lane, center: HistoryCenter, caseId: number, r: () => number) {
  if (r() > 0.33) return
  const c = await lane.ctx.db.selectFrom('cases').select(['number', 'query_code', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow()
  if (c.status !== 'closed') return
  const s = score(r)
  const res = await submitRating(lane.ctx, { number: c.number, code: c.query_code, score: s, comment: comment(s, r), source: r() < 0.5 ? 'pad' : 'progress' })
  await followUp(lane, center, res.followupId, r)
}

/** An enquiry's applicant rates the served ticket (one in five). */
export async function maybeRateTicket(lane: Lane, center: HistoryCenter, t: { id: number; token: string }, r: () => number) {
  if (r() > 0.2) return
  lane.clock.advance(5 * 60_000)
  const s = score(r)
  const res = await rateTicket(lane.ctx, t.id, { token: t.token, score: s, comment: comment(s, r) })
  await followUp(lane, center, res.followupId, r)
}

async function followUp(lane: Lane, center: HistoryCenter, followupId: number | null, r: () => number) {
  if (!followupId || !center.manager) return
  const start = lane.clock.now().getTime()
  const steps: [Actor, string, string][] = r() < 0.15
    ? [[center.manager, 'request_review', '申请人误评，已核实'], [lane.world.supervisor, 'set_aside', '复核属实，不计入满意度']]
    : [[center.manager, 'call_back', '已电话回访申请人'], [center.manager, 'fix', '已整改，向窗口人员通报'], [center.manager, 'close', '已向申请人反馈整改情况']]
  for (let i = 0; i < steps.length; i++) {
    const when = new Date(start + (i + 1) * 2 * 86400_000)
    if (todayOn({ now: () => when }) > lane.lastDay) return // recent: still under follow-up
    lane.clock.set(when)
    const [who, action, note] = steps[i]
    await followupAction(lane.ctx, who, followupId, action as never, note)
  }
}
