// 办理进度查询 by a bundle's number and query code: the bundle with every part's own progress (each its number,
// item, status, due date, light and public events). Built on each lookup: a bundle's parts change under many actors.
import crypto from 'node:crypto'
import type { Db } from '../../db/database.js'
import { chinaDate } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import type { AppContext } from '../../kernel/context.js'
import { calendarCache } from '../calendar/calendar.service.js'
import * as cases from '../cases/cases.repository.js'
import { maskName } from '../cases/cases.view.js'
import { buildProgress, sameCode } from './progress.service.js'
import * as repo from '../bundles/bundles.repository.js'

/** A bundle's number: the center's code, the year, B and a number (a case's has no B). */
export const isBundleNumber = (number: string) => /-B\d+$/.test(number)

const RANK = { green: 0, yellow: 1, red: 2 } as const

export async function bundleProgress(ctx: Pick<AppContext, 'db' | 'clock' | 'bus'>, number: string, code: string, serialize: (v: unknown) => string) {
  const bc = await repo.findBundleCaseByNumber(ctx.db as Db, number)
  if (!bc || !sameCode(code, bc.queryCode)) throw errors.notFound('一件事（编号与查询码不匹配）')
  const cal = await calendarCache(ctx as AppContext).get()
  const today = chinaDate(ctx.clock.now())
  const numbers = await (ctx.db as Db).selectFrom('cases').select('number').where('bundle_case_id', '=', bc.id).orderBy('id').execute()
  const rows = await Promise.all(numbers.map((n) => cases.findCaseWithEventsByNumber(ctx.db as Db, n.number)))
  const parts = rows.filter((r) => r !== undefined).map((r) => buildProgress(r, cal, today))
  const open = parts.filter((p) => !['closed', 'refused'].includes(p.status))
  const due = parts.map((p) => p.dueDate).filter((d): d is string => d !== null).sort().at(-1) ?? null
  const out = {
    number: bc.number, itemName: bc.name, status: open.length === 0 ? 'closed' : open.length === parts.length ? open[0].status : 'in_review',
    acceptedAt: parts[0]?.acceptedAt ?? null, dueDate: due, applicantName: maskName(bc.applicantName), suspended: parts.some((p) => p.suspended),
    light: parts.reduce<'green' | 'yellow' | 'red'>((m, p) => (RANK[p.light as keyof typeof RANK] > RANK[m] ? p.light as 'green' | 'yellow' | 'red' : m), 'green'),
    events: [],
    bundle: { number: bc.number, name: bc.name, parts },
  }
  const body = serialize(out)
  return { body, etag: '"' + crypto.createHash('sha1').update(body).digest('base64url') + '"' }
}
