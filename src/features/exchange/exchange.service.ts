// What people do with the exchange: the daily reconciliation per center, a refused record sent again once its data is
// put right, the identifiers the province needs (区划代码 of a center, 统一社会信用代码 of a department), the signed
// link to the province's own rating page, and the catalog import.
import crypto from 'node:crypto'
import { chinaDate } from '../../domain/clock.js'
import { isValidCreditCode } from '../../domain/credit-code.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as cases from '../cases/cases.repository.js'
import { fetchProvinceCatalog, importProvinceCatalog, type NationalItem } from './catalog-import.js'
import * as repo from './exchange.repository.js'

export async function reconciliationReport(ctx: AppContext, actor: Actor, day?: string) {
  const d = day ?? chinaDate(ctx.clock.now())
  const [centers, refused] = await Promise.all([repo.reconciliation(ctx.db, d, actor.centerPath), repo.refusedOf(ctx.db, d, actor.centerPath)])
  const sum = (k: 'created' | 'sent' | 'acknowledged' | 'refused' | 'pending') => centers.reduce((n, c) => n + c[k], 0)
  const oldest = centers.map((c) => c.oldestUnacknowledged).filter((x): x is Date => x !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null
  return {
    day: d, mode: ctx.config.exchange.mode,
    totals: { created: sum('created'), sent: sum('sent'), acknowledged: sum('acknowledged'), refused: sum('refused'), pending: sum('pending'), oldestUnacknowledged: oldest },
    centers, refused,
  }
}

export async function resendRecord(ctx: AppContext, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('exchange_records as r').innerJoin('centers as c', 'c.id', 'r.center_id').select(['r.id', 'r.status', 'c.path', 'r.center_id'])
      .where('r.id', '=', id).forUpdate('r').executeTakeFirst()
    if (!r) throw errors.notFound('交换记录', id)
    assertCovers(actor, r.path)
    if (r.status !== 'refused') throw errors.conflict('not_refused', '只有被省平台拒收的记录可以重新发送', { status: r.status })
    await repo.resend(trx, id, ctx.clock.now())
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'exchange.resend', entity: 'exchange_record', entityId: id, data: {} })
    return { id, status: 'pending' as const }
  })
}

/** A center's 行政区划代码 (centers.area_code: 6, 9 or 12 digits; records carry it padded to the 12-digit 统计用区划代码). */
export async function setAreaCode(ctx: AppContext, actor: Actor, centerId: number, areaCode: string | null) {
  if (areaCode !== null && !/^\d{6}(\d{3}(\d{3})?)?$/.test(areaCode)) throw errors.validation([{ field: 'body.areaCode', message: '区划代码应为 6、9 或 12 位数字' }])
  return ctx.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('centers').select(['id', 'path', 'area_code']).where('id', '=', centerId).forUpdate().executeTakeFirst()
    if (!c) throw errors.notFound('服务中心', centerId)
    assertCovers(actor, c.path)
    await trx.updateTable('centers').set({ area_code: areaCode }).where('id', '=', centerId).execute()
    await appendAudit(trx, { actorId: actor.userId, centerId, action: 'center.area_code', entity: 'center', entityId: centerId, data: { before: c.area_code, after: areaCode } })
    return { centerId, areaCode }
  })
}

export async function setCreditCode(ctx: AppContext, actor: Actor, departmentId: number, creditCode: string | null) {
  const code = creditCode?.toUpperCase() ?? null
  if (code !== null && !isValidCreditCode(code)) throw errors.validation([{ field: 'body.creditCode', message: '统一社会信用代码格式或校验位不对（18 位）' }])
  return ctx.db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id').select(['d.id', 'c.path', 'd.credit_code', 'd.center_id'])
      .where('d.id', '=', departmentId).forUpdate('d').executeTakeFirst()
    if (!d) throw errors.notFound('部门', departmentId)
    assertCovers(actor, d.path)
    await trx.updateTable('departments').set({ credit_code: code }).where('id', '=', departmentId).execute()
    await appendAudit(trx, { actorId: actor.userId, centerId: d.center_id, action: 'exchange.credit_code', entity: 'department', entityId: departmentId, data: { before: d.credit_code, after: code } })
    return { departmentId, creditCode: code }
  })
}

/** The fields of the province's rating page and their signature: HMAC-SHA256 over the sorted key=value pairs. */
export function signRatingFields(key: string, fields: Record<string, string>): string {
  const text = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&')
  return crypto.createHmac('sha256', key).update(text).digest('hex').toUpperCase()
}

/** Province-page mode of 好差评: the address of the province's rating page for this case, signed (number + query code). */
export async function ratingPageLink(ctx: AppContext, number: string, code: string) {
  const { ratingPageUrl, ratingPageKey } = ctx.config.exchange
  if (!ratingPageUrl || !ratingPageKey) throw errors.notFound('省级评价页面（未配置 EXCHANGE_RATING_PAGE_URL）')
  const found = await cases.findCaseByNumber(ctx.db, number)
  const a = Buffer.from(code.toUpperCase()); const b = Buffer.from(found?.queryCode ?? '')
  if (!found || a.length !== b.length || !crypto.timingSafeEqual(a, b)) throw errors.notFound('办件（编号与查询码不匹配）')
  if (found.status !== 'closed') throw errors.conflict('case_not_closed', '办件尚未办结，办结后才能评价', { status: found.status })
  const head = await ctx.db.selectFrom('exchange_records').select('payload').where('case_id', '=', found.id).where('stage', '=', 'accept').orderBy('id', 'desc').executeTakeFirst()
  const p = (head?.payload ?? {}) as Record<string, unknown>
  const fields: Record<string, string> = {
    project_no: found.number, province_no: String(p.province_no ?? ''), task_code: String(p.task_code ?? ''), area_code: String(p.area_code ?? ''),
    org_code: String(p.org_code ?? ''), channel: 'pc', timestamp: String(ctx.clock.now().getTime()), nonce: crypto.randomUUID().replace(/-/g, ''),
  }
  const u = new URL(ratingPageUrl)
  for (const [k, v] of Object.entries(fields)) u.searchParams.set(k, v)
  u.searchParams.set('sign', signRatingFields(ratingPageKey, fields))
  return { url: u.toString() }
}

export async function importCatalog(ctx: AppContext, actor: Actor, body: { items?: NationalItem[]; source?: string }) {
  if (body.items) return importProvinceCatalog(ctx.db, actor, body.source ?? 'file', body.items)
  const url = ctx.config.exchange.catalogUrl
  if (!url) throw errors.validation([{ field: 'body.items', message: '请上传事项清单（或配置 EXCHANGE_CATALOG_URL 从省平台同步）' }])
  return importProvinceCatalog(ctx.db, actor, url, await fetchProvinceCatalog(ctx.db, url, ctx.config.exchange.token))
}
