// 好差评 published: the 附录B values of a center and a month (GB/T 39734-2020) for the public page, and the export of
// ratings a provincial 好差评 system takes. Every measure comes from src/domain/rating-measures.ts.
import { errors } from '../../domain/errors.js'
import { assertCan, type Actor } from '../../domain/jurisdiction.js'
import { badFixedRate, goodRate, isBadScore, isGoodScore, RATING_MEASURE_DEFINITIONS, ratedRate, SCORE_NAMES } from '../../domain/rating-measures.js'
import type { AppContext } from '../../kernel/context.js'
import { csvDocument } from '../../domain/csv.js'
import * as repo from './published.repository.js'

/** The first and last day of YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/** 附录B: 好评率, 差评数, 差评整改率, 主动评价率 of the center (and the centers below it) in the month. */
export async function publicSummary(ctx: AppContext, centerId: number, month: string) {
  const center = await ctx.db.selectFrom('centers').select(['id', 'name', 'path', 'level']).where('id', '=', centerId).where('status', '=', 'active').executeTakeFirst()
  if (!center) throw errors.notFound('中心', centerId)
  const { from, to } = monthRange(month)
  const [byScore, services] = await Promise.all([repo.ratingsByScore(ctx.db, center.path, from, to), repo.finishedAndRated(ctx.db, center.path, from, to)])
  const sum = (f: (r: (typeof byScore)[number]) => number) => byScore.reduce((n, r) => n + f(r), 0)
  const ratings = sum((r) => r.ratings)
  const good = sum((r) => (isGoodScore(r.score) ? r.ratings : 0))
  const bad = sum((r) => (isBadScore(r.score) ? r.ratings : 0))
  const badClosed = sum((r) => (isBadScore(r.score) ? r.followupClosed : 0))
  return {
    center: { id: center.id, name: center.name, level: center.level }, month, from, to,
    ratings, good, bad, badClosed, finished: services.finished, rated: services.rated,
    goodRate: goodRate(good, ratings), badCount: bad, badFixedRate: badFixedRate(badClosed, bad), ratedRate: ratedRate(services.rated, services.finished),
    byScore: ([5, 4, 3, 2, 1] as const).map((score) => ({ score, name: SCORE_NAMES[score], ratings: byScore.find((r) => r.score === score)?.ratings ?? 0 })),
    definitions: RATING_MEASURE_DEFINITIONS,
  }
}

/** The export's columns in order (docs/RATINGS-EXPORT.md). */
export const EXPORT_COLUMNS = [
  'ratingId', 'ratedAt', 'areaCode', 'centerCode', 'centerName', 'serviceKind', 'number', 'itemCode', 'basicCode',
  'score', 'level', 'efficiency', 'quality', 'attitude', 'options', 'comment', 'addendum', 'source', 'followupStatus', 'setAside',
] as const

type ExportRow = Awaited<ReturnType<typeof repo.exportRows>>[number]

function record(r: ExportRow): Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null> {
  const ind = r.indicators ?? {}
  return {
    ratingId: r.id, ratedAt: new Date(r.ratedAt).toISOString(), areaCode: r.areaCode, centerCode: r.centerCode, centerName: r.centerName,
    serviceKind: r.serviceKind, number: r.number, itemCode: r.itemCode, basicCode: r.basicCode,
    score: r.score, level: SCORE_NAMES[r.score as keyof typeof SCORE_NAMES], efficiency: ind.efficiency ?? null, quality: ind.quality ?? null, attitude: ind.attitude ?? null,
    options: r.options.join(';'), comment: r.comment, addendum: r.addendum, source: r.source, followupStatus: r.followupStatus, setAside: r.setAside,
  }
}

/** The ratings rated from..to in the actor's jurisdiction: JSON records or CSV (UTF-8 with BOM, CRLF, RFC 4180, formulas made inert). */
export async function exportRatings(ctx: AppContext, actor: Actor, q: { from: string; to: string; format: 'json' | 'csv' }) {
  assertCan(actor, 'supervision.read')
  const records = (await repo.exportRows(ctx.db, actor.centerPath, q.from, q.to)).map(record)
  if (q.format === 'json') return { format: 'json' as const, body: { version: 1, from: q.from, to: q.to, columns: EXPORT_COLUMNS, records } }
  return { format: 'csv' as const, body: csvDocument(EXPORT_COLUMNS, records) }
}
