// Loads the demo district of ../shared/seed (src/demo/data) into an empty database, in one transaction.
// Idempotent: a database that already holds the district center 'D01' is left alone.
import { insertDemoBundles } from './bundles.js'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { pinyinFull, pinyinInitials } from '../domain/pinyin.js'
import { appendAudit } from '../features/audit/audit.repository.js'
import { insertCenter } from '../features/network/centers.repository.js'
import { defaultLimits } from '../domain/legal-rules.js'
import { hashPassword } from '../features/session/passwords.js'
import { centers, departments, districtItems, staff, townItems, windows } from './data/index.js'
import type { DemoItem } from './types.js'
import { keywordsOf } from './data/keywords.js'

interface Log { info(m: string): void; warn(m: string): void }

export async function isLoaded(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('centers').select('id').where('code', '=', 'D01').executeTakeFirst())
}

export async function loadDemoIfEmpty(db: Db, config: Config, log: Log): Promise<{ loaded: boolean; password?: string }> {
  const anyCenter = await db.selectFrom('centers').select('id').limit(1).executeTakeFirst()
  if (anyCenter) return { loaded: false }
  return loadDemo(db, config, log)
}

export async function loadDemo(db: Db, config: Config, log: Log): Promise<{ loaded: boolean; password?: string }> {
  const generated = !config.demoPassword
  const password = config.demoPassword ?? crypto.randomBytes(9).toString('base64url')
  // One hash for every demo account: hashing ~150 accounts one by one would take a minute.
  const hash = await hashPassword(password)
  const accounts = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7406001)`.execute(trx)
    if (await isLoaded(trx)) return undefined
    return insertAll(trx, hash)
  })
  if (!accounts) { log.info('演示数据已存在 demo district already loaded'); return { loaded: false } }

  fs.mkdirSync(config.dataDir, { recursive: true })
  const file = path.join(config.dataDir, 'demo-accounts.json')
  fs.writeFileSync(file, JSON.stringify({ password: generated ? password : '(YIZHAN_DEMO_PASSWORD)', accounts }, null, 2), { mode: 0o600 })
  log.info(`已加载演示区 demo district loaded: ${accounts.length} 个账号 accounts → ${file}`)
  log.info(generated ? `演示账号密码 demo password: ${password}  (例如 admin / ${password})` : '演示账号密码为 YIZHAN_DEMO_PASSWORD')
  return { loaded: true, password }
}

async function insertAll(trx: Db, hash: string) {
  const centerIds = new Map<string, { id: number; path: string; name: string }>()
  for (const c of centers) {
    const parent = c.parentCode ? centerIds.get(c.parentCode)! : undefined
    const { id, path } = await insertCenter(trx, {
      code: c.code, name: c.name, level: c.level, parent: parent ?? null, address: c.address, phone: c.phone, note: c.note ?? '',
    })
    const { opens, lunchStarts, lunchEnds, closes } = c.hours
    await trx.updateTable('hall_settings').set({ opens, lunch_starts: lunchStarts, lunch_ends: lunchEnds, closes }).where('center_id', '=', id).execute()
    centerIds.set(c.code, { id, path, name: c.name })
    if (c.foundedOn) await trx.updateTable('centers').set({ founded_on: c.foundedOn }).where('id', '=', id).execute()
  }
  const center = (code: string) => centerIds.get(code)!.id
  // 复议机关 and court of the district's departments and of the towns (行政复议法 2023 §24): the district government
  // and the district court; a department that differs (派出机构, vertically managed) sets its own.
  await trx.updateTable('centers').set({ review_body: DISTRICT_REVIEW_BODY, court: DISTRICT_COURT }).execute()
  // 行政区划代码 the ratings export files under (the towns and rooms inherit it): the seed's towns lie in 梁子湖区
  await trx.updateTable('centers').set({ area_code: DISTRICT_AREA_CODE }).where('code', '=', 'D01').execute()

  const deptIds = new Map<string, number>()
  const deptRows = await trx.insertInto('departments').values(departments.map((d) => ({
    code: d.code, name: d.name, short_name: d.shortName, level: centers.find((c) => c.code === d.centerCode)!.level,
    center_id: center(d.centerCode), required: d.required, entered_on: d.enteredOn, phone: d.phone,
  }))).returning(['id', 'code']).execute()
  for (const r of deptRows) deptIds.set(r.code, r.id)

  const windowIds = new Map<string, number>()
  const winRows = await trx.insertInto('windows').values(windows.map((w) => ({
    center_id: center(w.centerCode), number: w.number, name: w.name, status: w.status, stand_in_user_id: null,
  }))).returning(['id', 'center_id', 'number']).execute()
  windows.forEach((w, i) => windowIds.set(`${w.centerCode}#${w.number}`, winRows[i].id))
  const wd = windows.flatMap((w) => w.departmentCodes.map((d) => ({ window_id: windowIds.get(`${w.centerCode}#${w.number}`)!, department_id: deptIds.get(d)! })))
  if (wd.length) await trx.insertInto('window_departments').values(wd).execute()

  const userRows = await trx.insertInto('users').values(staff.map((s) => ({
    username: s.username, name: s.name, password_hash: hash, roles: s.roles, center_id: center(s.centerCode),
    window_id: s.windowNumber ? windowIds.get(`${s.centerCode}#${s.windowNumber}`)! : null, phone: s.phone,
    department_id: s.departmentCode ? deptIds.get(s.departmentCode)! : null,
  }))).returning(['id', 'username']).execute()
  const userId = new Map(userRows.map((r) => [r.username, r.id]))
  for (const s of staff) {
    for (const n of s.standInFor ?? []) {
      await trx.updateTable('windows').set({ stand_in_user_id: userId.get(s.username)! })
        .where('id', '=', windowIds.get(`${s.centerCode}#${n}`)!).execute()
    }
  }

  const admin = userId.get('admin') ?? null
  for (const item of [...districtItems, ...townItems]) await insertItem(trx, item, { deptIds, center, windowIds, admin })
  await insertDemoBundles(trx, center('D01'), admin, new Date()) // 一件事一次办 and 容缺 rules (issue 23)
  await appendAudit(trx, { actorId: admin, centerId: center('D01'), action: 'demo.load', entity: 'center', entityId: center('D01'), data: { centers: centers.length, items: districtItems.length + townItems.length } })

  return staff.map((s) => ({ username: s.username, name: s.name, roles: s.roles, centerId: center(s.centerCode), centerName: centerIds.get(s.centerCode)!.name }))
}

