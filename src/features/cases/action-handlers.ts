// What each case action does once the table allowed it: checks its fields, writes steps, materials, pauses and
// extensions, and returns the case patch and the event's note. Runs inside the action's transaction.
import { PAUSE_KINDS, type CaseAction } from '../../domain/case-status.js'
import { acceptanceDate, extendsPastLegal, extensionRoom, stepDueDate, type Pause } from '../../domain/deadlines.js'
import { errors } from '../../domain/errors.js'
import { covers } from '../../domain/jurisdiction.js'
import { onChain } from '../../domain/levels.js'
import { appealRights, decidingBodyOf, denialWording, extensionApprover, LAWFUL_KINDS } from '../../domain/legal-rules.js'
import type { ActionBody, ActionState, Handled } from './action-state.js'
import { firstSteps, issueStep, nextSteps, planAcceptance, stepCap, type CasePlan } from './case-plan.js'
import * as repo from './cases.repository.js'
import * as items from './intake.repository.js'
import { correctionNote } from './intake.service.js'
import { handIn, lapseClose, lapseSuspend, openAfterSupplement } from './commitment.js'

type Handler = (s: ActionState, b: ActionBody) => Promise<Handled>

function need<K extends keyof ActionBody>(b: ActionBody, key: K, message: string): NonNullable<ActionBody[K]> {
  const v = b[key]
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw errors.validation([{ field: `body.${key}`, message }])
  return v as NonNullable<ActionBody[K]>
}

export async function plan(s: ActionState): Promise<CasePlan> {
  const item = await items.findItemForIntake(s.trx, s.row.itemId, s.row.acceptingCenterId)
  const version = await s.trx.selectFrom('item_versions').select('step_limits').where('id', '=', s.row.itemVersionId).executeTakeFirstOrThrow()
  return {
    id: s.row.id, handlingKind: s.row.handlingKind, departmentId: s.row.departmentId, departmentCenterId: item!.departmentCenterId,
    acceptingCenterId: s.row.acceptingCenterId, stepLimits: version.step_limits,
  }
}

/** Marks the listed materials received; the required ones still missing after that. */
async function receiveMaterials(s: ActionState, list: ActionBody['materials']) {
  const all = await repo.listMaterials(s.trx, s.row.id)
  const known = new Set(all.map((m) => m.materialId))
  const bad = (list ?? []).flatMap((m, i) => (known.has(m.materialId) ? [] : [{ field: `body.materials.${i}.materialId`, message: '不是此办件的申请材料' }]))
  if (bad.length) throw errors.validation(bad)
  const problems = (list ?? []).filter((m) => m.problem?.trim()).map((m) => ({ materialId: m.materialId, problem: m.problem!.trim() }))
  const problemOf = new Map(problems.map((p) => [p.materialId, p.problem]))
  const arrived = (list ?? []).filter((m) => m.received && !problemOf.has(m.materialId)).map((m) => m.materialId)
  await repo.markReceived(s.trx, s.row.id, arrived, s.now)
  await repo.markProblems(s.trx, s.row.id, problems)
  return all.filter((m) => m.required && !m.deferred && (problemOf.has(m.materialId!) || (!m.received && !arrived.includes(m.materialId!))))
    .map((m) => ({ materialId: m.materialId!, name: m.name, problem: problemOf.get(m.materialId!) ?? (m.received ? null : m.problem) }))
}

/** Starts the clock on `acceptedOn` and opens the first step. */
async function start(s: ActionState, acceptedOn: string): Promise<repo.CasePatch> {
  const clock = planAcceptance(s.cal, { ...s.row, extendedDays: 0 }, acceptedOn, [], s.today)
  await repo.insertSteps(s.trx, firstSteps(s.cal, await plan(s), { dueDate: clock.dueDate, at: s.now, today: s.today }))
  return {
    accepted_at: s.now, accepted_on: acceptedOn, due_date: clock.dueDate, legal_due_date: clock.legalDueDate,
    provisional: clock.provisional, accepting_center_id: s.actor.centerId, current_center_id: s.actor.centerId,
  }
}

