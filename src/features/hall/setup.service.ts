// The hall's setup by the center's manager: opening hours, the scrolling notice, calls before a no-show,
// ticket categories (prefix letter, name, items) and which categories each window calls.
import type { Db } from '../../db/database.js'
import { errors } from '../../domain/errors.js'
import { hoursProblems, hoursText } from '../../domain/hall-time.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { HallCategoryStatus } from '../../db/schema.js'
import { appendAudit } from '../audit/audit.repository.js'
import { Problems, uniq } from '../network/network.shared.js'
import * as windows from '../network/windows.repository.js'
import { appendDisplayEvent } from './display.repository.js'
import type { Hall } from './hall.context.js'
import * as repo from './setup.repository.js'

/** The center's hall: 404 when unknown, 403 outside the actor's jurisdiction. */
export async function hallInScope(db: Db, actor: Actor, centerId: number) {
  const h = await repo.findHall(db, centerId)
  if (!h) throw errors.notFound('中心', centerId)
  assertCovers(actor, h.path)
  return h
}

export async function getSetup(hall: Hall, actor: Actor, centerId: number) {
  const h = await hallInScope(hall.db, actor, centerId)
  const categories = await repo.listCategories(hall.db, centerId)
  const items = await repo.categoryItems(hall.db, categories.map((c) => c.id))
  const wins = await windows.listWindows(hall.db, { scopePath: '/', centerId })
  const links = await Promise.all(wins.map(async (w) => ({ id: w.id, number: w.number, name: w.name, status: w.status, categoryIds: await repo.windowCategoryIds(hall.db, w.id) })))
  return {
    centerId, centerName: h.centerName, opens: h.opens, lunchStarts: h.lunchStarts, lunchEnds: h.lunchEnds, closes: h.closes, hours: hoursText(h), closed: h.closed, notice: h.notice,
    maxCalls: h.maxCalls, slotMinutes: h.slotMinutes,
    categories: categories.map((c) => ({ ...c, items: items.filter((i) => i.categoryId === c.id).map(({ id, name }) => ({ id, name })) })),
    windows: links.filter((w) => w.status !== 'retired'),
  }
}

export interface SettingsInput { opens?: string; lunchStarts?: string | null; lunchEnds?: string | null; closes?: string; closed?: boolean; notice?: string; maxCalls?: number; slotMinutes?: number }

export async function updateSettings(hall: Hall, actor: Actor, centerId: number, input: SettingsInput) {
  const at = hall.clock.now()
  const ev = await hall.db.transaction().execute(async (trx) => {
    const before = await hallInScope(trx, actor, centerId)
    const hours = {
      opens: input.opens ?? before.opens, closes: input.closes ?? before.closes,
      lunchStarts: input.lunchStarts === undefined ? before.lunchStarts : input.lunchStarts,
      lunchEnds: input.lunchEnds === undefined ? before.lunchEnds : input.lunchEnds,
    }
    const problems = hoursProblems(hours)
    if (problems.length) throw errors.validation(problems)
    await repo.upsertSettings(trx, centerId, {
      opens: input.opens, closes: input.closes, lunch_starts: input.lunchStarts, lunch_ends: input.lunchEnds, closed: input.closed, notice: input.notice, max_calls: input.maxCalls, slot_minutes: input.slotMinutes,
    })
    await appendAudit(trx, { actorId: actor.userId, centerId, action: 'hall.settings', entity: 'center', entityId: centerId, data: { ...input } })
    if (input.notice === undefined || input.notice === before.notice) return undefined
    return appendDisplayEvent(trx, centerId, 'notice', at, { notice: input.notice })
  })
  if (ev) hall.hub.committed({ c: centerId, e: [ev] })
  return getSetup(hall, actor, centerId)
}

export interface CategoryInput { prefix?: string; name?: string; status?: HallCategoryStatus; slotCapacity?: number; position?: number; itemIds?: number[] }

