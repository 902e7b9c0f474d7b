// 容缺受理 in a case: which materials the clerk accepts missing (checked against the item's rule), the `commitment`
// step with its own due date, the hand-in that closes it and what a missed date allows (suspend, or deny/terminate
// per the item's rule). The case's own clock and light are untouched: the commitment is a step beside them.
import type { Calendar, IsoDate } from '../../domain/calendar.js'
import { commitmentDate, isKeyMaterial, type LapseRule } from '../../domain/commitments.js'
import { lightOf, type Light } from '../../domain/deadlines.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import type { ActionBody, ActionState, Handled } from './action-state.js'
import * as repo from './cases.repository.js'

export interface CommitmentAsk { materialIds: number[]; dueDate?: string }
interface ItemRule {
  deferralDays: number | null
  materials: readonly { id: number; name: string; required: boolean; deferrable: boolean }[]
}

/**
 * The materials accepted missing and the commitment's due date, or the problems: an item without 容缺, a material
 * not deferrable (a key one above all), a date beyond the item's rule. `acceptedOn` null: the case is not accepted
 * now (a one-time notice first), so the date is set when it is.
 */
export function deferralOf(cal: Calendar, item: ItemRule, ask: CommitmentAsk | undefined, acceptedOn: IsoDate | null) {
  const ids = new Set<number>()
  const problems: FieldProblem[] = []
  if (!ask) return { ids, due: null as IsoDate | null, problems }
  if (item.deferralDays === null) {
    problems.push({ field: 'body.commitment', message: '此事项不适用容缺受理' })
    return { ids, due: null, problems }
  }
  ask.materialIds.forEach((id, i) => {
    const m = item.materials.find((x) => x.id === id)
    if (!m) problems.push({ field: `body.commitment.materialIds.${i}`, message: '不是此事项的申请材料' })
    else if (isKeyMaterial(m.name)) problems.push({ field: `body.commitment.materialIds.${i}`, message: `“${m.name}”是关键材料（申请表、身份证明），不能容缺，请出具一次性告知书` })
    else if (!m.deferrable) problems.push({ field: `body.commitment.materialIds.${i}`, message: `“${m.name}”不在此事项的容缺材料之列` })
    else ids.add(id)
  })
  let due: IsoDate | null = null
  if (acceptedOn !== null) {
    const d = commitmentDate(cal, acceptedOn, item.deferralDays, ask.dueDate)
    if ('problem' in d) problems.push(d.problem)
    else due = d.due
  }
  return { ids, due, problems }
}

/** The commitment step: at the accepting center, no department (not an approver's work), due on the promised date. */
export function commitmentStep(caseId: number, seq: number, centerId: number, at: Date, today: IsoDate, due: IsoDate): repo.StepInsert {
  return { caseId, seq, kind: 'commitment', centerId, departmentId: null, at, startDate: today, limitDays: null, dueDate: due }
}

export function commitmentNote(names: readonly string[], due: IsoDate): string {
  return `容缺受理：${names.join('、')}，申请人承诺于 ${due} 前补交`
}

/** After a one-time notice is answered (supplement): the commitment for the materials still deferred starts now. */
export async function openAfterSupplement(s: ActionState, seq: number): Promise<string | null> {
  const deferred = (await repo.listMaterials(s.trx, s.row.id)).filter((m) => m.deferred && !m.received)
  if (deferred.length === 0) return null
  const v = await s.trx.selectFrom('item_versions').select('deferral_days').where('id', '=', s.row.itemVersionId).executeTakeFirstOrThrow()
  const d = commitmentDate(s.cal, s.today, v.deferral_days ?? 1)
  if ('problem' in d) return null
  await repo.insertSteps(s.trx, [commitmentStep(s.row.id, seq, s.actor.centerId, s.now, s.today, d.due)])
  return commitmentNote(deferred.map((m) => m.name), d.due)
}