/** New due dates after a pause or an extension, for the case and each open step. */
async function retime(s: ActionState, extendedDays: number, pauses: readonly Pause[]): Promise<repo.CasePatch> {
  const clock = planAcceptance(s.cal, { ...s.row, extendedDays }, s.row.acceptedOn!, pauses, s.today)
  const cap = stepCap(s.cal, await plan(s), s.steps, clock.dueDate, pauses, s.today, s.row.daysUnit)
  for (const st of s.steps.filter((x) => x.doneAt === null)) {
    await repo.setStepDue(s.trx, st.id, stepDueDate(s.cal, st.startDate, st.limitDays, cap, pauses, s.today, s.row.daysUnit))
  }
  return { due_date: clock.dueDate, legal_due_date: clock.legalDueDate, extended_legal_due_date: clock.extendedLegalDueDate, provisional: clock.provisional }
}

function myStep(s: ActionState, kinds: readonly string[], departmentId?: number) {
  const st = s.myOpenSteps.find((x) => kinds.includes(x.kind) && (departmentId === undefined || x.departmentId === departmentId))
  if (!st) throw errors.validation([{ field: departmentId === undefined ? 'params.action' : 'body.departmentId', message: '没有可由您办理的环节' }])
  return st
}

const unitText = (s: ActionState) => (s.row.daysUnit === 'calendar' ? '日' : '个工作日')

/** Past the item's extension rule (the legal limit plus what its rule allows): 409. */
function checkRoom(s: ActionState, days: number) {
  const room = extensionRoom(s.row)
  if (days > room) {
    throw errors.conflict('extension_past_legal_limit', `延期后将超过法定期限及事项的延期规则，最多还可延长 ${room} ${unitText(s)}`,
      { field: 'body.days', room, extensionRule: s.row.extensionRule })
  }
}

/** The deciding department and its appeal settings, as printed on the decision. */
async function decidingBody(s: ActionState) {
  const d = await items.findDecidingDepartment(s.trx, s.row.departmentId)
  return decidingBodyOf(d, { reviewBody: d.centerReviewBody, court: d.centerCourt })
}

async function decide(s: ActionState, outcome: 'approved' | 'denied' | 'answered', note: string, extra: Record<string, unknown> = {}): Promise<Handled> {
  const st = myStep(s, ['approve'])
  await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, note)
  const body = await decidingBody(s)
  const licence = outcome === 'approved' && (await items.itemType(s.trx, s.row.itemVersionId)) === '行政许可'
  // 行政许可法 §44: a licence granted (not on the spot) is issued within 10 working days, a step of its own before delivery.
  const issue = licence && s.row.handlingKind !== 'immediate' ? issueStep(s.cal, await plan(s), { dueDate: null, at: s.now, today: s.today }, nextSeq(s)) : undefined
  if (issue) await repo.insertSteps(s.trx, [issue])
  // the appeal rights: on every denial, and on a 确认, 给付 or 裁决 granted, which binds others too (a 工伤认定 the
  // employer, 《工伤保险条例》 §55); not on a licence granted, a plain 办结 or a written answer
  const appealable = outcome === 'denied' || (outcome === 'approved' && !licence && extra.wording !== '已办结')
  if (appealable) extra = { ...extra, appealRights: appealRights(body) }
  const data = issue ? { ...extra, issueDueDate: issue.dueDate } : extra
  return { patch: { decided_at: s.now, decision: JSON.stringify({ outcome, note, ...body, ...extra }) }, note, data }
}

const nextSeq = (s: ActionState) => Math.max(0, ...s.steps.map((x) => x.seq)) + 1

/** The open steps' cap: the case's due date, or the deciding level's own limit on a received 上报 case (§43). */
async function cap(s: ActionState) {
  return stepCap(s.cal, await plan(s), s.steps, s.row.dueDate, s.pauses, s.today, s.row.daysUnit)
}