async function checkItems(trx: Db, centerId: number, itemIds: number[] | undefined, problems: Problems) {
  const ids = uniq(itemIds ?? [])
  const ok = await windows.itemsOfferedAt(trx, centerId, ids)
  const bad = ids.filter((i) => !ok.has(i))
  if (bad.length) problems.add('body.itemIds', `事项 ${bad.join('、')} 不在该中心办理`)
}

async function assertPrefixFree(trx: Db, centerId: number, prefix: string, exceptId?: number) {
  const taken = (await repo.listCategories(trx, centerId)).find((c) => c.prefix === prefix && c.id !== exceptId)
  if (taken) throw errors.conflict('duplicate_prefix', `本中心已有字母 ${prefix} 的类别（${taken.name}）`, { field: 'body.prefix' })
}

export async function createCategory(hall: Hall, actor: Actor, input: CategoryInput & { centerId: number; prefix: string; name: string }) {
  const id = await hall.db.transaction().execute(async (trx) => {
    await hallInScope(trx, actor, input.centerId)
    const problems = new Problems()
    await checkItems(trx, input.centerId, input.itemIds, problems)
    problems.throwIfAny()
    await assertPrefixFree(trx, input.centerId, input.prefix)
    const newId = await repo.insertCategory(trx, input)
    await repo.setCategoryItems(trx, newId, uniq(input.itemIds ?? []))
    await appendAudit(trx, { actorId: actor.userId, centerId: input.centerId, action: 'hall.category.create', entity: 'hall_category', entityId: newId, data: { ...input } })
    return newId
  })
  return categoryView(hall.db, id)
}

export async function updateCategory(hall: Hall, actor: Actor, id: number, input: CategoryInput) {
  await hall.db.transaction().execute(async (trx) => {
    const before = await repo.lockCategory(trx, id)
    if (!before) throw errors.notFound('取号类别', id)
    await hallInScope(trx, actor, before.centerId)
    const problems = new Problems()
    await checkItems(trx, before.centerId, input.itemIds, problems)
    problems.throwIfAny()
    if (input.prefix && input.prefix !== before.prefix) await assertPrefixFree(trx, before.centerId, input.prefix, id)
    await repo.updateCategory(trx, id, { name: input.name, prefix: input.prefix, status: input.status, slot_capacity: input.slotCapacity, position: input.position })
    if (input.itemIds) await repo.setCategoryItems(trx, id, uniq(input.itemIds))
    await appendAudit(trx, { actorId: actor.userId, centerId: before.centerId, action: 'hall.category.update', entity: 'hall_category', entityId: id, data: { ...input } })
  })
  return categoryView(hall.db, id)
}

async function categoryView(db: Db, id: number) {
  const c = await repo.findCategory(db, id)
  if (!c) throw errors.notFound('取号类别', id)
  const items = await repo.categoryItems(db, [id])
  return { ...c, items: items.map(({ id: itemId, name }) => ({ id: itemId, name })) }
}

export async function setWindowCategories(hall: Hall, actor: Actor, windowId: number, categoryIds: number[]) {
  await hall.db.transaction().execute(async (trx) => {
    const w = await windows.lockWindow(trx, windowId)
    if (!w || w.status === 'retired') throw errors.notFound('窗口', windowId)
    assertCovers(actor, w.path)
    const ids = uniq(categoryIds)
    const own = new Set((await repo.listCategories(trx, w.center_id)).map((c) => c.id))
    const bad = ids.filter((c) => !own.has(c))
    if (bad.length) throw errors.validation([{ field: 'body.categoryIds', message: `类别 ${bad.join('、')} 不属于该窗口所在中心` }])
    await repo.setWindowCategories(trx, windowId, ids)
    await appendAudit(trx, { actorId: actor.userId, centerId: w.center_id, action: 'hall.window.categories', entity: 'window', entityId: windowId, data: { categoryIds: ids } })
  })
  return { windowId, categoryIds: await repo.windowCategoryIds(hall.db, windowId) }
}
