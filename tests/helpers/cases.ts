// Factories for case tests: a district with departments, published items of every handling kind offered at its
// center, a window, and the staff who work cases (clerk at the window, approvers per department, a manager),
// plus a clerk in each town to test jurisdiction.
import type { Db } from '../../src/db/database.js'
import { checkDigit } from '../../src/domain/id-number.js'
import { defaultLimits } from '../../src/domain/legal-rules.js'
import type { HandlingKind } from '../../src/domain/vocabulary.js'
import { makeTree, makeUser, type Client, type TestApp } from './app.js'

/** A case action through the API, as the case page's buttons send it. */
export const act = (c: Client, id: number, action: string, body: Record<string, unknown> = {}) => c.post(`/api/cases/${id}/actions/${action}`, body)
/** The case page's view of a case (`GET /api/cases/:id`). */
export const detail = async (c: Client, id: number) => (await c.get(`/api/cases/${id}`)).json()

let seq = 0

export async function makeDepartment(db: Db, centerId: number, name: string) {
  seq += 1
  return db.insertInto('departments').values({ code: `DEP${process.pid}-${seq}`, name, level: 'district', center_id: centerId })
    .returning('id').executeTakeFirstOrThrow()
}

export async function makeItem(db: Db, opts: {
  departmentId: number; kind: HandlingKind; offeredAt: number[]; promisedDays?: number; legalDays?: number
  status?: 'published' | 'draft'; stepLimits?: { step: string; days: number }[]; targets?: string[]
  itemType?: string; daysUnit?: 'workday' | 'calendar'; name?: string
}) {
  seq += 1
  const { id } = await db.insertInto('service_items').values({ code: `ITEM${process.pid}-${seq}`, department_id: opts.departmentId }).returning('id').executeTakeFirstOrThrow()
  const promised = opts.promisedDays ?? (opts.kind === 'immediate' ? 0 : 10)
  const itemType = opts.itemType ?? '行政许可'
  const d = defaultLimits(itemType, opts.kind)
  const limits = { days_unit: opts.daysUnit ?? d.daysUnit, extension_rule: d.extensionRule, outcome_wording: d.outcomeWording }
  const { id: versionId } = await db.insertInto('item_versions').values({
    item_id: id, version: 1, status: opts.status ?? 'published', name: opts.name ?? `测试事项${seq}（${opts.kind}）`, name_pinyin: 'ceshi', name_initials: 'cs',
    ...limits, basic_code: `B${seq}`, item_type: itemType, implementing_body: '测试局', legal_basis: '', targets: opts.targets ?? ['person', 'organization'],
    handling_kind: opts.kind, legal_days: opts.legalDays ?? Math.max(promised, 20), promised_days: promised, accept_level: 'district', decide_level: 'district',
    conditions: '', procedure: [], step_limits: JSON.stringify(opts.stepLimits ?? []), fees: JSON.stringify({ charged: false }), result: '许可证',
    visits: 1, consult_phone: '027-1111111', complaint_phone: '027-12345', special_procedures: [], theme: '', category: '',
    created_by: null, published_by: null, published_at: new Date(), superseded_at: null,
  }).returning('id').executeTakeFirstOrThrow()
  const materials = await db.insertInto('item_materials').values([
    { version_id: versionId, position: 1, name: '申请表', form: 'original', copies: 1, required: true, sample_file_id: null },
    { version_id: versionId, position: 2, name: '身份证复印件', form: 'copy', copies: 1, required: true, sample_file_id: null },
    { version_id: versionId, position: 3, name: '其他说明', form: 'copy', copies: 1, required: false, sample_file_id: null },
  ]).returning(['id', 'name']).execute()
  if (opts.offeredAt.length) await db.insertInto('item_offerings').values(opts.offeredAt.map((c) => ({ item_id: id, center_id: c }))).execute()
  return { id, versionId, materials: materials.map((m) => m.id) }
}

/** A valid 18-digit ID number for a serial. */
export function idNumber(n: number): string {
  const first17 = `420102199001${String(10 + (n % 18)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

export async function makeCaseWorld(t: TestApp) {
  const tree = await makeTree(t.db)
  const lead = await makeDepartment(t.db, tree.district.id, '测试局')
  const co1 = await makeDepartment(t.db, tree.district.id, '协办一局')
  const co2 = await makeDepartment(t.db, tree.district.id, '协办二局')
  const { id: windowId } = await t.db.insertInto('windows').values({ center_id: tree.district.id, number: `W${++seq}`, name: '综合窗口' }).returning('id').executeTakeFirstOrThrow()
  const items = {
    immediate: await makeItem(t.db, { departmentId: lead.id, kind: 'immediate', offeredAt: [tree.district.id] }),
    promised: await makeItem(t.db, { departmentId: lead.id, kind: 'promised', offeredAt: [tree.district.id, tree.townA.id], promisedDays: 10, legalDays: 20, stepLimits: [{ step: '承办', days: 3 }] }),
    joint: await makeItem(t.db, { departmentId: lead.id, kind: 'joint', offeredAt: [tree.district.id], promisedDays: 15, legalDays: 45 }),
    controlled: await makeItem(t.db, { departmentId: lead.id, kind: 'controlled', offeredAt: [tree.district.id] }),
    draft: await makeItem(t.db, { departmentId: lead.id, kind: 'promised', offeredAt: [tree.district.id], status: 'draft' }),
    notOffered: await makeItem(t.db, { departmentId: lead.id, kind: 'promised', offeredAt: [tree.townB.id] }),
  }
  const user = async (roles: Parameters<typeof makeUser>[1]['roles'], centerId: number, departmentId: number | null = null, window: number | null = null) => {
    const u = await makeUser(t.db, { roles, centerId })
    await t.db.updateTable('users').set({ department_id: departmentId, window_id: window }).where('id', '=', u.id).execute()
    return { ...u, client: await t.login(u.username, u.password) }
  }
  return {
    tree, windowId, items, departments: { lead: lead.id, co1: co1.id, co2: co2.id },
    clerk: await user(['clerk'], tree.district.id, null, windowId),
    approver: await user(['approver'], tree.district.id, lead.id),
    /** A second approver of the lead department: 审核 after the approver's 承办 (separation of duties). */
    reviewer: await user(['approver'], tree.district.id, lead.id),
    co1Approver: await user(['approver'], tree.district.id, co1.id),
    co2Approver: await user(['approver'], tree.district.id, co2.id),
    manager: await user(['manager'], tree.district.id),
    head: await user(['department_head'], tree.district.id, lead.id),
    co1Head: await user(['department_head'], tree.district.id, co1.id),
    townAClerk: await user(['clerk'], tree.townA.id),
    townBClerk: await user(['clerk'], tree.townB.id),
    townBManager: await user(['manager'], tree.townB.id),
  }
}

export type CaseWorld = Awaited<ReturnType<typeof makeCaseWorld>>

let req = 0
export function intakeBody(w: CaseWorld, item: { id: number; materials: number[] }, over: Record<string, unknown> = {}) {
  req += 1
  return {
    requestId: `req-${process.pid}-${req}-${Math.random().toString(36).slice(2, 8)}`, itemId: item.id, centerId: w.tree.district.id,
    applicant: { kind: 'person', name: '张三', idNumber: idNumber(req), phone: '13800138000' },
    materials: item.materials.map((m) => ({ materialId: m, received: true })),
    ...over,
  }
}
