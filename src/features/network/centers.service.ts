// Centers: the tree of district → towns → village rooms. Each write is one transaction with its audit row.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { CenterLevel, RecordStatus } from '../../domain/vocabulary.js'
import type { Bus } from '../../kernel/bus.js'
import { generations } from '../../kernel/generations.js'
import { PerGeneration, type CachedBody } from '../../kernel/public-cache.js'
import { appendAudit } from '../audit/audit.repository.js'
import * as repo from './centers.repository.js'
import { hoursText } from '../../domain/hall-time.js'
import { changedFields, checkBodyCenter, getCenterInScope, Problems } from './network.shared.js'

/** The level a new center's parent must have: a town hangs under the district, a village under a town. */
const PARENT_LEVEL: Record<CenterLevel, CenterLevel | null> = { district: null, town: 'district', village: 'town' }
const LEVEL_NAME: Record<CenterLevel, string> = { district: '区中心', town: '镇中心', village: '村服务室' }

const publicCenters = new PerGeneration<'all', CachedBody>()

/** The public list of centers, serialized once per network generation. */
export async function publicCentersPage(db: Db, bus: Bus | undefined, serialize: (etag: string, value: unknown) => CachedBody) {
  const etag = `"n${await generations(db, bus).network.current()}"`
  return publicCenters.get(db, etag, 'all', async () => serialize(etag, { centers: await withHours(db, await repo.listPublicCenters(db)) }))
}

export async function listCenters(db: Db, actor: Actor, q: { level?: CenterLevel; parentId?: number; status?: RecordStatus }) {
  if (q.parentId !== undefined) await getCenterInScope(db, actor, q.parentId)
  return withHours(db, await repo.listCenters(db, { scopePath: actor.centerPath, ...q }))
}

/** Each center with its published hours line, from the hall's settings (the one source of hours, set on 大厅设置). */
export async function withHours<T extends { id: number }>(db: Db, centers: T[]): Promise<(T & { hours: string })[]> {
  const hours = await repo.hoursOf(db, centers.map((c) => c.id))
  return centers.map((c) => ({ ...c, hours: hours.has(c.id) ? hoursText(hours.get(c.id)!) : '' }))
}

export async function getCenter(db: Db, actor: Actor, id: number) {
  await getCenterInScope(db, actor, id)
  const [row] = await withHours(db, await repo.listCenters(db, { scopePath: actor.centerPath, id }))
  return row
}

export interface NewCenter {
  code: string; name: string; level: CenterLevel; parentId: number
  address?: string; phone?: string; note?: string
}

export async function createCenter(db: Db, actor: Actor, input: NewCenter) {
  const id = await db.transaction().execute(async (trx) => {
    const problems = new Problems()
    const wanted = PARENT_LEVEL[input.level]
    if (!wanted) problems.add('body.level', '区中心不能通过接口创建，只能新建镇中心或村服务室')
    const parent = await checkBodyCenter(trx, actor, input.parentId, 'body.parentId', problems, true)
    if (parent && wanted && parent.level !== wanted) {
      problems.add('body.parentId', `${LEVEL_NAME[input.level]}的上级必须是${LEVEL_NAME[wanted]}，而${parent.name}是${LEVEL_NAME[parent.level]}`)
    }
    problems.throwIfAny()
    await assertCodeFree(trx, input.code)
    const { id: newId } = await repo.insertCenter(trx, { ...input, parent: parent! })
    await appendAudit(trx, { actorId: actor.userId, centerId: newId, action: 'center.create', entity: 'center', entityId: newId, data: { ...input } })
    return newId
  })
  return getCenter(db, actor, id)
}

export type CenterPatch = Partial<{ code: string; name: string; address: string; phone: string; note: string }>

export async function updateCenter(db: Db, actor: Actor, id: number, patch: CenterPatch) {
  await db.transaction().execute(async (trx) => {
    const before = await lockInScope(trx, actor, id)
    const changes = changedFields(before, patch)
    if (!Object.keys(changes).length) return
    if (changes.code !== undefined) await assertCodeFree(trx, changes.code)
    await repo.updateCenter(trx, id, changes)
    await appendAudit(trx, { actorId: actor.userId, centerId: id, action: 'center.update', entity: 'center', entityId: id, data: changes })
  })
  return getCenter(db, actor, id)
}

/** Retire a center that nothing active uses any more; the refusal says what still uses it. */
export async function retireCenter(db: Db, actor: Actor, id: number) {
  await db.transaction().execute(async (trx) => {
    const center = await lockInScope(trx, actor, id)
    if (center.id === actor.centerId) throw errors.forbidden('不能停用本账号所在的中心')
    if (center.status === 'retired') return
    const usage = await repo.centerUsage(trx, id)
    if (usage.windows || usage.staff || usage.children) {
      const reasons = [
        usage.windows ? `${usage.windows} 个窗口` : '', usage.staff ? `${usage.staff} 名在岗人员` : '',
        usage.children ? `${usage.children} 个下级中心` : '',
      ].filter(Boolean).join('、')
      throw errors.conflict('center_in_use', `${center.name}：仍有 ${reasons}，请先停用或调离后再停用该中心`, usage)
    }
    await repo.updateCenter(trx, id, { status: 'retired' })
    await appendAudit(trx, { actorId: actor.userId, centerId: id, action: 'center.retire', entity: 'center', entityId: id, data: { status: 'retired' } })
  })
  return getCenter(db, actor, id)
}

async function lockInScope(trx: Db, actor: Actor, id: number) {
  const row = await repo.lockCenter(trx, id)
  if (!row) throw errors.notFound('中心', id)
  assertCovers(actor, row.path)
  return row
}

async function assertCodeFree(db: Db, code: string) {
  const taken = await repo.findCenterByCode(db, code)
  if (taken) throw errors.conflict('duplicate_center_code', `中心编码 ${code} 已被 ${taken.name} 使用`, { field: 'body.code' })
}
