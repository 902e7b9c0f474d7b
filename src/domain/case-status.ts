// The case (办件) state machine as ONE table: every status, every action, who may take it and when.
// The server's check (assertAction), the API's allowedActions and the web's buttons all read CASE_ACTIONS.
import { AppError } from './errors.js'
import { SPECIAL_PROCEDURES, type HandlingKind, type Role } from './vocabulary.js'

export const CASE_STATUSES = [
  'received', 'correction', 'refused', 'accepted', 'in_review', 'forwarded', 'approved', 'denied', 'answered', 'closed',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** A case's steps: the department's 承办/审核/批准, a co-department's 会签, a 上报 forward, an agency hop, the delivery. */
export const STEP_KINDS = ['handle', 'review', 'approve', 'sign', 'forward', 'handover', 'delivery'] as const
export type StepKind = (typeof STEP_KINDS)[number]

/** Why the clock is paused: a correction during handling or one of the 特别程序. */
export const PAUSE_KINDS = ['correction', ...SPECIAL_PROCEDURES] as const
export type PauseKind = (typeof PAUSE_KINDS)[number]

/** Statuses in which the case is being handled and its clock runs (unless paused). */
export const OPEN_STATUSES = ['accepted', 'in_review', 'forwarded'] as const satisfies readonly CaseStatus[]
/** Decided, the result not yet in the applicant's hands. */
export const DECIDED_STATUSES = ['approved', 'denied', 'answered'] as const satisfies readonly CaseStatus[]

const ALL_KINDS = ['immediate', 'promised', 'joint', 'forward', 'controlled'] as const satisfies readonly HandlingKind[]
const LIVE = ['received', 'correction', ...OPEN_STATUSES, ...DECIDED_STATUSES] as const satisfies readonly CaseStatus[]

interface ActionRule {
  from: readonly CaseStatus[]
  /** The status after the action; null: unchanged (the action records something without moving the case). */
  to: CaseStatus | null
  roles: readonly Role[]
  /** Some roles only for some handling kinds (a window clerk approves only 即办 cases). */
  roleKinds?: Partial<Record<Role, readonly HandlingKind[]>>
  kinds: readonly HandlingKind[]
  /** The actor must hold an open step of one of these kinds (the department's current step). */
  step?: readonly StepKind[]
  /** 'no': not while the clock is paused (the default); 'only': only then; 'any': either. */
  paused?: 'no' | 'only' | 'any'
  /** Needs the result delivered (true) or not yet delivered (false). */
  delivered?: boolean
  /** Needs a pending extension request. */
  pendingExtension?: boolean
}

export const CASE_ACTIONS = {
  accept: { from: ['received'], to: 'accepted', roles: ['clerk'], kinds: ALL_KINDS },
  correct: { from: ['received'], to: 'correction', roles: ['clerk'], kinds: ALL_KINDS },
  supplement: { from: ['correction'], to: 'accepted', roles: ['clerk'], kinds: ALL_KINDS },
  // 不予受理 in the department's name: the window where entrusted, else the department's approver (legal-rules.deciderBlock).
  refuse: { from: ['received', 'correction'], to: 'refused', roles: ['clerk', 'manager', 'approver'], kinds: ALL_KINDS },
  advance: { from: ['accepted', 'in_review'], to: 'in_review', roles: ['approver'], kinds: ['promised', 'joint', 'forward', 'controlled'], step: ['handle', 'review'] },
  sign: { from: ['in_review'], to: 'in_review', roles: ['approver'], kinds: ['joint'], step: ['sign'] },
  forward: { from: ['accepted', 'in_review'], to: 'forwarded', roles: ['clerk', 'approver'], kinds: ['forward'], step: ['handle'] },
  receive: { from: ['forwarded'], to: 'in_review', roles: ['approver', 'clerk'], kinds: ['forward'], step: ['forward'] },
  approve: { from: ['accepted', 'in_review'], to: 'approved', roles: ['approver', 'clerk'], roleKinds: { clerk: ['immediate'] }, kinds: ['immediate', 'promised', 'joint', 'forward'], step: ['approve'] },
  deny: { from: ['accepted', 'in_review'], to: 'denied', roles: ['approver', 'clerk'], roleKinds: { clerk: ['immediate'] }, kinds: ['immediate', 'promised', 'joint', 'forward', 'controlled'], step: ['approve'] },
  answer: { from: ['accepted', 'in_review'], to: 'answered', roles: ['approver'], kinds: ['controlled'], step: ['approve'] },
  suspend: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'] },
  resume: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], paused: 'only' },
  request_extension: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], paused: 'any', pendingExtension: false },
  // 行政许可法 §42: the deciding department's head approves (checked further in the handler: of the case's department).
  extend: { from: OPEN_STATUSES, to: null, roles: ['department_head'], kinds: ['promised', 'joint', 'forward', 'controlled'], paused: 'any' },
  handover: { from: LIVE, to: null, roles: ['agent', 'clerk'], kinds: ALL_KINDS, paused: 'any' },
  deliver: { from: DECIDED_STATUSES, to: null, roles: ['clerk', 'approver'], kinds: ALL_KINDS, delivered: false },
  pickup: { from: DECIDED_STATUSES, to: 'closed', roles: ['clerk', 'agent'], kinds: ALL_KINDS, delivered: true },
} as const satisfies Record<string, ActionRule>

