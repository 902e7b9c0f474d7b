// 办理进度查询: a citizen's view of a case by number + query code. No personal data beyond a masked name; each
// event says what happened in words a citizen understands and where, never a staff member's internal opinion.
// Answers are kept per case and checked against the case's stamp on every lookup.
import crypto from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { Calendar, IsoDate } from '../../domain/calendar.js'
import { errors } from '../../domain/errors.js'
import type { AppContext } from '../../kernel/context.js'
import { calendarCache } from '../calendar/calendar.service.js'
import { chinaDate } from '../../domain/clock.js'
import * as repo from '../cases/cases.repository.js'
import { maskName, toCase } from '../cases/cases.view.js'
import { progressTrust } from './progress-trust.js'

/** What the public sees of each action; the data that is the applicant's own business (missing list, extension reason, tracking number) is added. */
const PUBLIC_TEXT: Record<string, string> = {
  accept: '已受理', correct: '需补正材料（一次性告知）', supplement: '材料已补齐，已受理', refuse: '不予受理',
  advance: '审查环节已完成', sign: '协办部门已会签', forward: '已上报上级部门', receive: '上级部门已接收',
  approve: '准予许可', deny: '不予许可', answer: '已作出书面答复', suspend: '暂停计时（特别程序或补正）', resume: '恢复计时',
  request_extension: '', extend: '延长办理期限', handover: '材料已交接', deliver: '办理结果已送达', pickup: '申请人已领取，办结',
  hand_in: '容缺材料已补交', lapse_suspend: '承诺期限内未补交材料，暂停办理', lapse_close: '承诺期限内未补交材料',
}

function publicNote(action: string, note: string, data: Record<string, unknown>): string {
  const base = PUBLIC_TEXT[action] ?? ''
  if (action === 'correct') return `${base}：${(data.missing as { name: string }[] | undefined)?.map((m) => m.name).join('、') ?? ''}`
  // the decision in the item's own words (予以确认, 不予给付 …; events before the wording was kept say 准予许可 / 不予许可)
  const wording = typeof data.wording === 'string' && data.wording ? data.wording : base
  if (action === 'approve') return wording
  if (action === 'deny') return `${wording}：${note}`
  if (action === 'refuse' || action === 'lapse_close' || action === 'hand_in') return `${base}：${note}`
  const promise = data.commitment as { dueDate: string; materials: string[] } | undefined
  if (action === 'accept' && promise) return `${base}（容缺受理：${promise.materials.join('、')} 须于 ${promise.dueDate} 前补交）`
  if (action === 'extend') return `${base} ${String(data.days)} ${data.unit === 'calendar' ? '日' : '个工作日'}：${String(data.reason ?? '')}`
  if (action === 'deliver' && data.method === 'mail') return `${base}（邮寄，单号 ${String(data.trackingNumber)}）`
  // Each hop of the way, up and back down, names the centers: the applicant sees where the papers and the result are.
  if (action === 'deliver' && typeof data.centerName === 'string') {
    return typeof data.firstHopName === 'string' && data.firstHopName !== data.centerName
      ? `办理结果已送出：${String(data.fromCenterName ?? '')} → ${data.firstHopName}，送往${data.centerName}领取` : `${base}：${data.centerName}，可领取`
  }
  if (action === 'handover' && typeof data.toCenterName === 'string') {
    const hop = `${String(data.fromCenterName ?? '')} → ${data.toCenterName}`
    return data.direction === 'down' ? `办理结果已交接：${hop}${data.ready ? '，可领取' : ''}` : `材料已交接：${hop}`
  }
  return base
}

export function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase()); const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

type CaseWithEvents = NonNullable<Awaited<ReturnType<typeof repo.findCaseWithEventsByNumber>>>
export type ProgressOut = ReturnType<typeof buildProgress>

