// Windows (窗口): one center's numbered counters, the departments and items they serve, and their AB岗 stand-in.
import type { Db } from '../../db/database.js'
import type { WindowRecordStatus } from '../../db/schema.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { WindowStatus } from '../../domain/vocabulary.js'
import { appendAudit } from '../audit/audit.repository.js'
import { checkBodyCenter, getCenterInScope, Problems, uniq } from './network.shared.js'
import * as repo from './windows.repository.js'

type WindowRow = Awaited<ReturnType<typeof repo.listWindows>>[number]

async function withLinks(db: Db, rows: WindowRow[]) {
  const links = await repo.windowLinks(db, rows.map((r) => r.id))
  const of = <T extends { windowId: number | null }>(list: T[], id: number) => list.filter((l) => l.windowId === id)
  return rows.map((r) => ({
    id: r.id, centerId: r.centerId, centerName: r.centerName, number: r.number, name: r.name, status: r.status,
    departments: of(links.departments, r.id).map(({ id, name }) => ({ id, name })),
    itemIds: of(links.items, r.id).map((i) => i.itemId),
    standIn: r.standInId !== null && r.standInName !== null ? { id: r.standInId, name: r.standInName } : null,
    staff: of(links.staff, r.id).map(({ id, name }) => ({ id, name })),
  }))
}

export async function listWindows(db: Db, actor: Actor, q: { centerId?: number; status?: WindowRecordStatus }) {
  if (q.centerId !== undefined) await getCenterInScope(db, actor, q.centerId)
  return withLinks(db, await repo.listWindows(db, { scopePath: actor.centerPath, ...q }))
}

export async function getWindow(db: Db, actor: Actor, id: number) {
  const rows = await repo.listWindows(db, { scopePath: '/', id })
  if (!rows.length) throw errors.notFound('窗口', id)
  await getCenterInScope(db, actor, rows[0].centerId)
  return (await withLinks(db, rows))[0]
}

interface Links { departmentIds?: number[]; itemIds?: number[]; standInUserId?: number | null; staffIds?: number[] }
export interface NewWindow extends Links { centerId: number; number: string; name: string; status?: WindowStatus }
export type WindowPatch = Links & Partial<{ number: string; name: string; status: WindowStatus }>

export async function createWindow(db: Db, actor: Actor, input: NewWindow) {
  const id = await db.transaction().execute(async (trx) => {
    const problems = new Problems()
    const center = await checkBodyCenter(trx, actor, input.centerId, 'body.centerId', problems, true)
    if (center) await checkLinks(trx, center.id, input, problems)
    problems.throwIfAny()
    await assertNumberFree(trx, input.centerId, input.number)
    const newId = await repo.insertWindow(trx, input)
    await repo.setWindowDepartments(trx, newId, uniq(input.departmentIds ?? []))
    await repo.setWindowItems(trx, newId, uniq(input.itemIds ?? []))
    if (input.staffIds) await repo.seatStaff(trx, newId, uniq(input.staffIds))
    await appendAudit(trx, { actorId: actor.userId, centerId: input.centerId, action: 'window.create', entity: 'window', entityId: newId, data: { ...input } })
    return newId
  })
  return getWindow(db, actor, id)
}

