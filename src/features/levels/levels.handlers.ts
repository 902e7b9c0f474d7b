// The cross-level actions once the one table allowed them: 上报 `forward` (preliminary opinion, a forward step due
// by the center's rule), `receive` by the deciding department (no second preliminary review), agency `handover`
// hops with the custody chain, and the result travelling back down after `deliver` until `pickup` where it arrived.
import type { CaseAction } from '../../domain/case-status.js'
import { errors } from '../../domain/errors.js'
import { covers } from '../../domain/jurisdiction.js'
import { forwardDue, hopDue, isLate, nextCenterToward, onChain } from '../../domain/levels.js'
import type { HandoverMaterial } from '../../db/schema.js'
import { plan } from '../cases/action-handlers.js'
import type { ActionBody, ActionState, Handled } from '../cases/action-state.js'
import { nextSteps, stepCap } from '../cases/case-plan.js'
import * as repo from '../cases/cases.repository.js'
import * as items from '../cases/intake.repository.js'
import * as levels from './levels.repository.js'

export type LevelBody = ActionBody & { toUserId?: number; toCenterId?: number }
type Handler = (s: ActionState, b: LevelBody) => Promise<Handled>
type Handlers = Partial<Record<CaseAction, Handler>>
type AllHandlers = Record<CaseAction, Handler>

const RESULT: HandoverMaterial = { id: null, name: '办理结果' }

async function center(s: ActionState, id: number) {
  const c = await items.findCenter(s.trx, id)
  if (!c) throw errors.notFound('服务中心', id)
  return c
}

const nextSeq = (s: ActionState) => Math.max(0, ...s.steps.map((x) => x.seq)) + 1

/** Closes the open hop at `centerId` (if one is due there); whether it was late. */
async function closeHop(s: ActionState, centerId: number, note: string) {
  const hop = s.steps.find((x) => x.kind === 'handover' && x.doneAt === null && x.centerId === centerId)
  if (!hop) return { late: false, due: null }
  await repo.finishStep(s.trx, hop.id, s.actor.userId, s.now, note)
  return { late: isLate(s.today, hop.dueDate), due: hop.dueDate }
}

/** Opens the hop from `centerId` onward, due by the rule of the lower center (a village's town sets it). */
async function openHop(s: ActionState, c: { id: number; path: string }, assigneeId: number | null, urgent: boolean, seq = nextSeq(s)) {
  const rule = await levels.ruleFor(s.trx, c.path)
  const due = hopDue(s.cal, s.today, rule, urgent)
  await repo.insertSteps(s.trx, [{
    caseId: s.row.id, seq, kind: 'handover', centerId: c.id, departmentId: null, assigneeId, at: s.now, startDate: s.today,
    limitDays: urgent ? 0 : rule.handoverDays, dueDate: due,
  }])
  return due
}

/** The materials named in a hand-over, each one the case has; the authorisation travels with them. */
async function handedMaterials(s: ActionState, list: LevelBody['materials']): Promise<HandoverMaterial[]> {
  const all = await repo.listMaterials(s.trx, s.row.id)
  if (!list?.length) throw errors.validation([{ field: 'body.materials', message: '请列出交接的材料' }])
  const bad = list.flatMap((m, i) => (all.some((x) => x.materialId === m.materialId) ? [] : [{ field: `body.materials.${i}.materialId`, message: '不是此办件的材料' }]))
  if (bad.length) throw errors.validation(bad)
  const named = all.filter((x) => list.some((m) => m.materialId === x.materialId && m.received))
  return [...named, ...all.filter((x) => x.kind === 'authorization')].map((x) => ({ id: x.id, name: x.name }))
}