/** 容缺: what the applicant promised to hand in and by when, and whether it is done (a hand-in that closed it). */
function commitmentOf(events: CaseWithEvents['events']) {
  const data = (e: CaseWithEvents['events'][number]) => (e.data ?? {}) as Record<string, unknown>
  const promise = events.map((e) => data(e).commitment as { dueDate: string; materials: string[] } | undefined).filter((x) => x !== undefined).at(-1)
  if (!promise) return {}
  const done = events.some((e) => e.action === 'hand_in' && data(e).closed === true)
  return { commitment: { dueDate: promise.dueDate, materials: promise.materials, done } }
}

/** The answer as of `today` on `cal`: the same day and calendar the cached entry is keyed by. */
export function buildProgress(row: CaseWithEvents, cal: Calendar, today: IsoDate) {
  const { events } = row
  const c = toCase(cal, row, today)
  return {
    number: row.number, itemName: row.itemName, status: row.status, acceptedAt: row.acceptedAt, dueDate: c.dueDate,
    applicantName: maskName(row.applicantName), suspended: c.suspended, light: c.light,
    ...commitmentOf(events),
    events: events.filter((e) => PUBLIC_TEXT[e.action] !== '').map((e) => ({
      at: new Date(e.at), action: e.action, status: e.to, centerName: e.centerName, note: publicNote(e.action, e.note, (e.data ?? {}) as Record<string, unknown>),
    })),
  }
}

/** A built answer and what it was built from: the case's version and last event, the day (for the light) and the
 * calendar; `checked` is when (and after which announcement) the stamp was last read and found the same. */
interface Entry { caseId: number; queryCode: string; stamp: string; calendar: Calendar; checked: { seq: number; at: number }; answer: Promise<{ etag: string; body: string }> }
const MAX_ENTRIES = 10_000
const answers = new WeakMap<object, Map<string, Entry>>()

/**
 * The progress answer by number + query code as JSON text with its ETag. The answer is built once and kept until the
 * case's stamp, the day or the calendar changes. Whether it changed is read from the database (one indexed read)
 * unless the stamp was read less than a second ago and no event of the case has been announced since
 * (progress-trust.ts), so it is never older than what this process acknowledged, nor than what any process committed
 * more than a notification's delay ago. A case with no kept answer is read whole at once (its stamp comes with it).
 * `serialize` is the route's own serializer.
 */
export async function progress(ctx: Pick<AppContext, 'db' | 'clock' | 'bus'>, number: string, code: string, serialize: (v: ProgressOut) => string) {
  const trust = progressTrust(ctx.bus)
  let byNumber = answers.get(ctx.db)
  if (!byNumber) answers.set(ctx.db, (byNumber = new Map()))
  const calendar = await calendarCache(ctx).get()
  const today = chinaDate(ctx.clock.now())
  const kept = byNumber.get(number)
  if (kept && kept.calendar === calendar && kept.stamp.endsWith(`/${today}`) && trust.trusted(kept.caseId, kept.checked)) {
    if (!sameCode(code, kept.queryCode)) throw errors.notFound('办件（编号与查询码不匹配）')
    return kept.answer
  }
  const checked = trust.mark()
  if (kept) {
    const stamp = await repo.findProgressStamp(ctx.db as Db, number)
    if (!stamp || !sameCode(code, stamp.queryCode)) throw errors.notFound('办件（编号与查询码不匹配）')
    const hit = byNumber.get(number)
    if (hit && hit.stamp === `${stamp.version}/${stamp.lastEventId ?? 0}/${today}` && hit.calendar === calendar) { hit.checked = checked; return hit.answer }
  }
  const row = await repo.findCaseWithEventsByNumber(ctx.db as Db, number)
  if (!row || !sameCode(code, row.queryCode)) throw errors.notFound('办件（编号与查询码不匹配）')
  const lastEventId = row.events.reduce((m, e) => Math.max(m, Number(e.id)), 0)
  const body = serialize(buildProgress(row, calendar, today))
  const answer = Promise.resolve({ body, etag: '"' + crypto.createHash('sha1').update(body).digest('base64url') + '"' })
  if (byNumber.size >= MAX_ENTRIES) byNumber.clear()
  byNumber.set(number, { caseId: row.id, queryCode: row.queryCode, stamp: `${row.version}/${lastEventId}/${today}`, calendar, checked, answer })
  return answer
}
