// The public guide: search published items, read one with its materials and the centers (and windows) that accept it.
import type { Db } from '../../db/database.js'
import type { Bus } from '../../server/bus.js'
import { errors } from '../../domain/errors.js'
import { offeringKind } from '../../domain/item-rules.js'
import { searchTerms } from '../catalog/search.js'
import { guideIndex } from './guide-index.js'
import * as repo from './public-items.repository.js'

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
    centers: item.centers.map((c) => ({ ...c, forward: offeringKind(item, c.level) === 'forward' })),
  }
}

export const departments = (db: Db, centerId?: number) => repo.departmentCounts(db, centerId)
export const themes = (db: Db, centerId?: number) => repo.themeCounts(db, centerId)
