// The case (办件) state machine as ONE table: every status, every action, who may take it and when.
// The server's check (assertAction), the API's allowedActions and the web's buttons all read CASE_ACTIONS: each action
// belongs to the center that holds the case now or to the department whose open step it is, never to where it started.
import type { LapseRule } from './commitments.js'
import { AppError } from './errors.js'
import { SPECIAL_PROCEDURES, type HandlingKind, type Role } from './vocabulary.js'

export const CASE_STATUSES = [
  'received', 'correction', 'refused', 'accepted', 'in_review', 'forwarded', 'approved', 'denied', 'answered', 'closed',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** A case's steps: the department's 承办/审核/批准, a co-department's 会签, a 上报 forward, an agency hop, the delivery,
 * and after a licence is granted the permit's issue (发证, 行政许可法 §44: within 10 working days of the decision), and
 * the applicant's 容缺 commitment (its own due date and light beside the case's). */
export const STEP_KINDS = ['handle', 'review', 'approve', 'sign', 'forward', 'handover', 'delivery', 'issue', 'commitment'] as const
export type StepKind = (typeof STEP_KINDS)[number]

/** Why the clock is paused: a correction during handling or one of the 特别程序. */
export const PAUSE_KINDS = ['correction', ...SPECIAL_PROCEDURES] as const
export type PauseKind = (typeof PAUSE_KINDS)[number]

/** Statuses in which the case is being handled and its clock runs (unless paused). */
export const OPEN_STATUSES = ['accepted', 'in_review', 'forwarded'] as const satisfies readonly CaseStatus[]
/** Decided, the result not yet in the applicant's hands. */
export const DECIDED_STATUSES = ['approved', 'denied', 'answered'] as const satisfies readonly CaseStatus[]

const ALL_KINDS = ['immediate', 'promised', 'joint', 'forward', 'controlled'] as const satisfies readonly HandlingKind[]

/** Who among the holders of the role may take an action: the center that holds the case now (its window, its manager,
 * the agent who carries it there), the department whose open step it is (at its own center), or the pick-up point the
 * result was sent to (the village room where the case started, when the result comes back there). */
type By = 'holder' | 'step' | 'pickupPoint'

/** A condition beyond status and role that holds or fails for everyone alike (409 with its own code when it fails). */
interface Condition { test: (c: ActionContext, status: CaseStatus) => boolean; code: string; message: string }

interface ActionRule {
  from: readonly CaseStatus[]
  /** The status after the action; null: unchanged (the action records something without moving the case). */
  to: CaseStatus | null
  roles: readonly Role[]
  /** Some roles only for some handling kinds (a window clerk approves only 即办 cases). */
  roleKinds?: Partial<Record<Role, readonly HandlingKind[]>>
  kinds: readonly HandlingKind[]
  by: By
  /** by 'step': the actor must hold an open step of one of these kinds (their center and department). */
  step?: readonly StepKind[]
  /** 'no': not while the clock is paused (the default); 'only': only then; 'any': either. */
  paused?: 'no' | 'only' | 'any'
  /** Needs the result delivered (true) or not yet delivered (false). */
  delivered?: boolean
  /** Needs a pending extension request. */
  pendingExtension?: boolean
  when?: readonly Condition[]
}

const offeredHere: Condition = { test: (c) => c.offeredHere, code: 'not_accepted_here', message: '持有此办件的中心不受理此事项，请交接给受理中心' }
const handoverOpen: Condition = {
  test: (c, status) => (status === 'received' ? !c.offeredHere && !c.topOfChain : c.resultAt !== null && c.resultAt !== c.holderCenterId),
  code: 'handover_not_expected', message: '此时无须交接：未受理的代办件向上交给受理中心，办理结果向下送往领取地点',
}
const resultArrived: Condition = { test: (c) => c.resultAt === null || c.resultAt === c.holderCenterId, code: 'result_not_arrived', message: '办理结果尚未交接到领取地点' }
const decidedAbove: Condition = { test: (c) => c.decidedAbove, code: 'decided_here', message: '此事项由本级审批，无须上报' }
const commitmentLapsed: Condition = { test: (c) => c.commitment === 'lapsed', code: 'commitment_not_lapsed', message: '没有逾期未履行的容缺承诺' }
const lapseCloses: Condition = { test: (c) => c.lapseRule === 'deny' || c.lapseRule === 'terminate', code: 'lapse_rule_suspend', message: '此事项规定承诺逾期只能挂起，不能不予许可或终止' }
const notDecidedAbove: Condition = { test: (c) => !c.decidedAbove, code: 'must_forward', message: '此事项由上级审批，初审后请上报' }

