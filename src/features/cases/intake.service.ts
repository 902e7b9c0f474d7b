// 一窗受理: a clerk records a case for a published item the center offers. Outcomes: accepted (clock started),
// correction (the one-time notice of every missing material, clock not started), refused, or for 即办 with
// `complete: true` accepted, approved and handed over in one request. `requestId` makes a retry the same case.
import crypto from 'node:crypto'
import { CASE_INTAKE_ROLES, type CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { isValidCreditCode } from '../../domain/credit-code.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { isValidIdNumber } from '../../domain/id-number.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import type { Db } from '../../db/database.js'
import { calendarCache } from '../calendar/calendar.service.js'
import * as repo from './cases.repository.js'
import { appealRights, deciderBlock, decidingBodyOf, type DecidingBody } from '../../domain/legal-rules.js'
import { firstSteps, planAcceptance } from './case-plan.js'
import * as items from './intake.repository.js'
import { toCase, type CaseOut } from './cases.view.js'
import { commitmentNote, commitmentStep, deferralOf, type CommitmentAsk } from './commitment.js'
import { channelColumns } from './channel.js'
import { channelProblems, type ChannelAsk } from '../../domain/channels.js'
import { offlineReceipt, recordOffline, type OfflineBody, type OfflineReceipt } from './offline-intake.js'
import { agencyIntake, proxyUse } from './extensions.js'

export interface IntakeBody {
  requestId: string
  itemId: number
  centerId: number
  windowId?: number
  applicant: {
    kind: 'person' | 'organization'; name: string; idNumber: string; phone: string
    legalRepresentative?: { name: string }
    representative?: { name: string; idNumber: string; phone: string }
  }
  materials: { materialId: number; received: boolean; problem?: string }[]
  agent?: { staffId: number }
  complete?: true
  coDepartmentIds?: number[]
  refuse?: { reason: string; referTo?: string }
  agency?: { authorization?: true; urgent?: boolean; proxyId?: number }
  offline?: OfflineBody
  commitment?: CommitmentAsk
  channel?: ChannelAsk
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

/** Same request, same hash: the body without its requestId, keys sorted. */
export function requestHash(body: object): string {
  const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'requestId').sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)]))
    : v)
  // An offline intake sent again carries a new deviceNow: still the same request.
  const offline = (body as { offline?: Record<string, unknown> }).offline
  const same = offline ? { ...body, offline: { ...offline, deviceNow: undefined } } : body
  return crypto.createHash('sha256').update(JSON.stringify(canon(same))).digest('hex')
}

function applicantProblems(a: IntakeBody['applicant']): FieldProblem[] {
  const out: FieldProblem[] = []
  if (a.kind === 'person' && !isValidIdNumber(a.idNumber)) {
    out.push({ field: 'body.applicant.idNumber', message: '居民身份证号码无效（18 位，末位校验码按 GB 11643 计算）' })
  }
  if (a.kind === 'organization' && !isValidCreditCode(a.idNumber)) {
    out.push({ field: 'body.applicant.idNumber', message: '统一社会信用代码无效（18 位，末位校验码按 GB 32100 计算）' })
  }
  if (!PHONE.test(a.phone)) out.push({ field: 'body.applicant.phone', message: '联系电话无效（手机号或带区号的固定电话）' })
  if (a.kind === 'person') {
    if (a.legalRepresentative) out.push({ field: 'body.applicant.legalRepresentative', message: '法定代表人仅用于法人或其他组织申请人' })
    if (a.representative) out.push({ field: 'body.applicant.representative', message: '经办人仅用于法人或其他组织申请人' })
  }
  const rep = a.representative
  if (rep && !isValidIdNumber(rep.idNumber.toUpperCase())) {
    out.push({ field: 'body.applicant.representative.idNumber', message: '经办人居民身份证号码无效（18 位，末位校验码按 GB 11643 计算）' })
  }
  if (rep && !PHONE.test(rep.phone)) out.push({ field: 'body.applicant.representative.phone', message: '经办人联系电话无效（手机号或带区号的固定电话）' })
  return out
}

function existingOr409(row: repo.CaseRow, hash: string): repo.CaseRow {
  if (row.requestHash !== hash) {
    throw errors.conflict('request_id_reused', '此 requestId 已用于另一份不同的申请', { caseId: row.id, number: row.number })
  }
  return row
}

