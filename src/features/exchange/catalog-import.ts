// The district's claimed 实施清单 from the province, in the national item layout, from a file (the body) or the
// province's feed (EXCHANGE_CATALOG_URL): only items updated after the watermark, only each item's newest version
// (superseded ones left out); every row checked first (a malformed 实施编码 names its row) and then all written in one
// transaction or nothing. A newer version is published over the old one; a case keeps the version it was accepted under.
import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { errors, type FieldProblem } from '../../domain/errors.js'
import { BASIC_CODE_RE, ITEM_CODE_RE } from '../../domain/item-codes.js'
import type { Actor } from '../../domain/jurisdiction.js'
import { HANDLING_KINDS, ITEM_TYPES, type HandlingKind, type ItemType } from '../../domain/vocabulary.js'
import { appendAudit } from '../audit/audit.repository.js'
import { normalizeFields } from '../catalog/version-fields.js'
import * as versionsRepo from '../catalog/versions.repository.js'

/** One item of the national layout (事项同步), as the province sends it. */
export interface NationalItem {
  task_code: string; task_version: number; catalog_code: string; task_name: string; task_type: string
  dept_code: string; handle_type?: string; legal_days: number; promised_days: number
  town_accept?: string; village_accept?: string; task_state?: string; update_time: string
  materials?: { material_name: string; material_form?: string; copies?: number; required?: string }[]
}

const YES = (v: string | undefined) => v === 'Y' || v === '1' || v === '是'
const FORMS: Record<string, 'original' | 'copy' | 'electronic'> = { 原件: 'original', 复印件: 'copy', 电子: 'electronic', original: 'original', copy: 'copy', electronic: 'electronic' }

