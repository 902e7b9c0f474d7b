// The public guide: search published items, read one with its materials and the centers (and windows) that accept it.
// Every answer is made once per generation (catalog, and network for the centers on an item page) and kept in memory.
import type { Db } from '../../db/database.js'
import type { Bus } from '../../kernel/bus.js'
import { errors } from '../../domain/errors.js'
import { hoursText } from '../../domain/hall-time.js'
import { offeringKind } from '../../domain/item-rules.js'
import { generations } from '../../kernel/generations.js'
import { PerGeneration, type CachedBody } from '../../kernel/public-cache.js'
import { searchTerms } from '../catalog/search.js'
import { guideIndex } from './guide-index.js'
import * as repo from './public-items.repository.js'

/** Turns an answer into the bytes the route sends (its response schema), tagged with the ETag. */
export type Serialize = (etag: string, value: unknown) => CachedBody

export async function catalogEtag(db: Db, bus: Bus | undefined): Promise<string> {
  return `"c${await generations(db, bus).catalog.current()}"`
}

export async function search(db: Db, bus: Bus | undefined, q: { q?: string; centerId?: number; departmentId?: number; theme?: string; page?: number; pageSize?: number }) {
  const pageSize = q.pageSize ?? 20
  return guideIndex(db, bus).search({
    terms: searchTerms(q.q), centerId: q.centerId, departmentId: q.departmentId, theme: q.theme?.replace(/\u0000/g, '').trim() || undefined,
    limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize,
  })
}

export async function getPublished(db: Db, itemId: number) {
  const item = await repo.findPublished(db, itemId)
  if (!item) throw errors.notFound('事项', itemId)
  return {
    ...item,
    stepLimits: item.stepLimits ?? [],
    fees: item.fees ?? { charged: false },
    centers: item.centers.map((c) => ({ ...c, hours: c.hours ? hoursText(c.hours) : '', forward: offeringKind(item, c.level) === 'forward' })),
  }
}

const pages = new PerGeneration<number, CachedBody>()

/** The guide page of a published item, from memory; an id that the search index knows is not published is refused
 * without a query. */
export async function guidePage(db: Db, bus: Bus | undefined, itemId: number, serialize: Serialize): Promise<CachedBody> {
  const g = generations(db, bus)
  const catalog = await g.catalog.current()
  const network = await g.network.current()
  if (guideIndex(db, bus).knownPublished(catalog, itemId) === false) throw errors.notFound('事项', itemId)
  const etag = `"c${catalog}n${network}"`
  return pages.get(db, etag, itemId, async () => serialize(etag, await getPublished(db, itemId)))
}

const counts = new PerGeneration<string, CachedBody>()

/** Departments or themes with their published item counts (optionally at one center), from memory. */
export async function countsPage(db: Db, bus: Bus | undefined, what: 'departments' | 'themes', centerId: number | undefined, serialize: Serialize) {
  const etag = await catalogEtag(db, bus)
  return counts.get(db, etag, `${what}:${centerId ?? ''}`, async () => serialize(etag, what === 'departments'
    ? { departments: await repo.departmentCounts(db, centerId) }
    : { themes: await repo.themeCounts(db, centerId) }))
}
