// Reading cases: the case page (full ID number, audited; timeline, steps, allowedActions and what the printed
// notices need), the jurisdiction-scoped list, the approver's inbox and the manager's pending extensions.
import { CASE_READERS, allowedActions, separatedFrom, type CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { lightOf, yellowUntil, type Light } from '../../domain/deadlines.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { deciderBlock, decidingBodyOf, denialWording } from '../../domain/legal-rules.js'
import { actionContext, DECIDER_ACTIONS, deciderContext, loadState } from './actions.service.js'
import * as repo from './cases.repository.js'
import { effectiveDue, toCase, toCaseItem } from './cases.view.js'
import * as items from './intake.repository.js'
import * as lists from './lists.repository.js'
import { missingOf } from './intake.service.js'
import { commitmentView } from './commitment.js'

export function assertReader(actor: Actor): void {
  if (!actor.roles.some((r) => (CASE_READERS as readonly string[]).includes(r))) throw errors.forbidden()
}

export async function getCase(ctx: AppContext, actor: Actor, id: number) {
  assertReader(actor)
  const s = await loadState(ctx.db, ctx, actor, id, false)
  const { row, cal, today } = s
  const [events, materials, extensions, attachments, accepting, item, chain] = await Promise.all([
    repo.listEvents(ctx.db, id), repo.listMaterials(ctx.db, id), repo.listExtensions(ctx.db, id), repo.listAttachments(ctx.db, id),
    items.findCenter(ctx.db, row.acceptingCenterId),
    ctx.db.selectFrom('item_versions as v').select([
      'v.complaint_phone as complaintPhone', 'v.consult_phone as consultPhone', 'v.result', 'v.implementing_body as implementingBody',
      'v.outcome_wording as outcomeWording', 'v.item_type as itemType', 'v.consecutive_steps as consecutiveSteps', 'v.deferral_lapse as deferralLapse',
    ]).where('v.id', '=', row.itemVersionId).executeTakeFirst(),
    items.centersOnPath(ctx.db, row.originPath),
  ])
  const bundle = await repo.bundleOfCase(ctx.db, id)
  const commitment = commitmentView(cal, s.steps, materials, today)
  const window = row.windowId ? await items.findWindow(ctx.db, row.windowId) : undefined
  await appendAudit(ctx.db, {
    actorId: actor.userId, centerId: actor.centerId, action: 'case.view', entity: 'case', entityId: id, data: { fullIdNumber: true },
  })
  const dept = await items.findDecidingDepartment(ctx.db, row.departmentId)
  const decider = await deciderContext(s, dept)
  const body = decidingBodyOf(dept, { reviewBody: dept.centerReviewBody, court: dept.centerCourt })
  return {
    ...toCase(cal, row, today, { fullId: true, missing: row.status === 'correction' ? await missingOf(ctx, id) : undefined }),
    ...(commitment ? { commitment: { ...commitment, lapse: item?.deferralLapse ?? 'suspend' } } : {}),
    ...(bundle ? { bundle } : {}),
    consecutiveSteps: item?.consecutiveSteps ?? false,
    events: events.map((e) => ({ at: e.at, action: e.action, from: e.from, to: e.to, actor: e.actor ?? '', centerName: e.centerName, windowName: e.windowName ?? undefined, note: e.note })),
    steps: s.steps.map((st) => ({
      id: st.id, kind: st.kind, centerId: st.centerId, centerName: st.centerName, departmentId: st.departmentId ?? undefined,
      departmentName: st.departmentName ?? undefined, startDate: st.startDate, dueDate: st.dueDate, doneAt: st.doneAt ?? undefined, opinion: st.opinion,
      light: (st.doneAt ? (st.dueDate && chinaDate(new Date(st.doneAt)) > st.dueDate ? 'red' : 'green')
        : lightOf(cal, { start: st.startDate, due: effectiveDue(cal, st.dueDate, row.pausedSince, today) }, today)) as Light,
    })),
    materials: materials.map((m) => ({ materialId: m.materialId, kind: m.kind, name: m.name, required: m.required, received: m.received, problem: m.problem, deferred: m.deferred })),
    pauses: s.pauses, extensions, attachments,
    allowedActions: allowedActions(row.status, actor.roles, actionContext(s))
      .filter((a) => !(DECIDER_ACTIONS.includes(a) && deciderBlock(a, decider))),
    separatedFrom: separatedFrom(row.status, actor.roles, actionContext(s)),
    pickupPoints: chain.filter((c) => covers(s.holder.holderPath, c.path)).map(({ id, name, level }) => ({ id, name, level })),
    documents: await items.listDocuments(ctx.db, id),
    notice: {
      acceptingCenterName: accepting!.name, acceptingCenterPhone: accepting!.phone, windowName: window?.name ?? null,
      complaintPhone: item?.complaintPhone ?? '', consultPhone: item?.consultPhone ?? '', result: item?.result ?? '',
      implementingBody: item?.implementingBody ?? '', outcomeWording: item?.outcomeWording ?? '',
      denialWording: denialWording(item?.outcomeWording ?? ''), itemType: item?.itemType ?? '',
      ...body, windowMayRefuse: dept.windowMayRefuse,
    },
  }
}


/** The Case (masked) after an action: no full ID number, so no audit row. */
export async function getCaseRow(ctx: AppContext, actor: Actor, id: number, opts: { commitment?: boolean } = {}) {
  const row = await repo.findCase(ctx.db, id)
  if (!row) throw errors.notFound('办件', id)
  const cal = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const c = toCase(cal, row, today, { missing: row.status === 'correction' ? await missingOf(ctx, id) : undefined })
  if (!opts.commitment) return c
  // 容缺: the commitment of the case (a bundle's receipt lists each part's)
  const [steps, materials] = await Promise.all([repo.listSteps(ctx.db, id), repo.listMaterials(ctx.db, id)])
  const commitment = commitmentView(cal, steps, materials, today)
  return commitment ? { ...c, commitment } : c
}

export interface ListQuery { status?: CaseStatus; centerId?: number; light?: Light; q?: string; cursor?: string; mine?: boolean; limit?: number }

export async function listCases(ctx: AppContext, actor: Actor, query: ListQuery) {
  assertReader(actor)
  if (query.centerId) {
    const c = await items.findCenter(ctx.db, query.centerId)
    if (!c) throw errors.validation([{ field: 'querystring.centerId', message: '中心不存在' }])
    assertCovers(actor, c.path)
  }
  const cursor = query.cursor === undefined ? undefined : Number(query.cursor)
  if (cursor !== undefined && !(Number.isSafeInteger(cursor) && cursor > 0)) throw errors.validation([{ field: 'querystring.cursor', message: '无效的翻页游标' }])
  const cal = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const limit = query.limit ?? 50
  const edge = yellowUntil(cal, today)
  // Lights in lists go by the due date alone (the 80%-used rule needs each case's start; the case itself shows it).
  const due = query.light === 'red' ? { before: today } : query.light === 'yellow' ? { from: today, before: addDay(edge) } : query.light === 'green' ? { after: edge } : undefined
  const rows = await lists.listCases(ctx.db, {
    scopePath: actor.centerPath, status: query.status, centerId: query.centerId, createdBy: query.mine ? actor.userId : undefined,
    q: query.q?.trim() || undefined, due, cursor, limit,
  })
  return { cases: rows.map((r) => toCase(cal, r, today)), nextCursor: rows.length === limit ? String(rows[rows.length - 1].id) : null }
}

function addDay(d: string): string {
  const t = new Date(d + 'T00:00:00Z')
  t.setUTCDate(t.getUTCDate() + 1)
  return t.toISOString().slice(0, 10)
}

/** The counts on /app/cases' tabs (today's, correction, to hand over, all), by the same filters as the lists. */
export async function workListCounts(ctx: AppContext, actor: Actor) {
  assertReader(actor)
  return lists.countWorkLists(ctx.db, { scopePath: actor.centerPath, userId: actor.userId, today: chinaDate(ctx.clock.now()) })
}

/** Rows per page of the approver's inbox: a screen of work, soonest due first; the page asks for more. */
const INBOX_PAGE = 20

export async function inbox(ctx: AppContext, actor: Actor, query: { cursor?: string; limit?: number }) {
  assertReader(actor)
  let cursor: { due: string; id: number } | undefined
  if (query.cursor) {
    const m = /^(\d{4}-\d{2}-\d{2})_(\d+)$/.exec(query.cursor)
    if (!m) throw errors.validation([{ field: 'querystring.cursor', message: '无效的翻页游标' }])
    cursor = { due: m[1], id: Number(m[2]) }
  }
  const dept = await items.actorDepartment(ctx.db, actor)
  const departmentIds = dept !== null ? [dept] : (await lists.departmentsAt(ctx.db, actor.centerId)).map((d) => d.id)
  const cal = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const limit = query.limit ?? INBOX_PAGE
  const [rows, total] = await Promise.all([
    lists.listInbox(ctx.db, { centerId: actor.centerId, departmentIds, cursor, limit }), lists.countInbox(ctx.db, { centerId: actor.centerId, departmentIds }),
  ])
  return {
    total,
    items: rows.map((r) => ({
      step: { id: r.stepId, kind: r.stepKind, dueDate: r.stepDue, departmentId: r.stepDepartmentId,
        light: lightOf(cal, { start: r.stepStart, due: effectiveDue(cal, r.stepDue, r.pausedSince, today) }, today) },
      case: toCaseItem(cal, r, today),
    })),
    nextCursor: rows.length === limit ? `${rows[rows.length - 1].stepDue}_${rows[rows.length - 1].stepId}` : null,
  }
}

export async function pendingExtensions(ctx: AppContext, actor: Actor) {
  const dept = await items.actorDepartment(ctx.db, actor)
  const head = actor.roles.includes('department_head')
  // the head's AB stand-in sees the head's list while the head is away
  const standingIn = !head && dept !== null && await items.findDecidingDepartment(ctx.db, dept)
    .then((d) => d.headAway && d.headStandInUserId === actor.userId)
  if (!head && !standingIn) throw errors.forbidden('只有作出决定的部门负责人（或其外出时的 AB 岗）审批延期')
  if (dept === null) throw errors.forbidden('部门负责人账号未关联部门')
  const cal = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const rows = await lists.pendingExtensions(ctx.db, actor.centerPath, dept)
  return {
    extensions: rows.map((r) => ({
      id: r.extensionId, days: r.extensionDays, reason: r.extensionReason, requestedAt: r.requestedAt, pastLegal: r.pastLegal, case: toCase(cal, r, today),
    })),
  }
}
