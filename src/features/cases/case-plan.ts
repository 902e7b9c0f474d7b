// How a case's clock and steps unfold: due dates at acceptance, the first step, the step after each one
// (承办 → 审核 → 批准; 联办: 承办 → every co-department's 会签 in parallel → 批准). Pure apart from the types.
import type { StepLimit } from '../../db/schema.js'
import { isProvisional, unconfirmedYears, type Calendar, type IsoDate } from '../../domain/calendar.js'
import type { StepKind } from '../../domain/case-status.js'
import { caseDueDate, extendedLegalDueDate, legalDueDate, stepDueDate, type Limits, type Pause } from '../../domain/deadlines.js'
import type { HandlingKind } from '../../domain/vocabulary.js'
import type { StepInsert } from './cases.repository.js'

export type ClockInput = Limits

/**
 * The case's dates: the due date (promised + extensions), the 法定办结日期 (legal limit alone, null for 即办), the
 * extended legal date (only past an approved extension beyond it), and whether any rests on a provisional calendar.
 */
export function planAcceptance(cal: Calendar, c: ClockInput, acceptedOn: IsoDate, pauses: readonly Pause[], today: IsoDate = acceptedOn) {
  const clock = { ...c, acceptedOn, pauses }
  const dueDate = caseDueDate(cal, clock, today)
  const legal = legalDueDate(cal, clock, today)
  const extended = extendedLegalDueDate(cal, clock, today)
  const last = [dueDate, legal, extended].filter((d): d is string => d !== null).sort().at(-1)!
  const provisional = last !== acceptedOn && isProvisional(cal, unconfirmedYears(cal, acceptedOn, last))
  return { dueDate, legalDueDate: legal, extendedLegalDueDate: extended, provisional }
}

const STEP_NAMES: Record<StepKind, readonly string[]> = {
  handle: ['handle', '承办', '受理审查', '审查'], review: ['review', '审核'], approve: ['approve', '批准', '审批', '决定'],
  sign: ['sign', '会签', '并联审查'], forward: ['forward', '上报'], handover: ['handover', '交接'], delivery: ['delivery', '送达'],
  commitment: ['commitment', '容缺补交'],
}

/** The item's own limit for a step kind (step_limits names it in English or Chinese), or null. */
export function stepLimitFor(limits: readonly StepLimit[], kind: StepKind): number | null {
  return limits.find((l) => STEP_NAMES[kind].includes(l.step))?.days ?? null
}

export interface CasePlan {
  id: number; handlingKind: HandlingKind; departmentId: number; departmentCenterId: number; acceptingCenterId: number
  stepLimits: readonly StepLimit[]
}
export interface StepTiming { dueDate: IsoDate | null; at: Date; today: IsoDate; pauses?: readonly Pause[] }

function step(cal: Calendar, c: CasePlan, t: StepTiming, seq: number, kind: StepKind, centerId: number, departmentId: number | null): StepInsert {
  const limitDays = stepLimitFor(c.stepLimits, kind)
  return {
    caseId: c.id, seq, kind, centerId, departmentId, at: t.at, startDate: t.today, limitDays,
    dueDate: stepDueDate(cal, t.today, limitDays, t.dueDate, t.pauses ?? [], t.today),
  }
}

/** The step opened at acceptance: 即办 is approved at the window; 上报 starts with the accepting center's 初审. */
export function firstSteps(cal: Calendar, c: CasePlan, t: StepTiming): StepInsert[] {
  if (c.handlingKind === 'immediate') return [step(cal, c, t, 1, 'approve', c.acceptingCenterId, c.departmentId)]
  if (c.handlingKind === 'forward') return [step(cal, c, t, 1, 'handle', c.acceptingCenterId, null)]
  return [step(cal, c, t, 1, 'handle', c.departmentCenterId, c.departmentId)]
}

export interface DoneStep { kind: StepKind; seq: number }

/**
 * The steps that open once `done` is finished; `openSigns` counts 会签 steps still open after it.
 * coDepartments: the joint case's co-departments with their centers.
 */
export function nextSteps(cal: Calendar, c: CasePlan, done: DoneStep, maxSeq: number, openSigns: number,
  coDepartments: readonly { id: number; centerId: number }[], t: StepTiming): StepInsert[] {
  if (done.kind === 'handle' && c.handlingKind === 'joint') {
    return coDepartments.map((d, i) => step(cal, c, t, maxSeq + 1 + i, 'sign', d.centerId, d.id))
  }
  if (done.kind === 'handle') return [step(cal, c, t, maxSeq + 1, 'review', c.departmentCenterId, c.departmentId)]
  if (done.kind === 'review' || (done.kind === 'sign' && openSigns === 0)) {
    return [step(cal, c, t, maxSeq + 1, 'approve', c.departmentCenterId, c.departmentId)]
  }
  return []
}
