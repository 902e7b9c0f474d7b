// The parts of a demo case that generate.ts and fewer-trips.ts share: an applicant, whether a request was already
// made, and the days and steps of a promised item.
import type { Actor } from '../../domain/jurisdiction.js'
import { checkDigit } from '../../domain/id-number.js'
import { DENY_SHARE, LATE_SHARE } from './plan.js'
import type { Lane, Step } from './visits.js'
import type { HistoryCenter, HistoryItem } from './world.js'

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高何郭马罗梁'
const GIVEN = ['建华', '秀兰', '国强', '丽', '军', '芳', '伟', '敏', '桂英', '志刚', '春梅', '海', '小红', '德明']

export function applicant(r: () => number) {
  const serial = Math.floor(r() * 900) + 100
  const first17 = `42010219${70 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 9)}${serial}`
  return { kind: 'person' as const, name: SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)], idNumber: first17 + checkDigit(first17), phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}` }
}

/** Whether the actor already recorded this request (by the intake's own index: created_by, request_id). */
export async function made(lane: Lane, actor: Actor, requestId: string): Promise<boolean> {
  return !!(await lane.ctx.db.selectFrom('cases').select('id').where('created_by', '=', actor.userId).where('request_id', '=', requestId).executeTakeFirst())
}

/** Working days the department takes over its steps: up to the promised days (often fewer), a few more for a late one. */
export function span(item: HistoryItem, r: () => number) {
  const days = Math.max(1, Math.min(item.promisedDays, 12))
  const extra = r() < LATE_SHARE ? 2 + Math.floor(r() * 4) : 0
  return { days: extra ? days + extra : Math.max(1, days - Math.floor(r() * Math.min(3, days))), extra }
}

/**
 * 承办 → 审核 → 批准 (or 不予许可), delivery and pick-up, spread over the days taken; a late one's department head
 * approves an extension first half the time (then it is on time), the newest left open.
 */
export function promisedSteps(clerk: Actor, approver: Actor, reviewer: Actor, head: Actor | undefined, center: HistoryCenter, item: HistoryItem, r: () => number): Step[] {
  const { days: s, extra } = span(item, r)
  const a = Math.round(s / 3); const b = Math.round((2 * s) / 3) - a
  const reason = '需现场核查，申请延期'
  const extension: Step[] = extra && head && r() < 0.5
    ? [[approver, 'request_extension', { days: extra, reason }, 0], [head, 'extend', { days: extra, reason }, 0]] : []
  const decision: Step = r() < DENY_SHARE ? [approver, 'deny', { reasons: '经审查不符合法定条件' }, s - a - b] : [approver, 'approve', {}, s - a - b]
  return [
    [approver, 'advance', { opinion: '材料齐全，符合条件' }, a], ...extension, [reviewer, 'advance', { opinion: '审核通过' }, b], decision,
    [clerk, 'deliver', { method: 'pickup', centerId: center.id }, 0], [clerk, 'pickup', {}, 1 + Math.floor(r() * 2)],
  ]
}