/** The item's unit, extension rule and outcome wording: its own where the demo data names them, else by its type. */
function limitsOf(item: DemoItem) {
  const d = defaultLimits(item.itemType, item.handlingKind, item.name)
  return { days_unit: item.daysUnit ?? d.daysUnit, extension_rule: d.extensionRule, extension_days: 0, outcome_wording: d.outcomeWording }
}

export const DISTRICT_REVIEW_BODY = '区人民政府'
export const DISTRICT_COURT = '区人民法院'
export const DISTRICT_AREA_CODE = '420702'

async function insertItem(trx: Db, item: DemoItem, ids: {
  deptIds: Map<string, number>; center: (code: string) => number; windowIds: Map<string, number>; admin: number | null
}) {
  const { id: itemId } = await trx.insertInto('service_items').values({ code: item.code, department_id: ids.deptIds.get(item.departmentCode)! })
    .returning('id').executeTakeFirstOrThrow()
  const { id: versionId } = await trx.insertInto('item_versions').values({
    item_id: itemId, version: 1, status: 'published', name: item.name, name_pinyin: pinyinFull(item.name), name_initials: pinyinInitials(item.name),
    basic_code: item.basicCode, item_type: item.itemType, implementing_body: item.implementingBody, legal_basis: item.legalBasis,
    targets: item.targets, handling_kind: item.handlingKind, legal_days: item.legalDays, promised_days: item.promisedDays,
    ...limitsOf(item),
    accept_level: item.acceptLevel, decide_level: item.decideLevel, conditions: item.conditions, procedure: item.procedure,
    step_limits: '[]', fees: JSON.stringify(item.fees), result: item.result, visits: item.visits, consult_phone: item.consultPhone,
    complaint_phone: item.complaintPhone, special_procedures: item.specialProcedures, theme: item.theme, category: item.category,
    // 同一人连续办理: a town's own items, where one approver holds 承办, 审核 and 批准 (the district keeps separation of duties)
    consecutive_steps: item.decideLevel !== 'district',
    keywords: keywordsOf(item.name), created_by: ids.admin, published_by: ids.admin, published_at: new Date(), superseded_at: null,
  }).returning('id').executeTakeFirstOrThrow()
  await trx.insertInto('item_materials').values(item.materials.map((m, i) => ({
    version_id: versionId, position: i + 1, name: m.name, form: m.form, copies: m.copies, required: m.required, note: m.note ?? '', sample_file_id: null,
  }))).execute()
  await trx.insertInto('item_offerings').values(item.offeredAt.map((c) => ({ item_id: itemId, center_id: ids.center(c) }))).execute()
  const wi = Object.entries(item.windowNumbers ?? {}).flatMap(([c, nums]) => nums.map((n) => ({ window_id: ids.windowIds.get(`${c}#${n}`)!, item_id: itemId })))
  if (wi.length) await trx.insertInto('window_items').values(wi).execute()
}