const forward: Handler = async (s, b) => {
  const opinion = b.opinion?.trim()
  if (!opinion) throw errors.validation([{ field: 'body.opinion', message: '请填写初审意见' }])
  // The table let only the holding center's 初审 through, and only for an item decided above it.
  const p = await plan(s)
  const [here, deciding] = await Promise.all([center(s, s.actor.centerId), center(s, p.departmentCenterId)])
  const handle = s.myOpenSteps.find((x) => x.kind === 'handle')!
  await repo.finishStep(s.trx, handle.id, s.actor.userId, s.now, opinion)
  const dueDate = forwardDue(s.cal, s.today, await levels.ruleFor(s.trx, here.path))
  const seq = nextSeq(s)
  await repo.insertSteps(s.trx, [{
    caseId: s.row.id, seq, kind: 'forward', centerId: deciding.id, departmentId: s.row.departmentId, at: s.now, startDate: s.today,
    limitDays: null, dueDate, opinion: '',
  }])
  await levels.setStepFromCenter(s.trx, s.row.id, seq, here.id)
  const all = await repo.listMaterials(s.trx, s.row.id)
  await levels.insertHandover(s.trx, {
    caseId: s.row.id, at: s.now, direction: 'up', fromUserId: s.actor.userId, fromCenterId: here.id, toUserId: null, toCenterId: deciding.id,
    materials: all.filter((m) => m.received || m.kind === 'authorization').map((m) => ({ id: m.id, name: m.name })), note: `上报：${opinion}`, dueDate, late: false,
  })
  return { patch: { current_center_id: deciding.id }, note: `初审意见：${opinion}`, data: { toCenterId: deciding.id, toCenterName: deciding.name, dueDate } }
}

const receive: Handler = async (s) => {
  const st = s.myOpenSteps.find((x) => x.kind === 'forward')!
  await repo.finishStep(s.trx, st.id, s.actor.userId, s.now, '签收')
  const late = isLate(s.today, st.dueDate)
  const handle = s.steps.filter((x) => x.kind === 'handle').at(-1)!
  const p = await plan(s)
  // The preliminary review (初审) was the lower level's: the department goes on from 审核, on its own limit for the
  // decision from today when the item sets one (行政许可法 §43), and never asks the applicant for the materials again.
  const received = s.steps.map((x) => (x.id === st.id ? { ...x, doneAt: s.now } : x))
  const decisionDue = stepCap(s.cal, p, received, s.row.dueDate, s.pauses, s.today, s.row.daysUnit)
  await repo.insertSteps(s.trx, nextSteps(s.cal, p, { kind: 'handle', seq: handle.seq }, nextSeq(s) - 1, 0, [],
    { dueDate: decisionDue, at: s.now, today: s.today, pauses: s.pauses }))
  const from = await center(s, s.row.acceptingCenterId)
  await levels.insertHandover(s.trx, {
    caseId: s.row.id, at: s.now, direction: 'up', fromUserId: null, fromCenterId: from.id, toUserId: s.actor.userId, toCenterId: s.actor.centerId,
    materials: [], note: late ? '签收（上报逾期）' : '签收', dueDate: st.dueDate, late,
  })
  return { patch: { current_center_id: s.actor.centerId }, note: late ? `签收上报件（逾期，应于 ${st.dueDate} 前送达）` : '签收上报件', data: { late, dueDate: st.dueDate, decisionDue } }
}