const QUERY_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export function queryCode(): string {
  return Array.from(crypto.randomBytes(6), (b) => QUERY_CHARS[b % QUERY_CHARS.length]).join('')
}

export async function intake(ctx: AppContext, actor: Actor, body: IntakeBody): Promise<{ created: boolean; case: CaseOut }> {
  if (!actor.roles.some((r) => (CASE_INTAKE_ROLES as readonly string[]).includes(r))) throw errors.forbidden('只有窗口人员或代办员可以受理办件')
  const hash = requestHash(body)
  const cal = await calendarCache(ctx).get()
  const replay = async (seen: repo.CaseRow) => {
    const row = existingOr409(seen, hash)
    return { created: false, case: toCase(cal, row, chinaDate(ctx.clock.now()), { missing: row.status === 'correction' ? await missingOf(ctx, row.id) : undefined }) }
  }
  let checked: Checked
  let offline: OfflineReceipt | undefined
  try {
    checked = await checkIntake(ctx, actor, body)
    if (body.offline) {
      const isAgency = actor.roles.includes('agent') && body.agency !== undefined
      offline = await offlineReceipt(ctx.db, cal, { isAgency, body: body.offline, now: ctx.clock.now(), maxWorkdays: ctx.config.offlineReceiptMaxWorkdays })
    }
  } catch (e) {
    // A retry of a request already recorded gets its case even if the item or center has changed since.
    const seen = await repo.findCaseByRequest(ctx.db, actor.userId, body.requestId)
    if (seen) return replay(seen)
    throw e
  }
  const { center, item, agency, windowId, kind, coIds } = checked
  // An agent recording, with the applicant's authorisation, an item the room accepts itself: the room's own case,
  // accepted here, carried by the agent (in 我的代办件) with the authorisation among its materials.
  const ownAgency = !agency && body.agency !== undefined && actor.roles.includes('agent')
  // 一次性告知: a material handed in with something wrong with it is not received; the notice says what is wrong.
  const problems = new Map(body.materials.filter((m) => m.problem?.trim()).map((m) => [m.materialId, m.problem!.trim()]))
  const received = new Set(body.materials.filter((m) => m.received && !problems.has(m.materialId)).map((m) => m.materialId))
  const deferred = checked.deferral.ids // 容缺: accepted missing under the commitment; the notice names only the others
  const missing = item.materials.filter((m) => m.required && !received.has(m.id) && !deferred.has(m.id))
    .map((m) => ({ materialId: m.id, name: m.name, problem: problems.get(m.id) ?? null }))
  const status: CaseStatus = agency ? 'received' : body.refuse ? 'refused' : missing.length ? 'correction' : body.complete ? 'closed' : 'accepted'
  // Offline: the receipt time is the villager's hand-over (the custody chain, the hop's due date and, for the room's
  // own items under the town's 委托, the legal clocks start there); the sync time is kept with the receipt.
  const syncedAt = ctx.clock.now()
  const now = offline?.receivedAt ?? syncedAt
  const today = chinaDate(now)

  const accepted = status === 'accepted' || status === 'closed'
  // 不予受理 at the window is issued in the deciding department's name, and only where it entrusted the window.
  let refusalBody: DecidingBody | undefined
  if (status === 'refused') {
    const d = await items.findDecidingDepartment(ctx.db, item.departmentId)
    const why = deciderBlock('refuse', { roles: actor.roles, actorDepartmentId: null, caseDepartmentId: item.departmentId, windowMayRefuse: d.windowMayRefuse })
    if (why) throw errors.forbidden(why)
    refusalBody = decidingBodyOf(d, { reviewBody: d.centerReviewBody, court: d.centerCourt })
  }
  const limits = {
    handlingKind: kind, promisedDays: item.promisedDays!, legalDays: item.legalDays!, extendedDays: 0,
    daysUnit: item.daysUnit!, extensionRule: item.extensionRule!, extensionDays: item.extensionDays!,
  }
  const clock = accepted ? planAcceptance(cal, limits, today, []) : undefined
  const caseRow = {
    number: repo.nextCaseNumber(`${center.code}-${today.slice(0, 4)}-`), query_code: body.offline?.queryCode ?? queryCode(),
    request_id: body.requestId, request_hash: hash, created_by: actor.userId, item_id: item.id, item_version_id: item.versionId!,
    item_version: item.version!, item_name: item.name!, handling_kind: kind, department_id: item.departmentId, status,
    applicant_kind: body.applicant.kind, applicant_name: body.applicant.name.trim(), applicant_id_number: body.applicant.idNumber,
    applicant_phone: body.applicant.phone, legal_representative_name: body.applicant.legalRepresentative?.name.trim() ?? null,
    representative_name: body.applicant.representative?.name.trim() ?? null,
    representative_id_number: body.applicant.representative?.idNumber.toUpperCase() ?? null,
    representative_phone: body.applicant.representative?.phone ?? null, origin_center_id: center.id, origin_path: center.path, accepting_center_id: center.id,
    current_center_id: center.id, window_id: windowId, agent_id: body.agent?.staffId ?? (agency || ownAgency ? actor.userId : null), received_at: now, received_on: today,
    accepted_at: accepted ? now : null, accepted_on: accepted ? today : null, promised_days: item.promisedDays!, legal_days: item.legalDays!,
    due_date: clock?.dueDate ?? null, legal_due_date: clock?.legalDueDate ?? null, co_department_ids: coIds,
    days_unit: limits.daysUnit, extension_rule: limits.extensionRule, extension_days: limits.extensionDays, provisional: clock?.provisional ?? false,
    decided_at: status === 'closed' ? now : null, closed_at: status === 'closed' ? now : null,
    decision: JSON.stringify(status === 'closed' ? { outcome: 'approved', note: '即办件当场办结' } : null),
    refusal: JSON.stringify(refusalBody ? { reason: body.refuse!.reason, referTo: body.refuse!.referTo ?? null, ...refusalBody, appealRights: appealRights(refusalBody) } : null),
    delivery: JSON.stringify(status === 'closed' ? { method: 'pickup', centerId: center.id, trackingNumber: null, at: now.toISOString() } : null),
    created_at: syncedAt, updated_at: syncedAt, ...channelColumns(checked.channel),
  }
  const materials = item.materials.map((m) => ({
    itemMaterialId: m.id, position: m.position, name: m.name, required: m.required, received: received.has(m.id), problem: problems.get(m.id) ?? null,
    deferred: deferred.has(m.id) && !received.has(m.id),
  }))
  const ev = { caseId: 0, at: now, actorId: actor.userId, centerId: center.id, windowId } // caseId: the new row's, given by the insert

  /** An agency intake's standing proxy (its use an event of the case) and offline receipt, in the intake's transaction. */
  const agencyExtras = async (trx: Db, caseId: number, at: CaseStatus): Promise<{ notes: string[]; events: repo.EventRow[] }> => {
    const proxy = body.agency?.proxyId ? await proxyUse()(trx, { proxyId: body.agency.proxyId, actor, caseId, itemId: item.id, applicantIdNumber: body.applicant.idNumber, at: now, today, status: at, windowId }) : undefined
    const notes = [...(proxy ? [proxy.text] : []), ...(offline ? [await recordOffline(trx, caseId, offline, { agentId: actor.userId, requestId: body.requestId })] : [])]
    return { notes, events: proxy ? [proxy.event] : [] }
  }
  if (body.offline && status !== 'received' && !ownAgency) throw errors.validation([{ field: 'body.offline', message: '只有代办员的代办受理可以离线记录' }])
  if (ownAgency && !body.agency!.authorization && !body.agency!.proxyId) throw errors.validation([{ field: 'body.agency.authorization', message: '代办须附申请人签署的授权委托书，或使用委托登记' }])
  if (body.agency?.proxyId && status !== 'received' && !ownAgency) throw errors.validation([{ field: 'body.agency.proxyId', message: '委托登记只用于代办受理' }])

  let inserted: repo.CaseRow | undefined
  if (status === 'received') {
    inserted = await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertCaseOnce(trx, caseRow)
      if (!row) return undefined
      await repo.insertMaterials(trx, row.id, now, materials) // the agency hop lists them
      const note = await agencyIntake().recordAgencyIntake(trx, { caseId: row.id, agentId: actor.userId, center, cal, now, today, urgent: agency!.urgent })
      const extra = await agencyExtras(trx, row.id, 'received')
      await repo.appendEvents(trx, [{ ...ev, caseId: row.id, action: 'agency_intake', from: null, to: 'received', note: [note, ...extra.notes].join('；') }, ...extra.events])
      return row
    })
  } else {
    let steps: repo.StepInsert[] = []
    let events: repo.EventRow[]
    if (status === 'refused') {
      events = [{ ...ev, action: 'refuse', from: null, to: 'refused', note: body.refuse!.reason, data: { referTo: body.refuse!.referTo ?? null } }]
    } else if (status === 'correction') {
      events = [{ ...ev, action: 'correct', from: null, to: 'correction', note: correctionNote(missing), data: { missing } }]
    } else {
      steps = firstSteps(cal, { id: 0, handlingKind: kind, departmentId: item.departmentId, departmentCenterId: item.departmentCenterId, acceptingCenterId: center.id, stepLimits: item.stepLimits ?? [] },
        { dueDate: clock!.dueDate, at: now, today })
      if (status === 'closed') Object.assign(steps[0], { doneAt: now, doneBy: actor.userId, opinion: '当场办结' })
      const promise = checked.deferral.due !== null && deferred.size > 0
        ? { dueDate: checked.deferral.due, materials: item.materials.filter((m) => deferred.has(m.id) && !received.has(m.id)).map((m) => m.name) } : null
      if (promise && promise.materials.length) steps.push(commitmentStep(0, steps.length + 1, center.id, now, today, promise.dueDate))
      const acceptNote = `受理，承诺 ${item.promisedDays} ${item.daysUnit === 'calendar' ? '日' : '个工作日'}内办结${promise?.materials.length ? '；' + commitmentNote(promise.materials, promise.dueDate) : ''}`
      const accept = { ...ev, action: 'accept', from: null, to: 'accepted' as const, note: acceptNote, data: { dueDate: clock!.dueDate, ...(promise?.materials.length ? { commitment: promise } : {}) } }
      events = status === 'accepted' ? [accept] : [accept,
        // worded by the item (the progress page says 已办结 for a 备案, not 准予许可)
        { ...ev, action: 'approve', from: 'accepted', to: 'approved', note: '即办件当场办结', data: { wording: item.outcomeWording || '已办结' } },
        { ...ev, action: 'deliver', from: 'approved', to: 'approved', note: '窗口当场送达', data: { method: 'pickup', centerId: center.id } },
        { ...ev, action: 'pickup', from: 'approved', to: 'closed', note: '申请人当场领取' }]
    }
    if (ownAgency) {
      inserted = await ctx.db.transaction().execute(async (trx) => {
        const row = await repo.insertCaseOnce(trx, caseRow)
        if (!row) return undefined
        await repo.insertMaterials(trx, row.id, now, materials)
        await agencyIntake().insertAuthorization(trx, row.id, now)
        await repo.insertSteps(trx, steps.map((x) => ({ ...x, caseId: row.id })))
        const extra = await agencyExtras(trx, row.id, status)
        await repo.appendEvents(trx, [...events.map((e, i) => ({ ...e, caseId: row.id, note: i === 0 ? [`代办受理（附授权委托书）；${e.note}`, ...extra.notes].join('；') : e.note })), ...extra.events])
        return row
      })
    } else {
      // One statement: the case and its parts are one transaction without BEGIN/COMMIT round trips.
      inserted = await repo.insertCaseWhole(ctx.db, caseRow, { at: now, materials, steps, events })
    }
  }
  const created = inserted !== undefined
  const row = inserted ?? existingOr409((await repo.findCaseByRequest(ctx.db, actor.userId, body.requestId))!, hash)
  const stillMissing = row.status !== 'correction' ? undefined : created ? missing : await missingOf(ctx, row.id)
  return { created, case: toCase(cal, row, chinaDate(ctx.clock.now()), { missing: stillMissing }) }
}