export const HANDLERS: Partial<Record<CaseAction, Handler>> = {
  async accept(s, b) {
    const missing = await receiveMaterials(s, b.materials)
    if (missing.length) throw errors.validation([{ field: 'body.materials', message: '材料不全，请出具一次性告知书: ' + missing.map((m) => m.name).join('、') }])
    const { acceptedOn, late } = acceptanceDate(s.cal, s.row.receivedOn, s.today)
    const note = late ? `受理（收到材料后 5 个工作日内未告知补正，自 ${acceptedOn} 起视为受理）` : '受理'
    return { patch: await start(s, acceptedOn), note: b.note ? `${note}；${b.note}` : note, data: { acceptedOn, late } }
  },

  async correct(s, b) {
    const { acceptedOn, late } = acceptanceDate(s.cal, s.row.receivedOn, s.today)
    if (late) {
      throw errors.conflict('correction_notice_late', `收到材料已逾 5 个工作日，依法自 ${acceptedOn} 起视为受理，不能再出具补正告知`, { receivedOn: s.row.receivedOn })
    }
    const missing = await receiveMaterials(s, b.materials)
    if (!missing.length) throw errors.validation([{ field: 'body.materials', message: '材料齐全，请直接受理' }])
    return { patch: {}, note: correctionNote(missing), data: { missing } }
  },

  async supplement(s, b) {
    const missing = await receiveMaterials(s, need(b, 'materials', '请列出补齐的材料'))
    if (missing.length) throw errors.validation([{ field: 'body.materials', message: '仍缺少: ' + missing.map((m) => m.name).join('、') }])
    const patch = await start(s, s.today)
    const promise = await openAfterSupplement(s, 2) // 容缺 materials marked at intake: their commitment starts with the clock
    return { patch, note: promise ? `材料补齐，受理；${promise}` : '材料补齐，受理' }
  },

  async refuse(s, b) {
    const reason = need(b, 'reason', '请写明不予受理的理由')
    const body = await decidingBody(s)
    const refusal = { reason, referTo: b.referTo ?? null, ...body, appealRights: appealRights(body) }
    return { patch: { refusal: JSON.stringify(refusal) }, note: reason, data: { referTo: refusal.referTo } }
  },

  async advance(s, b) {
    const opinion = need(b, 'opinion', '请填写办理意见')
    const st = myStep(s, ['handle', 'review'])
    await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, opinion)
    const found = await items.findDepartments(s.trx, s.row.coDepartmentIds)
    const co = s.row.coDepartmentIds.flatMap((id) => found.filter((d) => d.id === id)) // in the order the clerk listed them
    const maxSeq = Math.max(...s.steps.map((x) => x.seq))
    const next = nextSteps(s.cal, await plan(s), st, maxSeq, 0, co, { dueDate: await cap(s), at: s.now, today: s.today, pauses: s.pauses })
    await repo.insertSteps(s.trx, next)
    return { patch: {}, note: opinion, data: { step: st.kind, next: next.map((x) => x.kind) } }
  },

  async sign(s, b) {
    const opinion = need(b, 'opinion', '请填写会签意见')
    const st = myStep(s, ['sign'], need(b, 'departmentId', '请选择会签部门'))
    await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, opinion)
    const openSigns = s.steps.filter((x) => x.kind === 'sign' && x.doneAt === null && x.id !== st.id).length
    const maxSeq = Math.max(...s.steps.map((x) => x.seq))
    const next = nextSteps(s.cal, await plan(s), st, maxSeq, openSigns, [], { dueDate: await cap(s), at: s.now, today: s.today, pauses: s.pauses })
    await repo.insertSteps(s.trx, next)
    return { patch: {}, note: opinion, data: { departmentId: st.departmentId, openSigns } }
  },

  async approve(s, b) {
    const wording = await items.outcomeWording(s.trx, s.row.itemVersionId)
    return decide(s, 'approved', b.note?.trim() || wording, { wording })
  },
  // worded like the grant it refuses: a 工伤认定 is 不予确认, not 不予许可 (the document, the progress page, the message)
  async deny(s, b) {
    const wording = denialWording(await items.outcomeWording(s.trx, s.row.itemVersionId))
    const reasons = need(b, 'reasons', `请写明${wording}的理由`)
    return decide(s, 'denied', reasons, { reasons, wording })
  },
  answer: (s, b) => decide(s, 'answered', need(b, 'text', '请填写书面答复')),

  // 行政许可法 §44: the permit (证照) made and issued; delivery follows.
  async issue(s, b) {
    const st = myStep(s, ['issue'])
    const permitNumber = b.permitNumber?.trim() || null
    const note = permitNumber ? `制发许可证件，证件编号 ${permitNumber}` : '制发许可证件'
    await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, b.note?.trim() ? `${note}；${b.note.trim()}` : note)
    const late = st.dueDate !== null && s.today > st.dueDate
    return { patch: {}, note: late ? `${note}（逾期，应于 ${st.dueDate} 前制发）` : note, data: { permitNumber, dueDate: st.dueDate, late } }
  },

  async suspend(s, b) {
    const reason = need(b, 'reason', '请写明挂起原因')
    const kind = need(b, 'kind', '请选择挂起类型')
    if (!(PAUSE_KINDS as readonly string[]).includes(kind)) throw errors.validation([{ field: 'body.kind', message: `须为 ${PAUSE_KINDS.join(', ')} 之一` }])
    await repo.insertPause(s.trx, { caseId: s.row.id, kind: kind as (typeof PAUSE_KINDS)[number], reason, date: s.today, at: s.now, by: s.actor.userId })
    // 行政许可法 §45: the applicant is told in writing (特别程序告知书, numbered by the event's trigger) how long it takes.
    const special = (LAWFUL_KINDS as readonly string[]).includes(kind)
    const expected = b.days !== undefined ? `，预计所需时间 ${b.days} 日` : ''
    const note = special ? `${reason}${expected}（所需时间不计入办理期限）` : reason
    return { patch: { paused_since: s.today }, note, data: { kind, expectedDays: b.days ?? null, special } }
  },

  async resume(s, b) {
    await repo.endPause(s.trx, s.row.id, s.today, s.now, s.actor.userId)
    const pauses = s.pauses.map((p) => ({ from: p.from, to: p.to ?? s.today }))
    const patch = await retime(s, s.row.extendedDays, pauses)
    return { patch: { ...patch, paused_since: null }, note: b.note?.trim() || '恢复计时', data: { dueDate: patch.due_date } }
  },

  async request_extension(s, b) {
    const days = need(b, 'days', '请填写延长的天数')
    const reason = need(b, 'reason', '请写明延期理由')
    checkRoom(s, days)
    const pastLegal = extendsPastLegal(s.row, days)
    await repo.insertExtension(s.trx, { caseId: s.row.id, days, reason, status: 'requested', by: s.actor.userId, at: s.now, pastLegal })
    return { patch: {}, note: `申请延期 ${days} ${unitText(s)}：${reason}`, data: { days, pastLegal } }
  },

  // Who may approve at all is checked before the handler (legal-rules.deciderBlock); here, for these days: within the
  // legal limit the department (approver or head), past it the head or the head's AB stand-in while the head is away.
  async extend(s, b) {
    const days = need(b, 'days', '请填写延长的天数')
    const reason = need(b, 'reason', '请写明延期理由（将告知申请人）')
    checkRoom(s, days)
    const as = extensionApprover(s.decider!, days)
    if (as !== 'head' && as !== 'stand_in' && as !== 'department') throw errors.forbidden(as)
    const pastLegal = extendsPastLegal(s.row, days)
    // 联办 past the legal 45 days: the 本级人民政府 head approves; the lead department's head records it with the approval attached.
    const governmentApproval = pastLegal && s.row.extensionRule === 'joint'
    if (governmentApproval && !b.attachment) {
      throw errors.validation([{ field: 'body.file', message: '联合办理延期须经本级人民政府负责人批准，请上传批准文件' }])
    }
    const attachmentId = governmentApproval ? await repo.insertAttachment(s.trx, { caseId: s.row.id, kind: 'government_approval', ...b.attachment!, by: s.actor.userId, at: s.now }) : null
    const approved = await repo.approvePendingExtension(s.trx, s.row.id, days, reason, s.actor.userId, s.now, pastLegal, attachmentId)
    if (!approved) await repo.insertExtension(s.trx, { caseId: s.row.id, days, reason, status: 'approved', by: s.actor.userId, at: s.now, pastLegal, attachmentId })
    const extendedDays = s.row.extendedDays + days
    const patch = await retime(s, extendedDays, s.pauses)
    const basis = !pastLegal ? '（在法定期限内，经本部门批准）'
      : governmentApproval ? '（超过法定期限，经本级人民政府负责人批准，批准文件附后）'
        : s.row.extensionRule === 'own' ? '（超过法定期限，依事项设定依据）' : '（超过法定期限，依行政许可法第四十二条）'
    const standIn = as === 'stand_in' ? '；部门负责人外出，由 AB 岗代为批准' : ''
    return {
      patch: { ...patch, extended_days: extendedDays }, note: `延期 ${days} ${unitText(s)}${basis}：${reason}${standIn}`,
      data: {
        days, unit: s.row.daysUnit, reason, pastLegal, approvedBy: s.actor.userId, approvedAs: as, dueDate: patch.due_date, extendedLegalDueDate: patch.extended_legal_due_date,
        ...(attachmentId !== null ? { attachmentId } : {}),
      },
    }
  },

  async deliver(s, b) {
    const done = await deliverResult(s, b)
    // 行政许可法 §44 (颁发、送达): a permit not yet issued as a step of its own is issued with its delivery.
    const issue = s.steps.find((x) => x.kind === 'issue' && x.doneAt === null)
    if (!issue) return done
    await repo.finishStep(s.trx, issue.id, s.actor.userId, s.now, '制发许可证件并送达')
    const late = issue.dueDate !== null && s.today > issue.dueDate
    return { ...done, note: `制发许可证件，${done.note}${late ? `（发证逾期，应于 ${issue.dueDate} 前制发）` : ''}`, data: { ...done.data, permitIssued: true, issueLate: late } }
  },

  hand_in: handIn,
  lapse_suspend: lapseSuspend,
  lapse_close: lapseClose,

  async pickup(s, b) {
    const d = s.row.delivery! // the table let only the pick-up point holding the result through
    return { patch: { closed_at: s.now }, note: b.note?.trim() || (d.method === 'mail' ? '申请人已签收' : '申请人已领取') }
  },
}

