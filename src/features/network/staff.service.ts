// Staff: accounts that belong to a center, may sit at a window, and hold roles. Only an admin grants or
// touches 'admin'. Cached sessions are dropped after any change, once the transaction has committed.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { RecordStatus, Role } from '../../domain/vocabulary.js'
import { appendAudit } from '../audit/audit.repository.js'
import type { AuthCache } from '../../kernel/auth-cache.js'
import { hashNewPassword, replacePassword } from '../session/password.service.js'
import { checkPasswordStrength, hashPassword } from '../session/passwords.js'
import { findPasswordOwner } from '../session/session.repository.js'
import { endUserTokens } from '../session/tokens.service.js'
import { checkBodyCenter, getCenterInScope, Problems } from './network.shared.js'
import * as repo from './staff.repository.js'

export async function listStaff(db: Db, actor: Actor, q: { centerId?: number; role?: Role; status?: RecordStatus }) {
  if (q.centerId !== undefined) await getCenterInScope(db, actor, q.centerId)
  return repo.listStaff(db, { scopePath: actor.centerPath, ...q })
}

export async function getStaff(db: Db, actor: Actor, id: number) {
  const [row] = await repo.listStaff(db, { scopePath: '/', id })
  if (!row) throw errors.notFound('工作人员', id)
  await getCenterInScope(db, actor, row.centerId)
  return row
}

export interface NewStaff { username: string; name: string; password: string; roles: Role[]; centerId: number; windowId?: number | null; phone?: string }

export async function createStaff(db: Db, actor: Actor, input: NewStaff) {
  assertMayGrant(actor, input.roles)
  const weak = checkPasswordStrength(input.password, input.username)
  if (weak) throw errors.validation([{ field: 'body.password', message: weak }])
  const passwordHash = await hashPassword(input.password)
  const id = await db.transaction().execute(async (trx) => {
    const problems = new Problems()
    const center = await checkBodyCenter(trx, actor, input.centerId, 'body.centerId', problems, true)
    if (center && input.windowId != null) await checkSeat(trx, center.id, input.windowId, problems)
    problems.throwIfAny()
    const taken = await repo.findUserByUsername(trx, input.username)
    if (taken) throw errors.conflict('duplicate_username', `用户名 ${input.username} 已被使用`, { field: 'body.username' })
    const { password: _secret, ...data } = input
    const newId = await repo.insertUser(trx, { ...data, passwordHash, windowId: input.windowId ?? null })
    await appendAudit(trx, { actorId: actor.userId, centerId: input.centerId, action: 'staff.create', entity: 'user', entityId: newId, data })
    return newId
  })
  return getStaff(db, actor, id)
}

export type StaffPatch = Partial<{ name: string; roles: Role[]; windowId: number | null; phone: string; centerId: number }>

export async function updateStaff(db: Db, cache: AuthCache, actor: Actor, id: number, patch: StaffPatch) {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await lockEditable(trx, actor, id)
    if (before.status === 'retired') throw errors.conflict('staff_retired', `${before.name}的账号已停用，不能修改`)
    if (patch.roles) assertMayGrant(actor, patch.roles)
    // Nobody changes their own roles: the last admin could otherwise lock everyone out of 'admin'.
    if (patch.roles && id === actor.userId && !sameRoles(patch.roles, before.roles)) throw errors.forbidden('不能修改自己的角色')
    const problems = new Problems()
    const centerId = patch.centerId ?? before.center_id
    const moving = centerId !== before.center_id
    if (moving) await checkBodyCenter(trx, actor, centerId, 'body.centerId', problems, true)
    if (patch.windowId != null) await checkSeat(trx, centerId, patch.windowId, problems)
    problems.throwIfAny()

    const changes: repo.UserChanges = {}
    const data: Record<string, unknown> = {}
    if (patch.name !== undefined && patch.name !== before.name) changes.name = data.name = patch.name
    if (patch.phone !== undefined && patch.phone !== before.phone) changes.phone = data.phone = patch.phone
    if (patch.roles && !sameRoles(patch.roles, before.roles)) changes.roles = data.roles = patch.roles
    if (moving) changes.center_id = data.centerId = centerId
    // A move leaves the old center's window unless a new seat is named.
    const windowId = patch.windowId !== undefined ? patch.windowId : moving ? null : before.window_id
    if (windowId !== before.window_id) changes.window_id = data.windowId = windowId
    if (!Object.keys(changes).length) return false
    await repo.updateUser(trx, id, changes)
    // A role taken away ends the account's bearer tokens (sessions carry on with the roles read afresh).
    if (changes.roles && before.roles.some((r) => !changes.roles!.includes(r))) data.tokensRevoked = await endUserTokens(trx, id)
    if (moving) data.standInCleared = await repo.clearStandIn(trx, id)
    await appendAudit(trx, { actorId: actor.userId, centerId: before.center_id, action: 'staff.update', entity: 'user', entityId: id, data })
    return true
  })
  if (changed) await cache.dropUser(id)
  return getStaff(db, actor, id)
}

