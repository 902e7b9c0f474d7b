// Departments (部门/单位): each belongs to one center and takes its level; 应进必进 flags live here.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { RecordStatus } from '../../domain/vocabulary.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './departments.repository.js'
import { checkBodyCenter, getCenterInScope, isRealDate, Problems } from './network.shared.js'

export async function listDepartments(db: Db, actor: Actor, q: { centerId?: number; required?: boolean; status?: RecordStatus }) {
  if (q.centerId !== undefined) await getCenterInScope(db, actor, q.centerId)
  return repo.listDepartments(db, { scopePath: actor.centerPath, ...q })
}

export async function getDepartment(db: Db, actor: Actor, id: number) {
  const [row] = await repo.listDepartments(db, { scopePath: '/', id })
  if (!row) throw errors.notFound('部门', id)
  await getCenterInScope(db, actor, row.centerId)
  return row
}

export interface NewDepartment {
  code: string; name: string; shortName?: string; centerId: number; required?: boolean; enteredOn?: string | null; phone?: string
}

export async function createDepartment(db: Db, actor: Actor, input: NewDepartment) {
  const id = await db.transaction().execute(async (trx) => {
    const problems = new Problems()
    const center = await checkBodyCenter(trx, actor, input.centerId, 'body.centerId', problems, true)
    checkEnteredOn(input.enteredOn, problems)
    problems.throwIfAny()
    await assertCodeFree(trx, input.code)
    const newId = await repo.insertDepartment(trx, { ...input, level: center!.level })
    await appendAudit(trx, {
      actorId: actor.userId, centerId: input.centerId, action: 'department.create', entity: 'department', entityId: newId,
      data: { ...input, level: center!.level },
    })
    return newId
  })
  return getDepartment(db, actor, id)
}

export type DepartmentPatch = Partial<{
  code: string; name: string; shortName: string; required: boolean; enteredOn: string | null; phone: string
  /** The head's AB岗 stand-in, who approves extensions while the head is away (headAway). */
  headStandInUserId: number | null; headAway: boolean
  /** 复议机关 and 人民法院 its decisions name (null: the center's default), 复议前置, and whether the window may refuse in its name. */
  reviewBody: string | null; court: string | null; reviewFirst: boolean; windowMayRefuse: boolean
}>

/** Patch field → column. */
const COLUMN = {
  code: 'code', name: 'name', shortName: 'short_name', required: 'required', enteredOn: 'entered_on', phone: 'phone',
  headStandInUserId: 'head_stand_in_user_id', headAway: 'head_away',
  reviewBody: 'review_body', court: 'court', reviewFirst: 'review_first', windowMayRefuse: 'window_may_refuse',
} as const satisfies Record<keyof DepartmentPatch, keyof repo.DepartmentChanges>

export async function updateDepartment(db: Db, actor: Actor, id: number, patch: DepartmentPatch) {
  await db.transaction().execute(async (trx) => {
    const before = await lockInScope(trx, actor, id)
    const problems = new Problems()
    checkEnteredOn(patch.enteredOn, problems)
    if (patch.headStandInUserId != null && !(await repo.isHeadStandIn(trx, id, patch.headStandInUserId))) {
      problems.add('body.headStandInUserId', '部门负责人的 AB 岗须为本部门在岗的审批人员')
    }
    const standIn = patch.headStandInUserId !== undefined ? patch.headStandInUserId : before.head_stand_in_user_id
    if (patch.headAway && standIn === null) problems.add('body.headAway', '请先指定部门负责人的 AB 岗，再标记负责人外出')
    problems.throwIfAny()
    const changes: Record<string, unknown> = {}
    const data: Record<string, unknown> = {}
    for (const [key, column] of Object.entries(COLUMN)) {
      const value = patch[key as keyof DepartmentPatch]
      if (value === undefined || value === before[column]) continue
      changes[column] = value
      data[key] = value
    }
    if (!Object.keys(changes).length) return
    if (typeof changes.code === 'string') await assertCodeFree(trx, changes.code)
    await repo.updateDepartment(trx, id, changes as repo.DepartmentChanges)
    await appendAudit(trx, { actorId: actor.userId, centerId: before.center_id, action: 'department.update', entity: 'department', entityId: id, data })
  })
  return getDepartment(db, actor, id)
}

/** Retire a department no window serves and no active item belongs to. */
export async function retireDepartment(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const dept = await lockInScope(trx, actor, id)
    if (dept.status === 'retired') return
    const usage = await repo.departmentUsage(trx, id)
    if (usage.windows || usage.items) {
      const reasons = [usage.windows ? `${usage.windows} 个窗口仍在为其服务` : '', usage.items ? `仍有 ${usage.items} 个在用事项` : '']
        .filter(Boolean).join('，')
      throw errors.conflict('department_in_use', `${dept.name}：${reasons}，不能停用`, usage)
    }
    await repo.updateDepartment(trx, id, { status: 'retired' })
    await appendAudit(trx, { actorId: actor.userId, centerId: dept.center_id, action: 'department.retire', entity: 'department', entityId: id, data: { status: 'retired' } })
  })
  return getDepartment(db, actor, id)
}

function checkEnteredOn(value: string | null | undefined, problems: Problems) {
  if (value && !isRealDate(value)) problems.add('body.enteredOn', `不是有效日期: ${value}`)
}

async function lockInScope(trx: Db, actor: Actor, id: number) {
  const row = await repo.lockDepartment(trx, id)
  if (!row) throw errors.notFound('部门', id)
  assertCovers(actor, row.path)
  return row
}

async function assertCodeFree(db: Db, code: string) {
  const taken = await repo.findDepartmentByCode(db, code)
  if (taken) throw errors.conflict('duplicate_department_code', `部门编码 ${code} 已被 ${taken.name} 使用`, { field: 'body.code' })
}
