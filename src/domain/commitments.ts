// 容缺受理 (国发〔2024〕3号 容缺事项承诺办): which materials may be missing at acceptance, the commitment's due date and
// what a missed date allows. Never the key ones: the application form and the applicant's identity. Pure.
import { addWorkingDays, dayNumber, fromDayNumber, type Calendar, type IsoDate } from './calendar.js'
import type { FieldProblem } from './errors.js'

/** What a missed commitment date allows besides suspending the case: per the item's rule. */
export const LAPSE_RULES = ['suspend', 'deny', 'terminate'] as const
export type LapseRule = (typeof LAPSE_RULES)[number]

/** How a deferred material was handed in: at the window (one more trip), by mail or electronically (no trip). */
export const HAND_IN_VIA = ['window', 'mail', 'electronic'] as const
export type HandInVia = (typeof HAND_IN_VIA)[number]

/** Key materials (申请表/申请书, 身份证明, 营业执照…): without them nothing can be examined, so never 容缺. */
const KEY_MATERIAL = /申请表|申请书|登记表|身份证|身份证明|户口簿|居住证|护照|营业执照|统一社会信用代码/

export function isKeyMaterial(name: string): boolean {
  return KEY_MATERIAL.test(name)
}

/** A version's materials marked deferrable that are key materials: 400, each named. */
export function deferrableProblems(materials: readonly { name: string; deferrable?: boolean }[], field = 'body.materials'): FieldProblem[] {
  return materials.flatMap((m, i) => (m.deferrable && isKeyMaterial(m.name)
    ? [{ field: `${field}.${i}.deferrable`, message: `“${m.name}”是关键材料（申请表、身份证明），不能容缺` }] : []))
}

/** The latest date the item's rule allows: `days` working days after acceptance (the day of acceptance not counted). */
export function latestCommitmentDate(cal: Calendar, acceptedOn: IsoDate, days: number): IsoDate {
  return addWorkingDays(cal, acceptedOn, days)
}

/**
 * The commitment's due date: the one asked for, or the rule's latest. Asked for beyond the rule, or before the day
 * after acceptance: a problem naming the field.
 */
export function commitmentDate(cal: Calendar, acceptedOn: IsoDate, days: number, asked?: IsoDate): { due: IsoDate } | { problem: FieldProblem } {
  const latest = latestCommitmentDate(cal, acceptedOn, days)
  if (asked === undefined) return { due: latest }
  if (asked > latest) return { problem: { field: 'body.commitment.dueDate', message: `承诺补交日期不能晚于 ${latest}（事项规定受理后 ${days} 个工作日内）` } }
  if (asked <= acceptedOn) return { problem: { field: 'body.commitment.dueDate', message: '承诺补交日期须在受理之后' } }
  return { due: asked }
}

/** Lapsed: the due date has passed and the material is still missing. */
export function commitmentLapsed(step: { dueDate: IsoDate | null; doneAt: unknown }, today: IsoDate): boolean {
  return step.doneAt === null && step.dueDate !== null && today > step.dueDate
}

/** The reminder goes out from the day before the due date (a commitment made the day before is reminded at once). */
export function reminderDue(dueDate: IsoDate, today: IsoDate): boolean {
  const dayBefore = fromDayNumber(dayNumber(dueDate)! - 1)
  return today >= dayBefore && today <= dueDate
}

/** A deferred material handed in at the window costs the applicant one more trip; by mail or electronically none. */
export function handInTrips(via: HandInVia): number {
  return via === 'window' ? 1 : 0
}