export async function updateWindow(db: Db, actor: Actor, id: number, patch: WindowPatch) {
  await db.transaction().execute(async (trx) => {
    const before = await lockInScope(trx, actor, id)
    if (before.status === 'retired') throw errors.conflict('window_retired', `窗口 ${before.number} 已停用，不能修改`)
    const problems = new Problems()
    await checkLinks(trx, before.center_id, patch, problems)
    problems.throwIfAny()

    const data: Record<string, unknown> = {}
    const changes: repo.WindowChanges = {}
    if (patch.number !== undefined && patch.number !== before.number) {
      await assertNumberFree(trx, before.center_id, patch.number, id)
      changes.number = data.number = patch.number
    }
    if (patch.name !== undefined && patch.name !== before.name) changes.name = data.name = patch.name
    if (patch.status !== undefined && patch.status !== before.status) changes.status = data.status = patch.status
    if (patch.standInUserId !== undefined && patch.standInUserId !== before.stand_in_user_id) {
      changes.stand_in_user_id = data.standInUserId = patch.standInUserId
    }
    if (Object.keys(changes).length) await repo.updateWindow(trx, id, changes)

    const current = await repo.windowLinks(trx, [id])
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i])
    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y)
    if (patch.departmentIds) {
      const next = sorted(uniq(patch.departmentIds))
      if (!same(next, sorted(current.departments.map((d) => d.id)))) {
        await repo.setWindowDepartments(trx, id, next)
        data.departmentIds = next
      }
    }
    if (patch.itemIds) {
      const next = sorted(uniq(patch.itemIds))
      if (!same(next, sorted(current.items.map((i) => i.itemId)))) {
        await repo.setWindowItems(trx, id, next)
        data.itemIds = next
      }
    }
    if (patch.staffIds) {
      const next = sorted(uniq(patch.staffIds))
      if (!same(next, sorted(current.staff.map((s) => s.id)))) {
        await repo.seatStaff(trx, id, next)
        data.staffIds = next
      }
    }
    if (Object.keys(data).length) {
      await appendAudit(trx, { actorId: actor.userId, centerId: before.center_id, action: 'window.update', entity: 'window', entityId: id, data })
    }
  })
  return getWindow(db, actor, id)
}

/** Retire a window nobody sits at any more; its number becomes free for a new window. */
export async function retireWindow(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const win = await lockInScope(trx, actor, id)
    if (win.status === 'retired') return
    const staff = await repo.countSeatedStaff(trx, id)
    if (staff) throw errors.conflict('window_in_use', `窗口 ${win.number}（${win.name}）仍有 ${staff} 名工作人员在岗，请先调离后再停用`, { staff })
    await repo.updateWindow(trx, id, { status: 'retired' })
    await appendAudit(trx, { actorId: actor.userId, centerId: win.center_id, action: 'window.retire', entity: 'window', entityId: id, data: { status: 'retired', from: win.status } })
  })
  return getWindow(db, actor, id)
}

/** Departments of the same center, items offered at it, a stand-in on its active staff. */
async function checkLinks(trx: Db, centerId: number, input: Links, problems: Problems) {
  const departmentIds = uniq(input.departmentIds ?? [])
  const okDepts = await repo.departmentsOfCenter(trx, centerId, departmentIds)
  const badDepts = departmentIds.filter((d) => !okDepts.has(d))
  if (badDepts.length) problems.add('body.departmentIds', `部门 ${badDepts.join('、')} 不属于该中心或已停用`)

  const itemIds = uniq(input.itemIds ?? [])
  const okItems = await repo.itemsOfferedAt(trx, centerId, itemIds)
  const badItems = itemIds.filter((i) => !okItems.has(i))
  if (badItems.length) problems.add('body.itemIds', `事项 ${badItems.join('、')} 不在该中心办理，窗口不能受理`)

  if (input.standInUserId != null && !(await repo.findActiveClerk(trx, centerId, input.standInUserId))) {
    problems.add('body.standInUserId', 'AB岗替岗人员必须是本中心在岗的窗口人员')
  }

  const staffIds = uniq(input.staffIds ?? [])
  const okStaff = await repo.activeStaffOfCenter(trx, centerId, staffIds)
  const badStaff = staffIds.filter((s) => !okStaff.has(s))
  if (badStaff.length) problems.add('body.staffIds', `人员 ${badStaff.join('、')} 不是本中心的在岗人员`)
}

async function lockInScope(trx: Db, actor: Actor, id: number) {
  const row = await repo.lockWindow(trx, id)
  if (!row) throw errors.notFound('窗口', id)
  assertCovers(actor, row.path)
  return row
}

async function assertNumberFree(trx: Db, centerId: number, number: string, exceptId?: number) {
  const taken = await repo.findWindowByNumber(trx, centerId, number, exceptId)
  if (taken) throw errors.conflict('duplicate_window_number', `本中心已有 ${number} 号窗口（${taken.name}）`, { field: 'body.number', windowId: taken.id })
}