export const CASE_ACTIONS = {
  accept: { from: ['received'], to: 'accepted', roles: ['clerk', 'agent'], kinds: ALL_KINDS, by: 'holder', when: [offeredHere] },
  correct: { from: ['received'], to: 'correction', roles: ['clerk', 'agent'], kinds: ALL_KINDS, by: 'holder', when: [offeredHere] },
  supplement: { from: ['correction'], to: 'accepted', roles: ['clerk', 'agent'], kinds: ALL_KINDS, by: 'holder' },
  refuse: { from: ['received', 'correction'], to: 'refused', roles: ['clerk', 'manager', 'approver'], kinds: ALL_KINDS, by: 'holder', when: [offeredHere] },
  advance: { from: ['accepted', 'in_review'], to: 'in_review', roles: ['approver'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'step', step: ['handle', 'review'], when: [notDecidedAbove] },
  sign: { from: ['in_review'], to: 'in_review', roles: ['approver'], kinds: ['joint'], by: 'step', step: ['sign'] },
  forward: { from: ['accepted', 'in_review'], to: 'forwarded', roles: ['clerk', 'approver', 'agent'], kinds: ['forward'], by: 'step', step: ['handle'], when: [decidedAbove] },
  receive: { from: ['forwarded'], to: 'in_review', roles: ['approver', 'clerk'], kinds: ['forward'], by: 'step', step: ['forward'] },
  approve: { from: ['accepted', 'in_review'], to: 'approved', roles: ['approver', 'clerk'], roleKinds: { clerk: ['immediate'] }, kinds: ['immediate', 'promised', 'joint', 'forward'], by: 'step', step: ['approve'] },
  deny: { from: ['accepted', 'in_review'], to: 'denied', roles: ['approver', 'clerk'], roleKinds: { clerk: ['immediate'] }, kinds: ['immediate', 'promised', 'joint', 'forward', 'controlled'], by: 'step', step: ['approve'] },
  answer: { from: ['accepted', 'in_review'], to: 'answered', roles: ['approver'], kinds: ['controlled'], by: 'step', step: ['approve'] },
  issue: { from: ['approved'], to: null, roles: ['approver', 'clerk'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'step', step: ['issue'] },
  suspend: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder' },
  resume: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder', paused: 'only' },
  request_extension: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder', paused: 'any', pendingExtension: false },
  extend: { from: OPEN_STATUSES, to: null, roles: ['department_head', 'approver'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder', paused: 'any' },
  handover: { from: ['received', ...DECIDED_STATUSES], to: null, roles: ['agent', 'clerk'], kinds: ALL_KINDS, by: 'holder', paused: 'any', when: [handoverOpen] },
  deliver: { from: DECIDED_STATUSES, to: null, roles: ['clerk', 'approver'], kinds: ALL_KINDS, by: 'holder', delivered: false },
  pickup: { from: DECIDED_STATUSES, to: 'closed', roles: ['clerk', 'agent'], kinds: ALL_KINDS, by: 'pickupPoint', delivered: true, when: [resultArrived] },
  // 容缺受理: the deferred materials handed in at the accepting center; a missed date lets the department suspend, or
  // deny / terminate per the item's rule.
  hand_in: { from: [...OPEN_STATUSES, ...DECIDED_STATUSES], to: null, roles: ['clerk', 'agent'], kinds: ALL_KINDS, by: 'step', step: ['commitment'], paused: 'any' },
  lapse_suspend: { from: OPEN_STATUSES, to: null, roles: ['approver', 'manager'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder', when: [commitmentLapsed] },
  lapse_close: { from: OPEN_STATUSES, to: 'denied', roles: ['approver'], kinds: ['promised', 'joint', 'forward', 'controlled'], by: 'holder', paused: 'any', when: [commitmentLapsed, lapseCloses] },
} as const satisfies Record<string, ActionRule>

export type CaseAction = keyof typeof CASE_ACTIONS

/** The names of the steps separation of duties speaks of (in its refusal). */
const STEP_LABELS: Partial<Record<StepKind, string>> = { handle: '承办', review: '审核' }
export const CASE_ACTION_NAMES = Object.keys(CASE_ACTIONS) as CaseAction[]

/** What, beyond the status, decides whether an action is open to this actor now. */
export interface ActionContext {
  handlingKind: HandlingKind
  paused: boolean
  delivered: boolean
  pendingExtension: boolean
  /** Kinds of the case's open steps, whoever's they are. */
  openSteps: readonly StepKind[]
  /** Kinds of the open steps this actor may work on (at their own center, of their department). */
  myOpenSteps: readonly StepKind[]
  actorCenterId: number
  /** The center that holds the case now (cases.current_center_id). */
  holderCenterId: number
  /** The holding center accepts the item itself (an agency case still below it is carried up instead). */
  offeredHere: boolean
  /** The holding center is the top of the case's chain (nothing above to hand it up to). */
  topOfChain: boolean
  /** A 上报 item whose deciding department sits above the holding center: forwarded, not advanced here. */
  decidedAbove: boolean
  /** The pick-up point of a result sent for pick-up (null: not delivered, or mailed). */
  resultAt: number | null
  /** 容缺: no open commitment, one open, or one whose date has passed (optional: none). */
  commitment?: 'none' | 'open' | 'lapsed'
  /** What the item's rule allows on a missed commitment (null: no 容缺). */
  lapseRule?: LapseRule | null
  /** Separation of duties: the acting user, who finished the latest step of each kind, and whether the item version
   * lets one person hold consecutive steps (同一人连续办理). Absent: not checked. */
  actorId?: number
  doneBy?: Partial<Record<StepKind, { id: number; name: string }>>
  consecutiveSteps?: boolean
}

function rule(action: CaseAction): ActionRule {
  return CASE_ACTIONS[action]
}

/**
 * Why `action` is closed, or undefined when it is open. 'status' and 'state' (a condition that fails for everyone)
 * → 409; 'role', 'holder' (another center holds the case) and 'step' (the open step is another department's or
 * center's) and 'same_person' (this actor finished the step before: separation of duties) → 403.
 */
export type Block = 'status' | 'role' | 'holder' | 'state' | 'step' | 'same_person'

/** The step before each one that separation of duties keeps in other hands: 承办 → 审核 → 决定 (批准). */
const PRECEDING: Partial<Record<StepKind, StepKind>> = { review: 'handle', approve: 'review' }

/**
 * Separation of duties (the default; an item version may allow 同一人连续办理): the previous step, when this actor
 * finished it, of the open step `action` would complete — the actor may not also take this one.
 */
export function ownPreviousStep(ctx: ActionContext, action: CaseAction): { kind: StepKind; id: number; name: string } | undefined {
  const r = rule(action)
  if (!r.step || ctx.consecutiveSteps || ctx.actorId === undefined) return undefined
  const open = ctx.myOpenSteps.find((k) => r.step!.includes(k))
  const prev = open && PRECEDING[open]
  const by = prev && ctx.doneBy?.[prev]
  return by && by.id === ctx.actorId ? { kind: prev, ...by } : undefined
}

function failedCondition(status: CaseStatus, ctx: ActionContext, action: CaseAction): Condition | 'state' | undefined {
  const r = rule(action)
  const paused = r.paused ?? 'no'
  if ((paused === 'no' && ctx.paused) || (paused === 'only' && !ctx.paused)) return 'state'
  if (r.delivered !== undefined && r.delivered !== ctx.delivered) return 'state'
  if (r.pendingExtension !== undefined && r.pendingExtension !== ctx.pendingExtension) return 'state'
  if (r.step && !r.step.some((k) => ctx.openSteps.includes(k))) return 'state'
  return r.when?.find((w) => !w.test(ctx, status))
}

export function blockedBy(status: CaseStatus, roles: readonly Role[], ctx: ActionContext, action: CaseAction): Block | undefined {
  const r = rule(action)
  if (!r.from.includes(status) || !r.kinds.includes(ctx.handlingKind)) return 'status'
  const roleOk = roles.some((role) => r.roles.includes(role) && (r.roleKinds?.[role]?.includes(ctx.handlingKind) ?? true))
  if (!roleOk) return 'role'
  if (r.by === 'holder' && ctx.actorCenterId !== ctx.holderCenterId) return 'holder'
  if (r.by === 'pickupPoint' && ctx.actorCenterId !== (ctx.resultAt ?? ctx.holderCenterId)) return 'holder'
  if (failedCondition(status, ctx, action)) return 'state'
  if (r.step && !r.step.some((k) => ctx.myOpenSteps.includes(k))) return 'step'
  if (ownPreviousStep(ctx, action)) return 'same_person'
  return undefined
}

/** The actions this actor may take now, in table order: the API's `allowedActions` and the web's buttons. */
export function allowedActions(status: CaseStatus, roles: readonly Role[], ctx: ActionContext): CaseAction[] {
  return CASE_ACTION_NAMES.filter((a) => blockedBy(status, roles, ctx, a) === undefined)
}

/** Why the case page offers no 审核/决定 to this actor (separation of duties): the actions held back and whose step came before, or null. */
export function separatedFrom(status: CaseStatus, roles: readonly Role[], ctx: ActionContext): { step: StepKind; actorName: string; actions: CaseAction[] } | null {
  const actions = CASE_ACTION_NAMES.filter((a) => blockedBy(status, roles, ctx, a) === 'same_person')
  const prev = actions.length ? ownPreviousStep(ctx, actions[0]!) : undefined
  return prev ? { step: prev.kind, actorName: prev.name, actions } : null
}

export class InvalidCaseTransitionError extends AppError {
  constructor(status: CaseStatus, action: string, allowed: CaseAction[], code = 'invalid_transition', why?: string) {
    super('conflict', code, `${why ? why + '；' : ''}办件状态为 ${status}，不能执行 ${action}；可执行: ${allowed.join(', ') || '无'}`,
      { status, action, allowedActions: allowed })
  }
}

export class CaseActionForbiddenError extends AppError {
  constructor(action: string, code = 'forbidden', message = `当前角色无权对此办件执行 ${action}`, details: Record<string, unknown> = {}) {
    super('forbidden', code, message, { action, ...details })
  }
}

export function isCaseAction(name: string): name is CaseAction {
  return Object.hasOwn(CASE_ACTIONS, name)
}

/**
 * The server's check: the next status (null: unchanged), or 409 naming the allowed actions when the status (or a
 * condition that holds for everyone) forbids it, or 403 for a role, a center that does not hold the case (naming the
 * one that does: `holderName`), a step that is not the actor's, or one whose previous step the actor finished
 * (403 same_person_consecutive naming who, unless the item version allows 同一人连续办理).
 */
export function assertAction(status: CaseStatus, roles: readonly Role[], ctx: ActionContext, action: CaseAction, holderName = ''): CaseStatus | null {
  const why = blockedBy(status, roles, ctx, action)
  if (why === 'role') throw new CaseActionForbiddenError(action)
  if (why === 'holder') {
    throw new CaseActionForbiddenError(action, 'not_holder', `办件现由${holderName || '其他中心'}办理，本中心不能执行 ${action}`, { holderCenterId: ctx.holderCenterId, holderCenterName: holderName })
  }
  if (why === 'step') throw new CaseActionForbiddenError(action, 'not_your_step', `此办件当前环节不由您（本部门、本中心）办理，不能执行 ${action}`)
  if (why === 'same_person') {
    const prev = ownPreviousStep(ctx, action)!
    throw new CaseActionForbiddenError(action, 'same_person_consecutive',
      `此事项实行承办、审核、决定分离：上一环节「${STEP_LABELS[prev.kind]}」由${prev.name}办理，同一人不能接着办理下一环节，请由本部门其他人员办理`,
      { previousStep: prev.kind, previousActorId: prev.id, previousActorName: prev.name })
  }
  if (why === 'state') {
    const c = failedCondition(status, ctx, action)
    const allowed = allowedActions(status, roles, ctx)
    if (c && c !== 'state') throw new InvalidCaseTransitionError(status, action, allowed, c.code, c.message)
    throw new InvalidCaseTransitionError(status, action, allowed)
  }
  if (why) throw new InvalidCaseTransitionError(status, action, allowedActions(status, roles, ctx))
  return rule(action).to
}

/** Roles that may read cases at all (within their jurisdiction). */
export const CASE_READERS = ['admin', 'manager', 'supervisor', 'clerk', 'approver', 'agent', 'department_head'] as const satisfies readonly Role[]
/** Roles that may record a new case at a window or a village room. */
export const CASE_INTAKE_ROLES = ['clerk', 'agent'] as const satisfies readonly Role[]
