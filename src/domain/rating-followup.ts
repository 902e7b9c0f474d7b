// 好差评 follow-up of a bad rating as ONE table: call back (回访), fix (整改), report back and close (反馈办结), or a
// review (申诉复核) that sets a mistaken or malicious rating aside or sends it back to where it was. Pure.
import { AppError } from './errors.js'
import type { Role } from './vocabulary.js'

export const FOLLOWUP_STATUSES = ['open', 'called_back', 'fixed', 'closed', 'in_review', 'set_aside'] as const
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number]

export const SCORE_NAMES = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } as const
/** 不满意 and 非常不满意 open a follow-up. */
export const isBadScore = (score: number) => score <= 2

export const FOLLOWUP_ACTIONS = {
  call_back: { from: ['open'], to: 'called_back', roles: ['manager'] },
  fix: { from: ['called_back'], to: 'fixed', roles: ['manager'] },
  close: { from: ['fixed'], to: 'closed', roles: ['manager'] },
  request_review: { from: ['open', 'called_back', 'fixed'], to: 'in_review', roles: ['manager'] },
  set_aside: { from: ['in_review'], to: 'set_aside', roles: ['supervisor'] },
  // back to the status it had before the review was asked
  reject_review: { from: ['in_review'], to: null, roles: ['supervisor'] },
} as const satisfies Record<string, { from: readonly FollowupStatus[]; to: FollowupStatus | null; roles: readonly Role[] }>

export type FollowupAction = keyof typeof FOLLOWUP_ACTIONS
export const FOLLOWUP_ACTION_NAMES = Object.keys(FOLLOWUP_ACTIONS) as FollowupAction[]

/** The status after `action`; `beforeReview` is the status the follow-up had when the review was asked. */
export function nextFollowupStatus(status: FollowupStatus, action: FollowupAction, beforeReview: FollowupStatus | null): FollowupStatus {
  const rule = FOLLOWUP_ACTIONS[action]
  if (!(rule.from as readonly FollowupStatus[]).includes(status)) {
    const allowed = allowedFollowupActions(status, ['manager', 'supervisor'])
    throw new AppError('conflict', 'invalid_transition', `差评整改状态为 ${status}，不能执行 ${action}；可执行: ${allowed.join(', ') || '无'}`, { status, allowedActions: allowed })
  }
  return rule.to ?? beforeReview ?? 'open'
}

export function allowedFollowupActions(status: FollowupStatus, roles: readonly Role[]): FollowupAction[] {
  return FOLLOWUP_ACTION_NAMES.filter((a) => {
    const r = FOLLOWUP_ACTIONS[a]
    return (r.from as readonly FollowupStatus[]).includes(status) && r.roles.some((x) => roles.includes(x))
  })
}

/** Which limit is running: the call-back until called back, then the fix until fixed; none after. */
export function followupDue(f: { status: FollowupStatus; callbackDue: string; fixDue: string }): string | null {
  if (f.status === 'open') return f.callbackDue
  if (f.status === 'called_back') return f.fixDue
  return null
}