export async function importProvinceCatalog(db: Db, actor: Actor, source: string, items: NationalItem[]) {
  return db.transaction().execute(async (trx) => {
    // one import of a source at a time: the watermark is read and moved under its lock
    await sql`select pg_advisory_xact_lock(hashtext(${'exchange-catalog:' + source}))`.execute(trx)
    const mark = await trx.selectFrom('exchange_watermarks').select('watermark').where('source', '=', source).executeTakeFirst()
    const problems: FieldProblem[] = []
    const bad = (i: number, field: string, message: string) => problems.push({ field: `items.${i}.${field}`, message })
    items.forEach((it, i) => {
      if (typeof it.task_code !== 'string' || !ITEM_CODE_RE.test(it.task_code)) bad(i, 'task_code', `实施编码「${it.task_code}」格式不对：30 位，18 位统一社会信用代码 + 12 位基本编码`)
      else if (!it.task_code.endsWith(String(it.catalog_code))) bad(i, 'task_code', `实施编码应以基本编码 ${it.catalog_code} 结尾`)
      if (!BASIC_CODE_RE.test(String(it.catalog_code))) bad(i, 'catalog_code', `基本编码「${it.catalog_code}」应为 12 位数字`)
      if (!Number.isInteger(it.task_version) || it.task_version < 1) bad(i, 'task_version', '事项版本应为正整数')
      if (!it.task_name?.trim()) bad(i, 'task_name', '缺少事项名称')
      if (!(ITEM_TYPES as readonly string[]).includes(it.task_type)) bad(i, 'task_type', `事项类型应为 ${ITEM_TYPES.join('、')} 之一`)
      if (it.handle_type !== undefined && !(HANDLING_KINDS as readonly string[]).includes(it.handle_type)) bad(i, 'handle_type', `办件类型应为 ${HANDLING_KINDS.join(', ')} 之一`)
      if (!Number.isInteger(it.legal_days) || !Number.isInteger(it.promised_days) || it.promised_days > it.legal_days || it.promised_days < 0) bad(i, 'promised_days', '承诺时限应为不超过法定时限的非负整数')
      if (Number.isNaN(Date.parse(it.update_time))) bad(i, 'update_time', '更新时间格式不对')
    })
    const creditCodes = [...new Set(items.map((i) => i.dept_code))]
    const depts = new Map((creditCodes.length ? await trx.selectFrom('departments as d').innerJoin('centers as c', 'c.id', 'd.center_id')
      .select(['d.id', 'd.name', 'd.credit_code as creditCode', 'd.center_id as centerId', 'c.path', 'c.level'])
      .where('d.credit_code', 'in', creditCodes).where('d.status', '=', 'active').execute() : []).map((d) => [d.creditCode!, d]))
    items.forEach((it, i) => {
      const d = depts.get(it.dept_code)
      if (!d) bad(i, 'dept_code', `没有统一社会信用代码为 ${it.dept_code} 的部门（请先在部门上登记）`)
      else if (!d.path.startsWith(actor.centerPath)) bad(i, 'dept_code', `部门「${d.name}」不在本账号的辖区范围内`)
    })
    if (problems.length) throw errors.invalid('import_failed', `导入失败：共 ${problems.length} 处错误，未写入任何数据`, problems.slice(0, 1000))

    // after the watermark; of each item only its newest version
    const newest = new Map<string, NationalItem>()
    for (const it of items) {
      if (mark && Date.parse(it.update_time) <= mark.watermark.getTime()) continue
      const seen = newest.get(it.task_code)
      if (!seen || seen.task_version < it.task_version) newest.set(it.task_code, it)
    }
    const counts = { created: 0, updated: 0, unchanged: 0, retired: 0, skippedByWatermark: items.length - [...items].filter((it) => !mark || Date.parse(it.update_time) > mark.watermark.getTime()).length }
    const towns = await trx.selectFrom('centers').select(['id', 'path', 'level']).where('status', '=', 'active').where('level', 'in', ['town', 'village']).execute()
    for (const it of newest.values()) {
      const d = depts.get(it.dept_code)!
      const existing = await trx.selectFrom('service_items').select(['id', 'status']).where('code', '=', it.task_code).forUpdate().executeTakeFirst()
      if (it.task_state === '0' || it.task_state === 'retired') {
        if (existing && existing.status === 'active') { await trx.updateTable('service_items').set({ status: 'retired' }).where('id', '=', existing.id).execute(); counts.retired++ }
        continue
      }
      const current = existing ? await trx.selectFrom('item_versions').select(['version']).where('item_id', '=', existing.id).where('status', '=', 'published').executeTakeFirst() : undefined
      const top = existing ? (await trx.selectFrom('item_versions').select(sql<number>`max(version)`.as('v')).where('item_id', '=', existing.id).executeTakeFirstOrThrow()).v : 0
      if (existing && top >= it.task_version) { counts.unchanged++; continue }
      const accept = YES(it.village_accept) ? 'village' : YES(it.town_accept) ? 'town' : d.level as 'district' | 'town' | 'village'
      const fields = normalizeFields({
        name: it.task_name, basicCode: it.catalog_code, itemType: it.task_type as ItemType, implementingBody: d.name, targets: ['person', 'organization'],
        handlingKind: (it.handle_type ?? (it.promised_days === 0 ? 'immediate' : 'promised')) as HandlingKind, legalDays: it.legal_days, promisedDays: it.promised_days,
        acceptLevel: accept, decideLevel: d.level as 'district' | 'town' | 'village',
      })
      const itemId = existing?.id ?? (await trx.insertInto('service_items').values({ code: it.task_code, department_id: d.id }).returning('id').executeTakeFirstOrThrow()).id
      if (current) await versionsRepo.markSuperseded(trx, itemId, current.version)
      const v = await versionsRepo.insertVersion(trx, { itemId, version: it.task_version, status: 'published', fields, actorId: actor.userId })
      await versionsRepo.replaceMaterials(trx, v.id, (it.materials ?? []).map((m) => ({
        name: m.material_name, form: FORMS[m.material_form ?? ''] ?? 'copy', copies: m.copies ?? 1, required: m.required === undefined || YES(m.required), note: '', sampleFileId: null, deferrable: false,
      })))
      // offered at the department's center and, per the town and village columns, at every town or village below it
      const at = [d.centerId, ...towns.filter((c) => c.path.startsWith(d.path) && ((c.level === 'town' && (YES(it.town_accept) || YES(it.village_accept))) || (c.level === 'village' && YES(it.village_accept)))).map((c) => c.id)]
      await trx.insertInto('item_offerings').values(at.map((c) => ({ item_id: itemId, center_id: c }))).onConflict((oc) => oc.doNothing()).execute()
      existing ? counts.updated++ : counts.created++
    }
    const latest = items.reduce((m, it) => Math.max(m, Date.parse(it.update_time) || 0), mark?.watermark.getTime() ?? 0)
    const now = new Date()
    if (latest > 0) {
      await trx.insertInto('exchange_watermarks').values({ source, watermark: new Date(latest), updated_at: now })
        .onConflict((oc) => oc.column('source').doUpdateSet({ watermark: new Date(latest), updated_at: now })).execute()
    }
    await appendAudit(trx, { actorId: actor.userId, centerId: actor.centerId, action: 'exchange.catalog.import', entity: 'catalog', entityId: source, data: { ...counts, rows: items.length } })
    return { ...counts, watermark: latest > 0 ? new Date(latest).toISOString() : null }
  })
}

/** The province's feed: GET EXCHANGE_CATALOG_URL?since=<watermark>, a JSON array (or { items: [...] }) of national items. */
export async function fetchProvinceCatalog(db: Db, url: string, token: string | undefined): Promise<NationalItem[]> {
  const mark = await db.selectFrom('exchange_watermarks').select('watermark').where('source', '=', url).executeTakeFirst()
  const u = new URL(url)
  if (mark) u.searchParams.set('since', mark.watermark.toISOString())
  const res = await fetch(u, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) })
  if (!res.ok) throw errors.conflict('catalog_source_failed', `省平台事项同步接口返回 HTTP ${res.status}`)
  const j = await res.json() as NationalItem[] | { items: NationalItem[] }
  return Array.isArray(j) ? j : j.items
}
