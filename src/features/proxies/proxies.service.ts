// 委托登记: register a standing proxy (the signed 委托书 photographed, normalised like any material), list the room's
// proxies (ID numbers masked), read one with its uses, view its document (audited), revoke it; and, inside an
// agency intake's transaction, use one instead of a new written authorisation (a `proxy_use` event of the case).
import type { MaterialMime } from '../../domain/material-files.js'
import type { Db } from '../../db/database.js'
import type { CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { addDays } from '../../domain/calendar.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { isValidIdNumber, maskIdNumber } from '../../domain/id-number.js'
import { assertCovers, covers, type Actor } from '../../domain/jurisdiction.js'
import { mismatch, sniffMaterial } from '../../domain/material-files.js'
import { proxyBlock } from '../../domain/standing-proxy.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as cases from '../cases/cases.repository.js'
import { findStaff } from '../cases/intake.repository.js'
import { normalise } from '../materials/normalise.js'
import * as repo from './proxies.repository.js'

export const PROXY_ROLES = ['agent', 'clerk', 'manager'] as const
const MAX_YEARS = 5

export interface ProxyInput {
  principal: { name: string; idNumber: string; phone: string }
  proxy: { name: string; idNumber?: string; userId?: number; self?: true }
  centerId?: number; scope: 'all' | 'items'; itemIds?: number[]; validUntil: string
}

function assertRole(actor: Actor) {
  if (!actor.roles.some((r) => (PROXY_ROLES as readonly string[]).includes(r))) throw errors.forbidden('只有代办员、窗口人员或管理人员可以办理委托登记')
}

export function proxyOut(p: repo.ProxyRow) {
  const { centerPath: _path, principalIdNumber, ...rest } = p
  return { ...rest, principalIdNumber: maskIdNumber(principalIdNumber), status: p.revokedAt ? 'revoked' as const : 'active' as const }
}

export async function register(ctx: AppContext, actor: Actor, input: ProxyInput, doc: { fileName: string; mimetype: string; data: Buffer }) {
  assertRole(actor)
  const today = chinaDate(ctx.clock.now())
  const problems: FieldProblem[] = []
  if (!isValidIdNumber(input.principal.idNumber)) problems.push({ field: 'body.data.principal.idNumber', message: '居民身份证号码无效' })
  if (input.proxy.idNumber && !isValidIdNumber(input.proxy.idNumber)) problems.push({ field: 'body.data.proxy.idNumber', message: '居民身份证号码无效' })
  if (input.validUntil <= today || input.validUntil > addDays(today, MAX_YEARS * 366)) problems.push({ field: 'body.data.validUntil', message: `有效期须在今天之后、${MAX_YEARS} 年之内` })
  if (input.scope === 'items' && !(input.itemIds ?? []).length) problems.push({ field: 'body.data.itemIds', message: '列明事项的委托须列出事项' })
  if (input.itemIds?.length) {
    const found = await ctx.db.selectFrom('service_items').select('id').where('id', 'in', input.itemIds).execute()
    if (found.length !== new Set(input.itemIds).size) problems.push({ field: 'body.data.itemIds', message: '有事项不存在' })
  }
  if (input.proxy.self && !actor.roles.includes('agent')) problems.push({ field: 'body.data.proxy.self', message: '只有代办员可以登记自己为受托人' })
  if (input.proxy.self && input.proxy.userId !== undefined) problems.push({ field: 'body.data.proxy.userId', message: '受托人已是本人，不再另选代办员' })
  if (input.proxy.userId !== undefined) {
    const u = await findStaff(ctx.db, input.proxy.userId)
    if (!u || u.status !== 'active' || !u.roles.includes('agent') || !covers(actor.centerPath, u.centerPath) && !covers(u.centerPath, actor.centerPath)) {
      problems.push({ field: 'body.data.proxy.userId', message: '受托代办员不存在或不在本中心的上下级链上' })
    }
  }
  let centerId = actor.centerId
  if (input.centerId !== undefined && input.centerId !== actor.centerId) {
    const c = await ctx.db.selectFrom('centers').select(['id', 'path', 'status']).where('id', '=', input.centerId).executeTakeFirst()
    if (!c || c.status !== 'active' || !covers(actor.centerPath, c.path)) problems.push({ field: 'body.data.centerId', message: '服务站不存在、已撤销或不在本账号辖区' })
    else centerId = c.id
  }
  const mime: MaterialMime | undefined = sniffMaterial(doc.data)
  if (!mime) problems.push({ field: 'body.file', message: '委托书须为 JPEG、PNG 或 PDF' })
  else { const wrong = mismatch(mime, doc.mimetype, doc.fileName); if (wrong) problems.push({ field: 'body.file', message: wrong }) }
  if (problems.length) throw errors.validation(problems)
  const n = await normalise(mime!, doc.data)
  const now = ctx.clock.now()
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertProxy(trx, {
      center_id: centerId, principal_name: input.principal.name.trim(), principal_id_number: input.principal.idNumber.toUpperCase(),
      principal_phone: input.principal.phone, proxy_name: input.proxy.name.trim(), proxy_id_number: input.proxy.idNumber?.toUpperCase() ?? null,
      proxy_user_id: input.proxy.self ? actor.userId : input.proxy.userId ?? null, scope: input.scope, item_ids: input.scope === 'items' ? [...new Set(input.itemIds)] : [],
      valid_until: input.validUntil, document: n.data, document_mime: mime!, document_sha256: n.sha256, created_by: actor.userId, created_at: now,
    })
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'proxy.register', entity: 'standing_proxy', entityId: id, data: { centerId, scope: input.scope, validUntil: input.validUntil } })
    return id
  })
  return proxyOut((await repo.findProxy(ctx.db, id))!)
}