/** The required materials not yet received, each with what is wrong with it if handed in: the one-time notice (一次性告知). */
export async function missingOf(ctx: Pick<AppContext, 'db'>, caseId: number) {
  const all = await repo.listMaterials(ctx.db, caseId)
  return all.filter((m) => m.required && !m.received && !m.deferred && m.materialId !== null).map((m) => ({ materialId: m.materialId!, name: m.name, problem: m.problem }))
}

/** 一次性告知：申请表（未签名）、身份证复印件 */
export function correctionNote(list: readonly { name: string; problem?: string | null }[]): string {
  return '一次性告知：' + list.map((m) => (m.problem ? `${m.name}（${m.problem}）` : m.name)).join('、')
}

/** Whether `actor` may see the case at all: its origin center (where it started) lies in their jurisdiction. */
export function canSee(actor: Pick<Actor, 'centerPath'>, originPath: string): boolean {
  return covers(actor.centerPath, originPath)
}

type Checked = Awaited<ReturnType<typeof checkIntake>>

/** Every check before anything is written: the center, the item as published there, the applicant, the materials. */
async function checkIntake(ctx: AppContext, actor: Actor, body: IntakeBody) {
  const problems = applicantProblems(body.applicant)
  const { center, item } = await items.findCenterAndItem(ctx.db, body.centerId, body.itemId)
  if (!center || center.status !== 'active') throw errors.validation([...problems, { field: 'body.centerId', message: `服务中心 ${body.centerId} 不存在或已撤销` }])
  assertCovers(actor, center.path)
  if (!item || item.status !== 'active') throw errors.validation([...problems, { field: 'body.itemId', message: `事项 ${body.itemId} 不存在或已停用` }])
  if (!item.versionId) throw errors.invalid('item_not_published', '事项尚未发布，不能受理', [...problems, { field: 'body.itemId', message: '事项尚未发布' }])
  const agency = await agencyIntake().agencyFor(ctx.db, actor, center, { id: item.id, offered: item.offered }, body)
  if (agency) problems.push(...agency.problems)
  if (!item.offered && !agency) throw errors.invalid('item_not_offered', `${center.name}不受理此事项`, [...problems, { field: 'body.itemId', message: `${center.name}不受理此事项` }])
  if (!(item.targets ?? []).includes(body.applicant.kind)) problems.push({ field: 'body.applicant.kind', message: '此事项不受理这类申请人' })
  const windowId = body.windowId ?? (actor.centerId === center.id ? actor.windowId : null)
  if (body.windowId !== undefined) {
    const w = await items.findWindow(ctx.db, body.windowId)
    if (!w || w.centerId !== center.id) problems.push({ field: 'body.windowId', message: '窗口不属于此中心' })
  }
  const known = new Map(item.materials.map((m) => [m.id, m]))
  body.materials.forEach((m, i) => { if (!known.has(m.materialId)) problems.push({ field: `body.materials.${i}.materialId`, message: '不是此事项的申请材料' }) })
  const kind = item.handlingKind!
  if (body.complete && kind !== 'immediate') problems.push({ field: 'body.complete', message: '只有即办件可以当场办结' })
  const cal = await calendarCache(ctx).get()
  const deferral = deferralOf(cal, { deferralDays: item.deferralDays, materials: item.materials }, body.commitment, chinaDate(ctx.clock.now()))
  problems.push(...deferral.problems)
  if (body.commitment && (kind === 'immediate' || body.refuse || agency)) problems.push({ field: 'body.commitment', message: '即办件、不予受理和代办转交的办件不适用容缺受理' })
  const coIds = [...new Set(body.coDepartmentIds ?? [])]
  if (kind === 'joint') {
    if (coIds.length === 0) problems.push({ field: 'body.coDepartmentIds', message: '联办件须列出协办部门' })
    const found = await items.findDepartments(ctx.db, coIds)
    coIds.forEach((id, i) => {
      const d = found.find((f) => f.id === id)
      if (!d || d.status !== 'active' || id === item.departmentId) problems.push({ field: `body.coDepartmentIds.${i}`, message: '协办部门不存在、已撤销或即是牵头部门' })
    })
  } else if (coIds.length) problems.push({ field: 'body.coDepartmentIds', message: '只有联办件有协办部门' })
  if (body.agent) {
    const agent = await items.findStaff(ctx.db, body.agent.staffId)
    if (!agent || agent.status !== 'active' || !agent.roles.includes('agent') || !covers(agent.centerPath, center.path) && !covers(center.path, agent.centerPath)) {
      problems.push({ field: 'body.agent.staffId', message: '代办员不存在，或不在此中心的上下级链上' })
    }
  }
  const channel: ChannelAsk = body.channel ?? { kind: agency || body.agency || actor.roles.includes('agent') && !actor.roles.includes('clerk') ? 'village_agency' : 'window' }
  problems.push(...channelProblems(channel, chinaDate(ctx.clock.now())))
  if (channel.staffId !== undefined) {
    const s = await items.findStaff(ctx.db, channel.staffId)
    if (!s || s.status !== 'active' || !covers(s.centerPath, center.path) && !covers(center.path, s.centerPath)) problems.push({ field: 'body.channel.staffId', message: '工作人员不存在，或不在此中心的上下级链上' })
  }
  if (problems.length) throw errors.validation(problems)
  return { center, item, agency, windowId, kind, coIds, deferral, channel }
}