/** The result sent for pick-up at a point of the case's chain, or mailed. */
async function deliverResult(s: ActionState, b: ActionBody): Promise<Handled> {
  const method = need(b, 'method', '请选择送达方式')
  let delivery
  if (method === 'pickup') {
    const center = await items.findCenter(s.trx, need(b, 'centerId', '请选择领取地点'))
    if (!center || center.status !== 'active') throw errors.validation([{ field: 'body.centerId', message: '领取地点不存在或已撤销' }])
    // Any point of the case's own chain at or below the center that holds it: the district window, the accepting town,
    // the village room where it started. Another town's village is not this applicant's.
    if (!onChain(s.row.originPath, center.id) || !covers(s.holder.holderPath, center.path)) {
      throw errors.forbidden(`${center.name}不在此办件的区—镇—村链条上，不能作为领取地点`)
    }
    delivery = { method, centerId: center.id, trackingNumber: null, at: s.now.toISOString() }
    return { patch: { delivery: JSON.stringify(delivery) }, note: `送达 ${center.name} 待领取`, data: { ...delivery, centerName: center.name } }
  }
  const trackingNumber = need(b, 'trackingNumber', '请填写邮寄单号')
  delivery = { method, centerId: null, trackingNumber, at: s.now.toISOString() }
  return { patch: { delivery: JSON.stringify(delivery) }, note: `邮寄送达，单号 ${trackingNumber}`, data: delivery }
}