/**
 * An admin or manager sets a new password (policy and history as for a change); the account's sessions and bearer
 * tokens end. One's own password is changed with the current one instead (PUT /api/session/password).
 */
export async function resetPassword(db: Db, cache: AuthCache, actor: Actor, id: number, password: string) {
  if (id === actor.userId) throw errors.forbidden('请通过「修改密码」修改自己的密码（需要输入当前密码）')
  const owner = await findPasswordOwner(db, id)
  if (!owner) throw errors.notFound('工作人员', id)
  await lockEditable(db, actor, id, false) // jurisdiction before any hashing
  const passwordHash = await hashNewPassword(db, owner, password, 'body.password')
  await db.transaction().execute(async (trx) => {
    const user = await lockEditable(trx, actor, id)
    if (user.status === 'retired') throw errors.conflict('staff_retired', `${user.name}的账号已停用`)
    const { tokensRevoked } = await replacePassword(trx, owner, passwordHash)
    await appendAudit(trx, { actorId: actor.userId, centerId: user.center_id, action: 'staff.password_reset', entity: 'user', entityId: id, data: { tokensRevoked } })
  })
  await cache.dropUser(id)
}

/** Retire an account: it leaves its window and any stand-in duty, and its sessions end. */
export async function retireStaff(db: Db, cache: AuthCache, actor: Actor, id: number) {
  if (id === actor.userId) throw errors.forbidden('不能停用自己的账号')
  const changed = await db.transaction().execute(async (trx) => {
    const user = await lockEditable(trx, actor, id)
    if (user.status === 'retired') return false
    await repo.updateUser(trx, id, { status: 'retired', window_id: null })
    const standInCleared = await repo.clearStandIn(trx, id)
    await repo.deleteSessions(trx, id)
    await appendAudit(trx, {
      actorId: actor.userId, centerId: user.center_id, action: 'staff.retire', entity: 'user', entityId: id,
      data: { status: 'retired', windowId: user.window_id, standInCleared },
    })
    return true
  })
  if (changed) await cache.dropUser(id)
  return getStaff(db, actor, id)
}

/** The account inside the actor's jurisdiction; an admin's account only for an admin. */
async function lockEditable(trx: Db, actor: Actor, id: number, lock = true) {
  const user = await repo.lockUser(trx, id, lock)
  if (!user) throw errors.notFound('工作人员', id)
  assertCovers(actor, user.path)
  if (user.roles.includes('admin') && !actor.roles.includes('admin')) throw errors.forbidden('只有管理员可以修改管理员账号')
  return user
}

function assertMayGrant(actor: Actor, roles: readonly Role[]) {
  if (roles.includes('admin') && !actor.roles.includes('admin')) throw errors.forbidden('只有管理员可以授予管理员角色')
}

async function checkSeat(trx: Db, centerId: number, windowId: number, problems: Problems) {
  if (!(await repo.findSeat(trx, centerId, windowId))) problems.add('body.windowId', `窗口 ${windowId} 不属于该中心或已撤销`)
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r))
