// Demo history from January 1 of last year to today, made through the same services as real use: hall tickets
// (taken, called, served, linked to the case), intake and case actions (即办, promised cases walked through their
// department, 上报 to the district, village agency with its hops up and back down, second trips after a correction),
// ratings of cases and of served tickets, bad-rating follow-ups; at the district center 容缺 and 一件事 intakes
// (fewer-trips.ts). The time comes from a clock the generator sets, one per center: the centers' lanes run side by
// side, day by day, and a restart resumes after the last day all finished.
import { isWorkday, type IsoDate } from '../../domain/calendar.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { calendarCache } from '../../features/calendar/calendar.service.js'
import { intake } from '../../features/cases/intake.service.js'
import { performAction } from '../../features/cases/actions.service.js'
import { plugLevels } from '../../features/levels/levels.plug.js'
import { plugProxies } from '../../features/proxies/proxies.plug.js'
import { openLength } from '../../domain/hall-time.js'
import { casesOnDay, CORRECTION_SHARE, daysBetween, FORWARD_SHARE, hallOpens, MONTHLY, monthlyCount, monthlyEnquiries, REFUSE_SHARE, seedDate, seeded, VILLAGE_MONTHLY, visitTimes, FEWER_TRIPS_MONTHLY } from './plan.js'
import { bundleCase, deferralCase } from './fewer-trips.js'
import { maybeRate, maybeRateTicket } from './rate.js'
import { at, hallCategories, makeLane, visit, walk, type Lane, type Step } from './visits.js'
import { loadWorld, type HistoryCenter, type HistoryItem } from './world.js'
import { applicant, made, promisedSteps, span } from './case-parts.js'
import { closeLeftoverTickets } from './leftovers.js'
import { historyStatus } from '../../features/reports/demo-history.repository.js'
import { dbFault } from '../../db/faults.js'
import { asyncCommitDb } from '../../db/database.js'
import { systemClock, today } from '../../domain/clock.js'

type Ctx = Pick<AppContext, 'db' | 'bus' | 'config'>
interface Log { info(m: string): void; warn(m: string): void }

/**
 * npm start's hook: after the demo district is loaded (or when a restart finds the history unfinished), generate
 * it in the background with a progress line; `stop()` lets shutdown wait for the day in progress.
 */
export function startHistory(base: Ctx, log: Log, opts: { justLoaded: boolean; today: IsoDate; writable?: () => boolean; retryMs?: number }) {
  const ctl = new AbortController()
  const writable = opts.writable ?? (() => true)
  const pause = (ms: number) => new Promise<void>((r) => { const t = setTimeout(r, ms); ctl.signal.addEventListener('abort', () => { clearTimeout(t); r() }, { once: true }) })
  const done = (async () => {
    if (opts.justLoaded) await planHistory(base.db, opts.today)
    const s = await historyStatus(base.db)
    if (!s || s.status === 'done') return
    log.info(`演示历史将在后台生成 generating demo history ${s.from} … ${s.to} in the background`)
    // The database away or its disk under the floor: stop at the next visit, wait, go on from the last finished day.
    while (!ctl.signal.aborted) {
      if (!writable()) { await pause(opts.retryMs ?? 10_000); continue }
      const run = new AbortController()
      const onAbort = () => run.abort()
      ctl.signal.addEventListener('abort', onAbort, { once: true })
      const watch = setInterval(() => { if (!writable()) run.abort() }, 2000)
      try {
        await generateHistory(base, log, run.signal)
        if (!run.signal.aborted) return
      } catch (e) {
        if (ctl.signal.aborted) return
        if (!dbFault(e)) throw e
        log.warn(`演示历史暂停 demo history paused (database unavailable): ${(e as Error).message}; retrying`)
        await pause(opts.retryMs ?? 10_000)
      } finally { clearInterval(watch); ctl.signal.removeEventListener('abort', onAbort) }
    }
  })().catch((e: Error) => { if (!ctl.signal.aborted) log.warn(`演示历史生成失败 demo history failed: ${e.message}`) })
  return { stop: async () => { ctl.abort(); await done } }
}