export type CaseAction = keyof typeof CASE_ACTIONS
export const CASE_ACTION_NAMES = Object.keys(CASE_ACTIONS) as CaseAction[]

/** What, beyond the status, decides whether an action is open to this actor now. */
export interface ActionContext {
  handlingKind: HandlingKind
  paused: boolean
  delivered: boolean
  pendingExtension: boolean
  /** Kinds of the open steps this actor may work on (their center and department). */
  myOpenSteps: readonly StepKind[]
}

function rule(action: CaseAction): ActionRule {
  return CASE_ACTIONS[action]
}

/** Why `action` is closed, or undefined when it is open: 'status' (→ 409), 'role' (→ 403), 'state' (→ 409). */
export function blockedBy(status: CaseStatus, roles: readonly Role[], ctx: ActionContext, action: CaseAction): 'status' | 'role' | 'state' | undefined {
  const r = rule(action)
  if (!r.from.includes(status) || !r.kinds.includes(ctx.handlingKind)) return 'status'
  const roleOk = roles.some((role) => r.roles.includes(role) && (r.roleKinds?.[role]?.includes(ctx.handlingKind) ?? true))
  if (!roleOk) return 'role'
  const paused = r.paused ?? 'no'
  if ((paused === 'no' && ctx.paused) || (paused === 'only' && !ctx.paused)) return 'state'
  if (r.delivered !== undefined && r.delivered !== ctx.delivered) return 'state'
  if (r.pendingExtension !== undefined && r.pendingExtension !== ctx.pendingExtension) return 'state'
  if (r.step && !r.step.some((k) => ctx.myOpenSteps.includes(k))) return 'state'
  return undefined
}

/** The actions this actor may take now, in table order: the API's `allowedActions` and the web's buttons. */
export function allowedActions(status: CaseStatus, roles: readonly Role[], ctx: ActionContext): CaseAction[] {
  return CASE_ACTION_NAMES.filter((a) => blockedBy(status, roles, ctx, a) === undefined)
}

export class InvalidCaseTransitionError extends AppError {
  constructor(status: CaseStatus, action: string, allowed: CaseAction[]) {
    super('conflict', 'invalid_transition', `办件状态为 ${status}，不能执行 ${action}；可执行: ${allowed.join(', ') || '无'}`,
      { status, action, allowedActions: allowed })
  }
}

export class CaseActionForbiddenError extends AppError {
  constructor(action: string) {
    super('forbidden', 'forbidden', `当前角色无权对此办件执行 ${action}`, { action })
  }
}

export function isCaseAction(name: string): name is CaseAction {
  return Object.hasOwn(CASE_ACTIONS, name)
}

/**
 * The server's check: the next status (null: unchanged), or 409 naming the allowed actions, or 403 for a role
 * that may never take this action here.
 */
export function assertAction(status: CaseStatus, roles: readonly Role[], ctx: ActionContext, action: CaseAction): CaseStatus | null {
  const why = blockedBy(status, roles, ctx, action)
  if (why === 'role') throw new CaseActionForbiddenError(action)
  if (why) throw new InvalidCaseTransitionError(status, action, allowedActions(status, roles, ctx))
  return rule(action).to
}

/** Roles that may read cases at all (within their jurisdiction). */
export const CASE_READERS = ['admin', 'manager', 'supervisor', 'clerk', 'approver', 'agent', 'department_head'] as const satisfies readonly Role[]
/** Roles that may record a new case at a window or a village room. */
export const CASE_INTAKE_ROLES = ['clerk', 'agent'] as const satisfies readonly Role[]
