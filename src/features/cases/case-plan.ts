// How a case's clock and steps unfold: due dates at acceptance, the first step, the step after each one
// (承办 → 审核 → 批准; 联办: 承办 → every co-department's 会签 in parallel → 批准). Pure apart from the types.
import type { StepLimit } from '../../db/schema.js'
import { isProvisional, unconfirmedYears, type Calendar, type IsoDate } from '../../domain/calendar.js'
import type { StepKind } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { addCountedDays, caseDueDate, extendedLegalDueDate, legalDueDate, stepDueDate, type DaysUnit, type Limits, type Pause } from '../../domain/deadlines.js'
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
  handle: ['handle', '承办', '受理审查', '审查', '初审'], review: ['review', '审核'], approve: ['approve', '批准', '审批', '决定'],
  sign: ['sign', '会签', '并联审查'], forward: ['forward', '上报'], handover: ['handover', '交接'], delivery: ['delivery', '送达'],
  issue: ['issue', '发证', '制证'],
  commitment: ['commitment', '容缺补交'],
}

/** 行政许可法 §44: the permit is issued within 10 (working, §82) days of the decision to grant. */
export const PERMIT_ISSUE_DAYS = 10

/** The upper level's own limit for its decision on a 上报 item (行政许可法 §43), named in step_limits. */
const DECISION_NAMES: readonly string[] = ['decision', '上级决定', '上级审批']
export function decisionLimitFor(limits: readonly StepLimit[]): number | null {
  return limits.find((l) => DECISION_NAMES.includes(l.step))?.days ?? null
}

/**
 * The date no step of the case may run past: the case's due date, except at the deciding level of a 上报 case
 * (行政许可法 §43) once it received the case: its own limit for the decision counted from the day it received it,
 * when the item sets one (step_limits `上级决定`).
 */
export function stepCap(cal: Calendar, c: { handlingKind: HandlingKind; stepLimits: readonly StepLimit[] },
  steps: readonly { kind: StepKind; doneAt: Date | string | null }[], caseDue: IsoDate | null, pauses: readonly Pause[], today: IsoDate,
  unit: DaysUnit = 'workday'): IsoDate | null {
  const days = c.handlingKind === 'forward' ? decisionLimitFor(c.stepLimits) : null
  const received = steps.find((s) => s.kind === 'forward' && s.doneAt !== null)
  if (days === null || !received) return caseDue
  return addCountedDays(cal, chinaDate(new Date(received.doneAt!)), days, pauses, today, unit)
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

/** 行政许可法 §44: after a decision to grant a licence, the permit's issue (发证) at the deciding department. */
export function issueStep(cal: Calendar, c: CasePlan, t: StepTiming, seq: number): StepInsert {
  return {
    caseId: c.id, seq, kind: 'issue', centerId: c.departmentCenterId, departmentId: c.departmentId, at: t.at, startDate: t.today,
    limitDays: PERMIT_ISSUE_DAYS, dueDate: stepDueDate(cal, t.today, PERMIT_ISSUE_DAYS, null, [], t.today),
  }
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
