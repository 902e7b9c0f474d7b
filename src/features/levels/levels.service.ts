// Reading cases across the levels: the agent's inbox, a window's incoming hand-overs, forwards out and in, a case's
// custody chain and levels, village coverage; and the per-center time rules (an administrator or the center's manager).
import { chinaDate } from '../../domain/clock.js'
import { lightOf } from '../../domain/deadlines.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import { pathIds, type LevelRule } from '../../domain/levels.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { loadState } from '../cases/actions.service.js'
import { toCaseItem } from '../cases/cases.view.js'
import * as items from '../cases/intake.repository.js'
import { assertReader } from '../cases/query.service.js'
import { countsFor as fileCounts } from '../materials/materials.repository.js'
import * as repo from './levels.repository.js'

function idCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined
  const n = Number(cursor)
  if (!Number.isSafeInteger(n) || n < 1) throw errors.validation([{ field: 'querystring.cursor', message: '无效的翻页游标' }])
  return n
}

function stepCursor(cursor: string | undefined) {
  if (cursor === undefined) return undefined
  const m = /^(\d{4}-\d{2}-\d{2})_(\d+)$/.exec(cursor)
  if (!m) throw errors.validation([{ field: 'querystring.cursor', message: '无效的翻页游标' }])
  return { due: m[1], id: Number(m[2]) }
}

async function view(ctx: AppContext) {
  const cal = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const light = (start: string, due: string | null) => lightOf(cal, { start, due }, today)
  return { cal, today, light }
}

/** Cards per page of the agent's inbox (a phone screen's worth, newest first; the page asks for more). */
const AGENT_PAGE = 20

export async function agentInbox(ctx: AppContext, actor: Actor, q: { cursor?: string; limit?: number }) {
  if (!actor.roles.includes('agent')) throw errors.forbidden('只有代办员有代办件')
  const limit = q.limit ?? AGENT_PAGE
  const [rows, total] = await Promise.all([repo.agentInbox(ctx.db, actor.userId, { cursor: idCursor(q.cursor), limit }), repo.countAgentInbox(ctx.db, actor.userId)])
  const v = await view(ctx)
  return {
    total,
    cases: rows.map((r) => ({
      ...toCaseItem(v.cal, r, v.today), currentCenterName: r.currentCenterName,
      next: r.nextKind ? { kind: r.nextKind, dueDate: r.nextDue, light: v.light(v.today, r.nextDue), atMyRoom: r.nextCenterId === actor.centerId } : null,
    })),
    nextCursor: rows.length === limit ? String(rows[rows.length - 1].id) : null,
  }
}

/** The electronic materials of a case on a list: how many, how many seen on the paper, the first thumbnail. */
function filesOf(m: Awaited<ReturnType<typeof fileCounts>>, id: number) {
  const f = m.get(id)
  return { files: f?.files ?? 0, filesSeen: f?.seen ?? 0, thumbFileId: f?.firstId ?? null }
}

export async function incomingHandovers(ctx: AppContext, actor: Actor, q: { cursor?: string; limit?: number }) {
  assertReader(actor)
  const limit = q.limit ?? 50
  const rows = await repo.incomingHandovers(ctx.db, actor.centerId, { cursor: idCursor(q.cursor), limit })
  const [v, files] = await Promise.all([view(ctx), fileCounts(ctx.db, rows.map((r) => r.id))])
  return {
    cases: rows.map((r) => ({ ...toCaseItem(v.cal, r, v.today), originCenterName: r.originCenterName, agentName: r.agentName, ...filesOf(files, r.id) })),
    nextCursor: rows.length === limit ? String(rows[rows.length - 1].id) : null,
  }
}

export async function forwards(ctx: AppContext, actor: Actor, dir: 'out' | 'in', q: { cursor?: string; limit?: number }) {
  assertReader(actor)
  const limit = q.limit ?? 50
  const page = { cursor: stepCursor(q.cursor), limit }
  let rows
  if (dir === 'out') rows = await repo.outgoingForwards(ctx.db, actor.centerId, page)
  else {
    const dept = await items.actorDepartment(ctx.db, actor)
    const depts = dept !== null ? [dept] : (await ctx.db.selectFrom('departments').select('id').where('center_id', '=', actor.centerId).execute()).map((d) => d.id)
    rows = await repo.incomingForwards(ctx.db, actor.centerId, depts, page)
  }
  const v = await view(ctx)
  return {
    forwards: rows.map((r) => ({
      step: { id: r.stepId, dueDate: r.stepDue, startDate: r.stepStart, light: v.light(r.stepStart, r.stepDue), fromCenterName: r.fromCenterName, toCenterName: r.toCenterName },
      case: toCaseItem(v.cal, r, v.today),
    })),
    nextCursor: rows.length === limit ? `${rows[rows.length - 1].stepDue}_${rows[rows.length - 1].stepId}` : null,
  }
}