/** Mark the history as wanted (called right after the demo district is loaded). */
export async function planHistory(db: Ctx['db'], today: IsoDate): Promise<void> {
  const from = `${Number(today.slice(0, 4)) - 1}-01-01`
  await db.insertInto('demo_history').values({ id: 1, from_date: from, to_date: today, through: '1900-01-01', status: 'running', updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doNothing()).execute()
}

/** The history's progress, read where the report reads it (src/features/reports); the demo's tests read it here. */
export { historyStatus }

function monthEnd(day: IsoDate): IsoDate {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

export async function generateHistory(given: Ctx, log: Log, signal?: AbortSignal, realToday: IsoDate = today(systemClock)): Promise<void> {
  plugLevels() // the cross-level actions and the agency intake, as the composition root plugs them into cases
  plugProxies()
  const state = await historyStatus(given.db)
  if (!state || state.status === 'done') return
  // Its own connections, one per lane, committing without waiting for the disk: a crash loses the last moments'
  // commits in order, as a kill -9 a moment earlier would, and the resume redoes the day (measured 1.1× on the full
  // history, 1.4× on the one-month test: the rest is CPU on a 2-core machine).
  const fast = asyncCommitDb(given.db, Object.keys(MONTHLY).length + 1)
  try {
    await generate(fast ? { ...given, db: fast.db } : given, log, state, signal, realToday)
  } finally { await fast?.close().catch(() => undefined) }
}

async function generate(base: Ctx, log: Log, state: NonNullable<Awaited<ReturnType<typeof historyStatus>>>, signal: AbortSignal | undefined, realToday: IsoDate) {
  // A run stopped between a visit's steps (kill -9) left its ticket open: close it, or its window stays busy for good.
  const closed = await closeLeftoverTickets(base.db, state.from, realToday)
  if (closed) log.warn(`演示历史: 关闭上次中断留下的 ${closed} 张票号 (closed ${closed} tickets a stopped run left open)`)
  const cal = await calendarCache(base as AppContext).get()
  const world = await loadWorld(base.db)
  const codes = Object.keys(MONTHLY).filter((c) => world.centers.get(c)?.clerks.length)
  const setup = makeLane(base, cal, world, state.to, new Map(), realToday)
  const categoryOf = await hallCategories(setup, codes, hallOpens(state.to) > state.from ? hallOpens(state.to) : state.from)
  const lanes = new Map(codes.map((c) => [c, makeLane(base, cal, world, state.to, categoryOf, realToday)]))
  // A month's count is spread over all its working days, so a range that ends mid-month gets only its share.
  const monthDays = new Map<string, IsoDate[]>()
  for (const d of daysBetween(`${state.from.slice(0, 7)}-01`, monthEnd(state.to))) if (isWorkday(cal, d)) monthDays.set(d.slice(0, 7), [...(monthDays.get(d.slice(0, 7)) ?? []), d])
  // Each center's lane runs through the days on its own; `through` is the day every lane has finished.
  const days = daysBetween(state.from, state.to).filter((d) => d > state.through && isWorkday(cal, d))
  const done = new Map(codes.map((c) => [c, state.through]))
  let saved = state.through
  let made = 0
  await Promise.all(codes.map(async (code) => {
    for (const day of days) {
      if (signal?.aborted) return
      const month = monthDays.get(day.slice(0, 7))!
      const n = await centerDay(lanes.get(code)!, world.centers.get(code)!, day, month.indexOf(day), month.length, signal)
      made += n // after the await: lanes add concurrently
      if (signal?.aborted) return
      done.set(code, day)
      const low = [...done.values()].sort()[0]
      if (low > saved) {
        if (low.slice(0, 7) !== saved.slice(0, 7)) log.info(`演示历史生成中 demo history: ${low.slice(0, 7)} (${made} cases so far)`)
        saved = low
        await base.db.updateTable('demo_history').set({ through: low, updated_at: new Date() }).where('id', '=', 1).where('through', '<', low).execute()
      }
    }
  }))
  if (signal?.aborted) return
  await base.db.updateTable('demo_history').set({ status: 'done', updated_at: new Date() }).where('id', '=', 1).execute()
  log.info(`演示历史已生成 demo history done: ${made} cases ${state.from} … ${state.to}`)
}

/** A center's day: its window cases and enquiries in the order of their tickets, then (towns) its villages' agency cases. */
async function centerDay(lane: Lane, center: HistoryCenter, day: IsoDate, k: number, workdays: number, signal?: AbortSignal): Promise<number> {
  if (center.foundedOn && day < center.foundedOn) return 0 // the district center opened in May of last year
  const thisYear = Number(seedDate(lane.lastDay).slice(0, 4))
  const n = casesOnDay(monthlyCount(center.code, day, thisYear), k, workdays)
  // A day redone after a restart skips its enquiries when the hall already has tickets that day (no case to recognise them by).
  const redone = await lane.ctx.db.selectFrom('tickets').select('id').where('center_id', '=', center.id).where('day', '=', day).executeTakeFirst()
  const e = redone || day < hallOpens(lane.lastDay) ? 0 : casesOnDay(monthlyEnquiries(center.code, day, thisYear), k, workdays)
  // the district center's 容缺 and 一件事 intakes, on top of its window cases (FEWER_TRIPS_MONTHLY)
  const extra = FEWER_TRIPS_MONTHLY[center.code]
  const nd = extra ? casesOnDay(extra.deferral, k, workdays) : 0
  const nb = extra ? casesOnDay(extra.bundle, k, workdays) : 0
  const kinds = [...Array<'case'>(n).fill('case'), ...Array<'enquiry'>(e).fill('enquiry'), ...Array<'deferral'>(nd).fill('deferral'), ...Array<'bundle'>(nb).fill('bundle')]
  const r = seeded(day, `${center.code}-day`)
  const times = visitTimes(r, kinds.length, openLength(center.hours) - 30) // half an hour before closing, the last ticket
  for (let i = kinds.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [kinds[i], kinds[j]] = [kinds[j], kinds[i]] }
  let made = 0; let c = 0; let q = 0; let d = 0; let b = 0
  for (let i = 0; i < kinds.length; i++) {
    if (signal?.aborted) return made
    if (kinds[i] === 'case') { const key = `${center.code}-${c++}`; made += await windowCase(lane, center, day, times[i], key, seeded(day, key)) } else if (kinds[i] === 'deferral') {
      const key = `${center.code}-d${d++}`
      made += await deferralCase(lane, center, day, times[i], key, seeded(day, key))
    } else if (kinds[i] === 'bundle') {
      const key = `${center.code}-b${b++}`
      made += await bundleCase(lane, center, day, times[i], key, seeded(day, key))
    } else {
      const key = `${center.code}-q${q++}`
      await enquiry(lane, center, day, times[i], seeded(day, key))
    }
  }
  if (center.code !== 'D01') {
    for (let i = 0; i < casesOnDay(VILLAGE_MONTHLY, k, workdays); i++) {
      if (signal?.aborted) return made
      const key = `${center.code}-v${i}`
      made += await agencyCase(lane, center, day, key, seeded(day, key))
    }
  }
  return made
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]

async function record(lane: Lane, actor: Actor, center: HistoryCenter, item: HistoryItem, requestId: string, r: () => number, o: { complete?: boolean; missingFirst?: boolean; agency?: boolean }) {
  return intake(lane.ctx, actor, {
    requestId, itemId: item.id, centerId: center.id, applicant: applicant(r),
    materials: item.materials.map((materialId, i) => ({ materialId, received: !(o.missingFirst && i === 0) })),
    ...(o.complete ? { complete: true as const } : {}), ...(o.agency ? { agency: { authorization: true as const } } : {}),
  })
}

const all = (item: HistoryItem) => item.materials.map((materialId) => ({ materialId, received: true }))

/** An enquiry: a ticket served at a window with no case; a few applicants rate the service from the ticket page. */
async function enquiry(lane: Lane, center: HistoryCenter, day: IsoDate, minute: number, r: () => number) {
  const clerk = pick(center.clerks, r)
  lane.clock.set(at(day, minute, center.hours))
  const t = await visit(lane, clerk, center.id, r)
  if (t) await maybeRateTicket(lane, center, t, r)
}

/**
 * A window case: the applicant's ticket is called, the clerk records the case while serving it and links it. 即办
 * closes on the spot; a promised case is walked through its department; a 上报 case goes up to the district and its
 * result comes back for pick-up; a missing material brings the applicant back for a second ticket the same day.
 */
async function windowCase(lane: Lane, center: HistoryCenter, day: IsoDate, minute: number, key: string, r: () => number): Promise<number> {
  const requestId = `hist-${day}-${key}`
  const clerk = pick(center.clerks, r)
  if (await made(lane, clerk, requestId)) return 0 // made before a restart: its day is being redone
  const { world } = lane
  const immediate = center.items.filter((i) => i.kind === 'immediate')
  const approverOf = (i: HistoryItem) => world.approvers.get(i.departmentId) ?? center.approver
  const promised = center.items.filter((i) => i.kind === 'promised' && approverOf(i))
  const forward = center.code === 'D01' ? [] : center.items.filter((i) => i.kind === 'forward' && world.approvers.has(i.departmentId))
  const how = forward.length && r() < FORWARD_SHARE ? 'forward' : promised.length && r() < 0.35 ? 'promised' : 'immediate'
  const item = how === 'forward' ? pick(forward, r) : how === 'promised' ? pick(promised, r) : pick(immediate.length ? immediate : center.items, r)
  const missing = r() < CORRECTION_SHARE
  lane.clock.set(at(day, minute, center.hours))
  let c!: Awaited<ReturnType<typeof record>>['case']
  await visit(lane, clerk, center.id, r, async () => {
    c = (await record(lane, clerk, center, item, requestId, r, { complete: item.kind === 'immediate' && !missing, missingFirst: missing })).case
    return c.number
  })
  let m = minute + 20
  if (c.status === 'correction' && r() < REFUSE_SHARE) {
    // the applicant never brings the missing material: refused (不予受理) two working days later
    await walk(lane, c.id, day, m, [[clerk, 'refuse', { reason: '申请人未在告知期限内补齐材料' }, 2]], r)
    return 1
  }
  if (c.status === 'correction') {
    // the second trip: the applicant brings what was missing, takes another ticket, the case is accepted
    m = Math.min(minute + 90 + Math.floor(r() * 60), openLength(center.hours) - 10)
    lane.clock.set(at(day, m, center.hours))
    await visit(lane, clerk, center.id, r, async () => {
      await performAction(lane.ctx, clerk, c.id, 'supplement', { materials: all(item) } as never)
      return c.number
    })
    m += 20
    if (item.kind === 'immediate') {
      await walk(lane, c.id, day, m, [[clerk, 'approve', { note: '材料补齐后当场办结' }, 0], [clerk, 'deliver', { method: 'pickup', centerId: center.id }, 0], [clerk, 'pickup', {}, 0]], r)
    }
  }
  const approver = item.kind === 'forward' ? world.approvers.get(item.departmentId) : approverOf(item)
  // separation of duties: a department's second approver takes 审核 (a town's own items allow 同一人连续办理)
  const reviewer = world.reviewers.get(item.departmentId) ?? approver
  if (item.kind === 'forward' && approver) await walk(lane, c.id, day, m, forwardSteps(clerk, approver, reviewer!, center, item, r), r)
  else if (item.kind !== 'immediate' && approver) await walk(lane, c.id, day, m, promisedSteps(clerk, approver, reviewer!, world.heads.get(item.departmentId), center, item, r), r)
  await maybeRate(lane, center, c.id, r)
  return 1
}

/** 上报: the town's preliminary opinion and forward, the district department receives (sometimes late), decides, the result back at the town. */
function forwardSteps(clerk: Actor, approver: Actor, reviewer: Actor, town: HistoryCenter, item: HistoryItem, r: () => number, toRoom?: { id: number; agent: Actor }): Step[] {
  const s = span(item, r).days
  const receive = r() < 0.1 ? 3 + Math.floor(r() * 3) : Math.floor(r() * 2)
  const back: Step[] = toRoom
    ? [[approver, 'deliver', { method: 'pickup', centerId: toRoom.id }, 0], [clerk, 'handover', { toUserId: toRoom.agent.userId }, 1], [toRoom.agent, 'pickup', {}, Math.floor(r() * 3)]]
    : [[approver, 'deliver', { method: 'pickup', centerId: town.id }, 0], [clerk, 'pickup', {}, 1 + Math.floor(r() * 2)]]
  return [
    [clerk, 'forward', { opinion: '材料齐全，初审同意，报区审批' }, 0], [approver, 'receive', {}, receive],
    [reviewer, 'advance', { opinion: '审核通过' }, Math.max(1, s - 1)], [approver, 'approve', { note: '准予' }, 1], ...back,
  ]
}

/**
 * 全程代理 at a village room: the agent records a case the room does not accept itself (with the applicant's
 * authorisation), hands it to the town window (some hops late), the town accepts and forwards it to the district,
 * and the result travels back down to the room where the applicant picks it up.
 */
async function agencyCase(lane: Lane, town: HistoryCenter, day: IsoDate, key: string, r: () => number): Promise<number> {
  const room = pick(town.villages, r)
  const agent = room?.agents[0]
  const items = town.items.filter((i) => i.kind === 'forward' && lane.world.approvers.has(i.departmentId) && !room?.items.some((x) => x.id === i.id))
  if (!room || !agent || !items.length || !town.clerks.length) return 0
  const requestId = `hist-${day}-${key}`
  if (await made(lane, agent, requestId)) return 0
  const item = pick(items, r)
  const clerk = pick(town.clerks, r)
  const approver = lane.world.approvers.get(item.departmentId)!
  const minute = Math.floor(r() * (openLength(room.hours) - 30))
  lane.clock.set(at(day, minute, room.hours))
  const { case: c } = await record(lane, agent, room, item, requestId, r, { agency: true })
  const hop = r() < 0.1 ? 4 + Math.floor(r() * 3) : Math.floor(r() * 3)
  const steps: Step[] = [
    [agent, 'handover', { toCenterId: town.id, materials: all(item) }, hop], [clerk, 'accept', { materials: [] }, 0],
    ...forwardSteps(clerk, approver, lane.world.reviewers.get(item.departmentId) ?? approver, town, item, r, { id: room.id, agent }),
  ]
  await walk(lane, c.id, day, minute, steps, r)
  await maybeRate(lane, town, c.id, r)
  return 1
}
