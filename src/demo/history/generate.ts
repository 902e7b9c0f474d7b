// Demo history from January 1 of last year to today, made through the same services as real use (intake, case
// actions, ratings, follow-ups) with the time taken from a clock the generator sets: never writing report numbers.
// Runs after the server is healthy, day by day, and resumes from the last finished day after a restart.
import { isWorkday, type Calendar, type IsoDate } from '../../domain/calendar.js'
import { SettableClock, today as todayOn } from '../../domain/clock.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../server/app.js'
import { calendarCache } from '../../features/calendar/calendar.service.js'
import { performAction } from '../../features/cases/actions.service.js'
import { intake } from '../../features/cases/intake.service.js'
import { followupAction, submitRating } from '../../features/ratings/ratings.service.js'
import { checkDigit } from '../../domain/id-number.js'
import { casesOnDay, daysBetween, monthlyCount, rng, VILLAGE_MONTHLY, MONTHLY } from './plan.js'
import { loadWorld, type HistoryCenter, type HistoryItem, type World } from './world.js'

type Ctx = Pick<AppContext, 'db' | 'bus' | 'config'>
interface Log { info(m: string): void; warn(m: string): void }

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高何郭马罗梁'
const GIVEN = ['建华', '秀兰', '国强', '丽', '军', '芳', '伟', '敏', '桂英', '志刚', '春梅', '海', '小红', '德明']

/**
 * npm start's hook: after the demo district is loaded (or when a restart finds the history unfinished), generate
 * it in the background with a progress line; `stop()` lets shutdown wait for the day in progress.
 */
export function startHistory(base: Ctx, log: Log, opts: { justLoaded: boolean; today: IsoDate }) {
  const ctl = new AbortController()
  const done = (async () => {
    if (opts.justLoaded) await planHistory(base.db, opts.today)
    const s = await historyStatus(base.db)
    if (!s || s.status === 'done') return
    log.info(`演示历史将在后台生成 generating demo history ${s.from} … ${s.to} in the background`)
    await generateHistory(base, log, ctl.signal)
  })().catch((e: Error) => { if (!ctl.signal.aborted) log.warn(`演示历史生成失败 demo history failed: ${e.message}`) })
  return { stop: async () => { ctl.abort(); await done } }
}