/** The custody chain and the case's centers on the map of the levels (district → town → village). */
export async function custody(ctx: AppContext, actor: Actor, id: number) {
  assertReader(actor)
  const s = await loadState(ctx.db, ctx, actor, id, false)
  const [handovers, materials, chain] = await Promise.all([
    repo.listHandovers(ctx.db, id),
    ctx.db.selectFrom('case_materials').select(['id', 'item_material_id as materialId', 'kind', 'name', 'received']).where('case_id', '=', id).orderBy('position').execute(),
    ctx.db.selectFrom('centers').select(['id', 'name', 'level']).where('id', 'in', pathIds(s.row.originPath)).execute(),
  ])
  const order = { district: 0, town: 1, village: 2 } as Record<string, number>
  const receivers = await repo.receiversAt(ctx.db, chain.map((c) => c.id))
  return {
    caseId: id, currentCenterId: s.row.currentCenterId, originCenterId: s.row.originCenterId, acceptingCenterId: s.row.acceptingCenterId,
    levels: chain.sort((a, b) => order[a.level] - order[b.level]),
    materials,
    handovers: handovers.map((h) => ({ ...h, fromUser: h.fromUser ?? null, toUser: h.toUser ?? null })),
    receivers: receivers.map((r) => ({ id: r.id, name: r.name, centerId: r.centerId, roles: r.roles as string[] })),
  }
}

function monthStart(m: string, field: string): string {
  const ok = /^(\d{4})-(0[1-9]|1[0-2])$/.test(m)
  if (!ok) throw errors.validation([{ field, message: '月份格式为 YYYY-MM' }])
  return `${m}-01`
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number)
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`
}

/** Cases started in each village room per month, for the rooms in the actor's jurisdiction (zero rows included). */
export async function villageCoverage(ctx: AppContext, actor: Actor, q: { from: string; to: string; centerId?: number }) {
  assertReader(actor)
  const from = monthStart(q.from, 'querystring.from')
  monthStart(q.to, 'querystring.to')
  if (q.to < q.from) throw errors.validation([{ field: 'querystring.to', message: '结束月份早于开始月份' }])
  let scope = actor.centerPath
  if (q.centerId) {
    const c = await items.findCenter(ctx.db, q.centerId)
    if (!c) throw errors.validation([{ field: 'querystring.centerId', message: '中心不存在' }])
    assertCovers(actor, c.path)
    scope = c.path
  }
  const rows = await repo.villageCoverage(ctx.db, scope, from, nextMonth(q.to))
  const rooms = new Map<number, { centerId: number; centerName: string; months: { month: string; cases: number }[]; total: number }>()
  for (const r of rows) {
    const room = rooms.get(r.centerId) ?? { centerId: r.centerId, centerName: r.centerName, months: [], total: 0 }
    if (r.month) { room.months.push({ month: r.month, cases: r.cases }); room.total += r.cases }
    rooms.set(r.centerId, room)
  }
  const list = [...rooms.values()]
  return { from: q.from, to: q.to, rooms: list, usedRooms: list.filter((r) => r.total > 0).length }
}

export async function getRule(ctx: AppContext, actor: Actor, centerId: number) {
  assertReader(actor)
  const c = await items.findCenter(ctx.db, centerId)
  if (!c) throw errors.notFound('服务中心', centerId)
  if (!covers(actor.centerPath, c.path) && !covers(c.path, actor.centerPath)) throw errors.outsideJurisdiction()
  const own = await repo.findRule(ctx.db, centerId)
  return { centerId, own: own !== undefined, ...(await repo.ruleFor(ctx.db, c.path)) }
}

export async function setRule(ctx: AppContext, actor: Actor, centerId: number, rule: LevelRule) {
  if (!actor.roles.some((r) => r === 'admin' || r === 'manager')) throw errors.forbidden('只有管理人员或系统管理员设置时限规则')
  const c = await items.findCenter(ctx.db, centerId)
  if (!c) throw errors.notFound('服务中心', centerId)
  assertCovers(actor, c.path)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.saveRule(trx, centerId, rule, actor.userId, now)
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'level_rule.set', entity: 'center', entityId: centerId, data: { ...rule } })
  })
  return getRule(ctx, actor, centerId)
}