const handover: Handler = async (s, b) => {
  if (b.toUserId === undefined && b.toCenterId === undefined) throw errors.validation([{ field: 'body.toCenterId', message: '请选择接收人或接收中心' }])
  const to = b.toUserId !== undefined ? await levels.findUserCenter(s.trx, b.toUserId) : undefined
  if (b.toUserId !== undefined && !to) throw errors.validation([{ field: 'body.toUserId', message: '接收人不存在' }])
  const target = await items.findCenter(s.trx, to?.centerId ?? b.toCenterId!)
  if (!target) throw errors.validation([{ field: 'body.toCenterId', message: '接收中心不存在' }])
  if (!onChain(s.row.originPath, target.id)) throw errors.forbidden('接收方不在此办件的村—镇—区链条上')
  if (target.id === s.actor.centerId) throw errors.validation([{ field: b.toUserId ? 'body.toUserId' : 'body.toCenterId', message: '材料已在本中心' }])
  const here = await center(s, s.actor.centerId)
  // The table allows a hop up only for a case not yet accepted, and a hop down only for a result on its way.
  const direction = s.row.status === 'received' ? 'up' : 'down'
  const delivery = s.row.delivery
  const dest = direction === 'down' ? await center(s, delivery!.centerId!) : undefined
  const onTheWay = direction === 'up' ? covers(target.path, here.path) : covers(here.path, target.path) && covers(target.path, dest!.path)
  if (!onTheWay) throw errors.forbidden(direction === 'up' ? '材料只能交给上级受理中心' : `办理结果只能沿链条向下送往${dest!.name}`)
  if (to && !to.roles.some((r) => r === 'clerk' || r === 'agent')) throw errors.validation([{ field: 'body.toUserId', message: '接收人须为窗口人员或代办员' }])
  const materials = direction === 'up' ? await handedMaterials(s, b.materials) : [RESULT]
  const hop = await closeHop(s, here.id, `交给${target.name}`)
  await levels.insertHandover(s.trx, {
    caseId: s.row.id, at: s.now, direction, fromUserId: s.actor.userId, fromCenterId: here.id, toUserId: b.toUserId ?? null, toCenterId: target.id,
    materials, note: b.note ?? '', dueDate: hop.due, late: hop.late,
  })
  const ready = direction === 'down' && delivery!.centerId === target.id
  if (direction === 'down' && !ready) await openHop(s, target, null, false)
  const note = `交接：${here.name} → ${to ? `${to.name}（${target.name}）` : target.name}，${materials.map((m) => m.name).join('、')}${hop.late ? '（逾期）' : ''}`
  return {
    patch: { current_center_id: target.id }, note,
    data: { direction, fromCenterName: here.name, toCenterId: target.id, toCenterName: target.name, toUserId: b.toUserId ?? null, toUserName: to?.name ?? null, materials, late: hop.late, ...(ready ? { ready: true } : {}) },
  }
}

/**
 * The window that accepts or notices an agency case is the one that holds it: it becomes the accepting center. It
 * checks what arrived against the hand-over slip: a material ticked `received: false` did not come with the slip (a
 * required one missing makes the one-time notice, which goes back to the agent who carries the case).
 */
const held = (base: Handler): Handler => async (s, b) => {
  s.row.acceptingCenterId = s.actor.centerId
  const absent = (b.materials ?? []).filter((m) => !m.received).map((m) => m.materialId)
  if (absent.length) {
    const known = new Set((await repo.listMaterials(s.trx, s.row.id)).map((m) => m.materialId))
    const bad = (b.materials ?? []).flatMap((m, i) => (known.has(m.materialId) ? [] : [{ field: `body.materials.${i}.materialId`, message: '不是此办件的申请材料' }]))
    if (bad.length) throw errors.validation(bad)
    await repo.markNotReceived(s.trx, s.row.id, absent)
  }
  return base(s, b)
}

/** After the decision: sent to a pick-up point below, the result travels one hop at a time (the first hop now). */
const deliverDown = (base: Handler): Handler => async (s, b) => {
  const done = await base(s, b)
  const d = JSON.parse(String(done.patch.delivery)) as { method: string; centerId: number | null }
  if (d.method !== 'pickup' || d.centerId === null) return done
  if (d.centerId === s.row.currentCenterId) return { ...done, data: { ...done.data, ready: true } }
  const [here, dest] = await Promise.all([center(s, s.row.currentCenterId), center(s, d.centerId)])
  const next = await center(s, nextCenterToward(here.path, dest.path)!)
  await levels.insertHandover(s.trx, {
    caseId: s.row.id, at: s.now, direction: 'down', fromUserId: s.actor.userId, fromCenterId: here.id, toUserId: null, toCenterId: next.id,
    materials: [RESULT], note: `送达${dest.name}`, dueDate: null, late: false,
  })
  const ready = next.id === dest.id
  if (!ready) await openHop(s, next, null, false)
  return { ...done, patch: { ...done.patch, current_center_id: next.id }, data: { ...done.data, fromCenterName: here.name, firstHop: next.id, firstHopName: next.name, ...(ready ? { ready: true } : {}) } }
}

/** Every action's handler: the case's own and the cross-level ones (the table names no action without one). */
export function withLevels(base: Handlers): AllHandlers {
  const own = base as Required<Handlers>
  return { ...own, forward, receive, handover, accept: held(own.accept), correct: held(own.correct), deliver: deliverDown(own.deliver) }
}

export { openHop }