/** 容缺补交: the deferred materials handed in (at the window, by mail or electronically); all in closes the step. */
export async function handIn(s: ActionState, b: ActionBody): Promise<Handled> {
  const list = b.materials ?? []
  if (list.length === 0) throw errors.validation([{ field: 'body.materials', message: '请勾选补交的材料' }])
  const via = b.via ?? 'window'
  const all = await repo.listMaterials(s.trx, s.row.id)
  const open = new Map(all.filter((m) => m.deferred && !m.received).map((m) => [m.materialId!, m]))
  const bad = list.flatMap((m, i) => (open.has(m.materialId) ? [] : [{ field: `body.materials.${i}.materialId`, message: '不是此办件尚待补交的容缺材料' }]))
  if (bad.length) throw errors.validation(bad)
  const arrived = list.filter((m) => m.received).map((m) => m.materialId)
  if (arrived.length === 0) throw errors.validation([{ field: 'body.materials', message: '请勾选补交的材料' }])
  await repo.markHandedIn(s.trx, s.row.id, arrived, s.now, via)
  const left = [...open.values()].filter((m) => !arrived.includes(m.materialId!))
  const step = s.steps.find((x) => x.kind === 'commitment' && x.doneAt === null)!
  const names = arrived.map((id) => open.get(id)!.name)
  const viaText = via === 'mail' ? '邮寄' : via === 'electronic' ? '网上' : '窗口'
  if (left.length === 0) await repo.finishStep(s.trx, step.id, s.actor.userId, s.now, `容缺材料已补齐（${viaText}）`)
  const note = `${viaText}补交容缺材料：${names.join('、')}${left.length ? `；尚缺 ${left.map((m) => m.name).join('、')}` : '；承诺已履行'}`
  return { patch: {}, note, data: { via, materialIds: arrived, closed: left.length === 0, late: s.today > (step.dueDate ?? s.today) } }
}

/** What the item's rule allows once the date is missed; the deciding step is closed with the reason. */
export async function lapseRule(s: ActionState): Promise<LapseRule> {
  const v = await s.trx.selectFrom('item_versions').select('deferral_lapse').where('id', '=', s.row.itemVersionId).executeTakeFirstOrThrow()
  return v.deferral_lapse
}

/** 承诺逾期 → deny or terminate (per the item's rule): every open step closes; the decision names the commitment. */
export async function lapseClose(s: ActionState, b: ActionBody): Promise<Handled> {
  const rule = await lapseRule(s)
  const step = s.steps.find((x) => x.kind === 'commitment' && x.doneAt === null)!
  const outcome = rule === 'terminate' ? 'terminated' : 'denied'
  const reasons = b.reasons?.trim() || `申请人未在承诺期限（${step.dueDate}）内补交容缺材料，依事项规定${rule === 'terminate' ? '终止办理' : '不予许可'}`
  for (const st of s.steps.filter((x) => x.doneAt === null)) await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, reasons)
  return { patch: { decided_at: s.now, decision: JSON.stringify({ outcome, note: reasons, reasons, commitmentDue: step.dueDate }) }, note: reasons, data: { outcome, rule } }
}

/** 承诺逾期 → suspend: the clock stops (a correction pause) until the material arrives and the case is resumed. */
export async function lapseSuspend(s: ActionState, b: ActionBody): Promise<Handled> {
  const step = s.steps.find((x) => x.kind === 'commitment' && x.doneAt === null)!
  const reason = b.reason?.trim() || `申请人未在承诺期限（${step.dueDate}）内补交容缺材料`
  await repo.insertPause(s.trx, { caseId: s.row.id, kind: 'correction', reason, date: s.today, at: s.now, by: s.actor.userId })
  return { patch: { paused_since: s.today }, note: `挂起：${reason}`, data: { kind: 'correction', commitmentDue: step.dueDate } }
}

/** The commitment as the case page and the 承诺书 show it, or undefined when the case has none. */
export function commitmentView(cal: Calendar, steps: readonly repo.StepRow[], materials: readonly { materialId: number | null; name: string; received: boolean; deferred: boolean }[], today: IsoDate) {
  const step = steps.filter((x) => x.kind === 'commitment').at(-1)
  if (!step || step.dueDate === null) return undefined
  const done = step.doneAt !== null
  const light: Light = done ? 'green' : lightOf(cal, { start: step.startDate, due: step.dueDate }, today)
  return {
    dueDate: step.dueDate, done, light,
    materials: materials.filter((m) => m.deferred).map((m) => ({ materialId: m.materialId!, name: m.name, received: m.received })),
  }
}