/** Mark the history as wanted (called right after the demo district is loaded). */
export async function planHistory(db: Ctx['db'], today: IsoDate): Promise<void> {
  const from = `${Number(today.slice(0, 4)) - 1}-01-01`
  await db.insertInto('demo_history').values({ id: 1, from_date: from, to_date: today, through: '1900-01-01', status: 'running', updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doNothing()).execute()
}

export async function historyStatus(db: Ctx['db']) {
  return db.selectFrom('demo_history').select(['from_date as from', 'to_date as to', 'through', 'status']).where('id', '=', 1).executeTakeFirst()
}

function monthEnd(day: IsoDate): IsoDate {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

function at(day: IsoDate, minutes: number): string {
  return `${day}T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`
}

export async function generateHistory(base: Ctx, log: Log, signal?: AbortSignal): Promise<void> {
  const state = await historyStatus(base.db)
  if (!state || state.status === 'done') return
  const clock = new SettableClock(at(state.from, 0))
  const ctx = { ...base, clock } as unknown as AppContext
  const cal = await calendarCache(ctx).get()
  const world = await loadWorld(base.db)
  const days = daysBetween(state.from, state.to)
  // A month's count is spread over all its working days, so a range that ends mid-month gets only its share.
  const monthDays = new Map<string, IsoDate[]>()
  for (const d of daysBetween(`${state.from.slice(0, 7)}-01`, monthEnd(state.to))) if (isWorkday(cal, d)) monthDays.set(d.slice(0, 7), [...(monthDays.get(d.slice(0, 7)) ?? []), d])
  const thisYear = Number(state.to.slice(0, 4))
  let made = 0
  for (const day of days) {
    if (signal?.aborted) return
    if (day <= state.through || !isWorkday(cal, day)) continue
    const month = monthDays.get(day.slice(0, 7))!
    const k = month.indexOf(day)
    for (const code of Object.keys(MONTHLY)) {
      if (signal?.aborted) return
      const center = world.centers.get(code)
      if (!center) continue
      const n = casesOnDay(monthlyCount(code, day, thisYear), k, month.length)
      for (let i = 0; i < n; i++) made += await oneCase(ctx, clock, cal, world, center, day, `${code}-${i}`, seeded(day, `${code}-${i}`), state.to)
      if (code !== 'D01') for (let i = 0; i < casesOnDay(VILLAGE_MONTHLY, k, month.length); i++) made += await villageCase(ctx, clock, center, day, `${code}-v${i}`, seeded(day, `${code}-v${i}`))
    }
    await base.db.updateTable('demo_history').set({ through: day, updated_at: new Date() }).where('id', '=', 1).execute()
    if (day.endsWith('-01') || k === 0) log.info(`演示历史生成中 demo history: ${day.slice(0, 7)} (${made} cases so far)`)
  }
  await base.db.updateTable('demo_history').set({ status: 'done', updated_at: new Date() }).where('id', '=', 1).execute()
  log.info(`演示历史已生成 demo history done: ${made} cases ${state.from} … ${state.to}`)
}

/** Each case draws from its own seeded sequence, so a day redone after a restart picks the same clerks and items. */
function seeded(day: IsoDate, key: string): () => number {
  let h = 2166136261
  for (const ch of day + key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return rng(h >>> 0)
}

function applicant(r: () => number, seq: string) {
  const serial = Math.floor(r() * 900) + 100
  const first17 = `42010219${70 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 9)}${serial}`
  return { kind: 'person' as const, name: SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)], idNumber: first17 + checkDigit(first17), phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`, seq }
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]

async function record(ctx: AppContext, actor: Actor, center: HistoryCenter, item: HistoryItem, requestId: string, r: () => number, complete: boolean) {
  const { seq: _s, ...a } = applicant(r, requestId)
  return intake(ctx, actor, {
    requestId, itemId: item.id, centerId: center.id, applicant: a,
    materials: item.materials.map((materialId) => ({ materialId, received: true })), ...(complete ? { complete: true as const } : {}),
  })
}

/** One case at a window: 即办 closed on the spot, or (district) a promised case walked through its department. */
async function oneCase(ctx: AppContext, clock: SettableClock, cal: Calendar, world: World, center: HistoryCenter, day: IsoDate, key: string, r: () => number, lastDay: IsoDate): Promise<number> {
  if (!center.clerks.length) return 0
  const clerk = pick(center.clerks, r)
  const immediate = center.items.filter((i) => i.kind === 'immediate')
  const promised = center.items.filter((i) => i.kind === 'promised' && world.approvers.has(i.departmentId))
  const walk = promised.length > 0 && r() < 0.35
  const item = walk ? pick(promised, r) : pick(immediate.length ? immediate : center.items, r)
  clock.set(at(day, Math.floor(r() * 480)))
  try {
    const { created, case: c } = await record(ctx, clerk, center, item, `hist-${day}-${key}`, r, item.kind === 'immediate')
    if (!created) return 0 // made before a restart: its day is being redone
    if (walk && c.status === 'accepted') await walkPromised(ctx, clock, cal, world, clerk, center, c, item, day, r, lastDay)
    if (c.status === 'closed' || walk) await maybeRate(ctx, clock, world, center, c.id, r, lastDay)
    return 1
  } catch (e) {
    if ((e as { code?: string }).code === 'request_id_reused') return 0
    throw e
  }
}

/** 承办 → 审核 → 批准, delivery and pick-up, spread over the promised days; some late, the newest left open. */
async function walkPromised(ctx: AppContext, clock: SettableClock, cal: Calendar, world: World, clerk: Actor, center: HistoryCenter,
  c: { id: number; dueDate: string | null }, item: HistoryItem, day: IsoDate, r: () => number, lastDay: IsoDate) {
  const approver = world.approvers.get(item.departmentId)!
  const late = r() < 0.08
  const span = Math.max(1, item.promisedDays) + (late ? 2 + Math.floor(r() * 4) : 0)
  const steps: [Actor, string, Record<string, unknown>][] = [
    [approver, 'advance', { opinion: '材料齐全，符合条件' }], [approver, 'advance', { opinion: '审核通过' }], [approver, 'approve', { note: '准予许可' }],
    [clerk, 'deliver', { method: 'pickup', centerId: center.id }], [clerk, 'pickup', {}],
  ]
  let d = day
  for (let s = 0; s < steps.length; s++) {
    const wait = s < 3 ? Math.max(0, Math.round((span * (s + 1)) / 3) - Math.round((span * s) / 3)) : s === 3 ? 0 : 1 + Math.floor(r() * 2)
    d = addWorkdays(cal, d, wait)
    if (d > lastDay) return // still open today: lights
    clock.set(at(d, 60 + s * 30 + Math.floor(r() * 20)))
    const [who, action, body] = steps[s]
    await performAction(ctx, who, c.id, action as never, body as never)
  }
}

function addWorkdays(cal: Calendar, from: IsoDate, n: number): IsoDate {
  let d = from
  for (let left = n; left > 0;) {
    const t = new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10)
    d = t
    if (isWorkday(cal, d)) left -= 1
  }
  return d
}

const SCORES = [5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1] as const

/** A third of the applicants rate; a bad rating's follow-up is walked by the center's manager unless it is recent. */
async function maybeRate(ctx: AppContext, clock: SettableClock, world: World, center: HistoryCenter, caseId: number, r: () => number, lastDay: IsoDate) {
  if (r() > 0.33) return
  const c = await ctx.db.selectFrom('cases').select(['number', 'query_code', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow()
  if (c.status !== 'closed') return
  const score = r() < 0.9 ? pick(SCORES.slice(0, 11), r) : pick([2, 1], r)
  const res = await submitRating(ctx, { number: c.number, code: c.query_code, score, comment: score <= 2 ? pick(['等了很久', '材料要求没说清楚', '跑了两趟'], r) : '', source: r() < 0.5 ? 'pad' : 'progress' })
  if (!res.followupId || !center.manager) return
  const start = clock.now().getTime()
  const steps: [Actor, string, string][] = r() < 0.15
    ? [[center.manager, 'request_review', '申请人误评，已核实'], [world.supervisor, 'set_aside', '复核属实，不计入满意度']]
    : [[center.manager, 'call_back', '已电话回访申请人'], [center.manager, 'fix', '已整改，向窗口人员通报'], [center.manager, 'close', '已向申请人反馈整改情况']]
  for (let i = 0; i < steps.length; i++) {
    const when = new Date(start + (i + 1) * 2 * 86400_000)
    if (todayOn({ now: () => when }) > lastDay) return
    clock.set(when)
    const [who, action, note] = steps[i]
    await followupAction(ctx, who, res.followupId, action as never, note)
  }
}

/** A village agent records a 即办 case in a village room (village coverage); skipped where the room offers none. */
async function villageCase(ctx: AppContext, clock: SettableClock, town: HistoryCenter, day: IsoDate, key: string, r: () => number): Promise<number> {
  const room = pick(town.villages, r)
  const agent = room?.agents[0]
  const item = room?.items.find((i) => i.kind === 'immediate')
  if (!room || !agent || !item) return 0
  clock.set(at(day, Math.floor(r() * 480)))
  try {
    await record(ctx, agent, room, item, `hist-${day}-${key}`, r, false)
    return 1
  } catch (e) {
    if ((e as { code?: string }).code === 'request_id_reused') return 0
    throw e
  }
}
