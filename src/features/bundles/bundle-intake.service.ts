// 一件事一次办 intake: ONE request (one requestId) opens one linked case per item of the bundle, each with its own
// number, department, limit and steps, plus the bundle's own number and query code, all in one transaction: a part
// failing its checks (named in the 400) leaves nothing written. One one-time notice merges what every part misses.
import { AppError, errors, type FieldProblem } from '../../domain/errors.js'
import { assertCovers, type Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { shareCalendarCache } from '../calendar/calendar.service.js'
import { nextCaseNumber } from '../cases/cases.repository.js'
import type { CaseOut } from '../cases/cases.view.js'
import { findCenter } from '../cases/intake.repository.js'
import { canSee, intake, queryCode, requestHash, type IntakeBody } from '../cases/intake.service.js'
import { getCaseRow } from '../cases/query.service.js'
import { chinaDate } from '../../domain/clock.js'
import * as repo from './bundles.repository.js'
import { itemProblems } from './bundles.service.js'

export interface BundleIntakeBody {
  requestId: string
  centerId: number
  windowId?: number
  applicant: IntakeBody['applicant']
  fields?: Record<string, string>
  /** The merged list: each material once, by name. */
  materials: { name: string; received: boolean; problem?: string }[]
  commitment?: { materials: string[]; dueDate?: string }
  channel?: IntakeBody['channel']
}

/** A part's problems, named by its item, under body.parts.N (the part's own fields) or the shared field they came from. */
function partError(e: unknown, i: number, itemName: string): never {
  if (!(e instanceof AppError) || e.kind !== 'invalid') throw e
  const details = Array.isArray(e.details) ? (e.details as FieldProblem[]) : []
  const named = details.map((d) => ({ field: d.field.replace(/^body\./, `body.parts.${i}.`), message: `【${itemName}】${d.message}` }))
  throw new AppError('invalid', e.code, `【${itemName}】${e.message}`, named.length ? named : [{ field: `body.parts.${i}`, message: `【${itemName}】${e.message}` }])
}

export interface BundleReceipt {
  bundle: { id: number; number: string; queryCode: string; name: string }
  parts: CaseOut[]
  missing: { name: string; items: string[]; problem: string | null }[]
}

/** The receipt of the parts as read now (each with its 容缺 commitment), or as the intake just wrote them (`written`). */
async function receipt(ctx: AppContext, actor: Actor, bc: { id: number; number: string; queryCode: string }, name: string, written?: CaseOut[]): Promise<BundleReceipt> {
  const parts = written ?? await Promise.all((await repo.partIds(ctx.db, bc.id)).map((p) => getCaseRow(ctx, actor, p.id, { commitment: true })))
  const missing = new Map<string, { name: string; items: string[]; problem: string | null }>()
  for (const p of parts) for (const m of (p.missing ?? []) as { name: string; problem?: string | null }[]) {
    const e = missing.get(m.name) ?? { name: m.name, items: [] as string[], problem: m.problem ?? null }
    e.items.push(p.itemName)
    missing.set(m.name, e)
  }
  return { bundle: { id: bc.id, number: bc.number, queryCode: bc.queryCode, name }, parts, missing: [...missing.values()] }
}

/** A bundle case's receipt (一件事受理回执) again: for the window's page and its print; staff whose jurisdiction covers it. */
export async function bundleCaseReceipt(ctx: AppContext, actor: Actor, id: number) {
  const bc = await repo.findBundleCase(ctx.db, id)
  if (!bc || !canSee(actor, bc.originPath)) throw errors.notFound('一件事办件', id)
  const form = (bc.form ?? {}) as Record<string, string>
  const fields = (bc.fields ?? []).filter((f) => form[f.key] !== undefined).map((f) => ({ label: f.label, value: form[f.key] })) // in the bundle's order
  return { ...(await receipt(ctx, actor, bc, bc.name)), fields }
}

export async function bundleIntake(ctx: AppContext, actor: Actor, bundleId: number, body: BundleIntakeBody): Promise<{ created: boolean; receipt: BundleReceipt }> {
  const bundle = await repo.findBundle(ctx.db, bundleId)
  if (!bundle || bundle.status !== 'active') throw errors.notFound('一件事', bundleId)
  const hash = requestHash({ bundleId, ...body })
  const seen = await repo.findBundleCaseByRequest(ctx.db, actor.userId, body.requestId)
  if (seen) {
    if (seen.requestHash !== hash) throw errors.conflict('request_id_reused', '此 requestId 已用于另一份不同的申请', { number: seen.number })
    return { created: false, receipt: await receipt(ctx, actor, seen, bundle.name) }
  }
  const center = await findCenter(ctx.db, body.centerId)
  if (!center || center.status !== 'active') throw errors.validation([{ field: 'body.centerId', message: `服务中心 ${body.centerId} 不存在或已撤销` }])
  assertCovers(actor, center.path)
  const items = await repo.publishedItems(ctx.db, bundle.itemIds ?? [], center.id)
  const ordered = (bundle.itemIds ?? []).map((id) => items.find((x) => x.id === id)!)
  const notOffered = itemProblems(items, bundle.itemIds ?? [], center.name, 'bundle.items')
  if (notOffered.length) throw errors.invalid('items_not_offered', notOffered.map((p) => p.message).join('；'), notOffered)
  const problems: FieldProblem[] = []
  for (const f of bundle.fields ?? []) if (f.required && !body.fields?.[f.key]?.trim()) problems.push({ field: `body.fields.${f.key}`, message: `请填写${f.label}` })
  const names = new Set(ordered.flatMap((it) => it.materials.map((m) => m.name)))
  body.materials.forEach((m, i) => { if (!names.has(m.name)) problems.push({ field: `body.materials.${i}.name`, message: `“${m.name}”不是此一件事的申请材料` }) })
  body.commitment?.materials.forEach((n, i) => { if (!names.has(n)) problems.push({ field: `body.commitment.materials.${i}`, message: `“${n}”不是此一件事的申请材料` }) })
  if (problems.length) throw errors.validation(problems)

  const tick = new Map(body.materials.map((m) => [m.name, m]))
  const deferred = new Set(body.commitment?.materials ?? [])
  const partBody = (it: repo.PublishedItem, i: number): IntakeBody => {
    const ids = it.materials.filter((m) => deferred.has(m.name)).map((m) => m.id)
    return {
      requestId: `${body.requestId}.${i + 1}`, itemId: it.id, centerId: center.id, windowId: body.windowId, applicant: body.applicant,
      materials: it.materials.map((m) => ({ materialId: m.id, received: tick.get(m.name)?.received ?? false, ...(tick.get(m.name)?.problem ? { problem: tick.get(m.name)!.problem } : {}) })),
      ...(ids.length ? { commitment: { materialIds: ids, ...(body.commitment?.dueDate ? { dueDate: body.commitment.dueDate } : {}) } } : {}),
      ...(body.channel ? { channel: body.channel } : {}),
    }
  }
  const now = ctx.clock.now()
  const made = await ctx.db.transaction().execute(async (trx) => {
    shareCalendarCache(ctx, trx)
    const bc = await repo.insertBundleCaseOnce(trx, {
      bundleId, number: nextCaseNumber(`${center.code}-${chinaDate(now).slice(0, 4)}-B`), queryCode: queryCode(), requestId: body.requestId, requestHash: hash,
      by: actor.userId, centerId: center.id, originPath: center.path, applicantName: body.applicant.name.trim(), form: body.fields ?? {}, at: now,
    })
    if (!bc) return undefined // the same request at the same moment: answered below from what it wrote
    const tctx: AppContext = { ...ctx, db: trx }
    const parts: CaseOut[] = []
    for (const [i, it] of ordered.entries()) {
      try {
        parts.push((await intake(tctx, actor, partBody(it, i))).case)
      } catch (e) { partError(e, i, it.name ?? String(it.id)) }
    }
    await repo.linkParts(trx, bc.id, parts.map((p) => p.id))
    return { ...bc, parts }
  })
  if (!made) return bundleIntake(ctx, actor, bundleId, body)
  // The parts as just written; with 容缺, read again for each part's commitment (the intake's answer has none).
  return { created: true, receipt: await receipt(ctx, actor, made, bundle.name, body.commitment ? undefined : made.parts) }
}