async function readable(ctx: Pick<AppContext, 'db'>, actor: Actor, id: number) {
  assertRole(actor)
  const p = await repo.findProxy(ctx.db, id)
  if (!p) throw errors.notFound('委托登记', id)
  assertCovers(actor, p.centerPath)
  return p
}

export async function list(ctx: AppContext, actor: Actor, q: { active?: boolean; limit?: number }) {
  assertRole(actor)
  const rows = await repo.listProxies(ctx.db, actor.centerPath, { activeOn: q.active ? chinaDate(ctx.clock.now()) : undefined, limit: q.limit ?? 200 })
  return { proxies: rows.map(proxyOut) }
}

export async function get(ctx: AppContext, actor: Actor, id: number) {
  const p = await readable(ctx, actor, id)
  return { ...proxyOut(p), uses: await repo.listUses(ctx.db, id) }
}

export async function document(ctx: AppContext, actor: Actor, id: number) {
  await readable(ctx, actor, id)
  const d = (await repo.readDocument(ctx.db, id))!
  await appendAudit(ctx.db, { actorId: actor.userId, centerId: actor.centerId, action: 'proxy.document_view', entity: 'standing_proxy', entityId: id })
  return { name: `proxy-${id}${d.mime === 'application/pdf' ? '.pdf' : d.mime === 'image/png' ? '.png' : '.jpg'}`, mime: d.mime, data: d.data }
}

export async function revoke(ctx: AppContext, actor: Actor, id: number, reason: string) {
  await readable(ctx, actor, id)
  const now = ctx.clock.now()
  await ctx.db.transaction().execute(async (trx) => {
    const p = (await repo.lockProxy(trx, id))!
    if (p.revokedAt) throw errors.conflict('proxy_revoked', '此委托已撤销')
    await repo.revokeProxy(trx, id, actor.userId, now, reason.trim())
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'proxy.revoke', entity: 'standing_proxy', entityId: id, data: { reason } })
  })
  return get(ctx, actor, id)
}

/**
 * Inside an agency intake's transaction, after the case row: the proxy locked (a revocation waits or wins), checked
 * (revoked/expired 409, another applicant or item 400), the authorisation material named after it, the use recorded as
 * an event of the case (returned, for the caller to append after the intake's own). Returns it and the text for the note.
 */
export async function useProxy(trx: Db, u: {
  proxyId: number; actor: Actor; caseId: number; itemId: number; applicantIdNumber: string; at: Date; today: string; status: CaseStatus; windowId: number | null
}): Promise<{ text: string; event: cases.EventRow }> {
  const p = await repo.lockProxy(trx, u.proxyId)
  if (!p || !covers(u.actor.centerPath, p.centerPath)) throw errors.validation([{ field: 'body.agency.proxyId', message: '没有这项委托登记，或不在本账号辖区' }])
  const block = proxyBlock(p, { today: u.today, itemId: u.itemId, applicantIdNumber: u.applicantIdNumber })
  if (block) throw block
  const text = `常年委托第 ${p.id} 号（受托人 ${p.proxyName}，至 ${p.validUntil}）`
  await trx.updateTable('case_materials').set({ name: `授权委托书（${text}）` }).where('case_id', '=', u.caseId).where('kind', '=', 'authorization').execute()
  const event = {
    caseId: u.caseId, at: u.at, actorId: u.actor.userId, centerId: u.actor.centerId, windowId: u.windowId, action: 'proxy_use', from: u.status, to: u.status,
    note: `使用${text}`, data: { proxyId: p.id },
  }
  return { text, event }
}
