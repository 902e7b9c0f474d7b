// One lane of the demo history per center: its own clock (lanes run side by side), the services' context and the hall.
// A visit to a center's hall is a ticket taken at the kiosk, called by a window clerk, served and finished; a window
// case is recorded while its ticket is served and linked to it (once the halls opened: January 1 of this year). Walks of later steps go through performAction.
import type { Calendar, IsoDate } from '../../domain/calendar.js'
import { addWorkingDays } from '../../domain/calendar.js'
import { SettableClock, today } from '../../domain/clock.js'
import { openMinute, toHm, type OpeningHours } from '../../domain/hall-time.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { AppContext } from '../../kernel/context.js'
import { performAction } from '../../features/cases/actions.service.js'
import { AppError } from '../../domain/errors.js'
import { act, callNext } from '../../features/hall/calling.service.js'
import { createHall, type Hall } from '../../features/hall/hall.context.js'
import { createCategory } from '../../features/hall/setup.service.js'
import { issueTicket } from '../../features/hall/tickets.service.js'
import { hallOpens } from './plan.js'
import type { World } from './world.js'

export interface Lane {
  clock: SettableClock; ctx: AppContext; hall: Hall; cal: Calendar; world: World; lastDay: IsoDate; categoryOf: Map<number, number>
  /** The real today: the history takes no tickets from then on, so none can sit in today's real queue or at a real window. */
  realToday: IsoDate
}

const quiet = { info: () => {}, warn: () => {} }

export function makeLane(base: Pick<AppContext, 'db' | 'bus' | 'config'>, cal: Calendar, world: World, lastDay: IsoDate, categoryOf: Map<number, number>, realToday: IsoDate): Lane {
  const clock = new SettableClock('2000-01-01T09:00:00+08:00')
  const ctx = { ...base, clock } as unknown as AppContext
  // The hall's board hub without the bus: history's calls are not announced on today's display boards.
  const hall = createHall({ ...ctx, bus: undefined } as AppContext, quiet)
  return { clock, ctx, hall, cal, world, lastDay, categoryOf, realToday }
}

/** The China time of the `minutes`-th open minute of `day` in the center's hours (past the lunch break; the last open minute at most). */
export function at(day: IsoDate, minutes: number, hours: OpeningHours): string {
  return `${day}T${toHm(openMinute(hours, minutes))}:00+08:00`
}

/** The hours a staff member keeps: their center's (any center's for one whose center was retired). */
const hoursOfActor = (lane: Lane, who: Actor) => lane.world.hours.get(who.centerId) ?? lane.world.hours.values().next().value!

/** Each center's hall gets one ticket category (综合受理, all its windows call it), set up by its manager through the hall service. */
export async function hallCategories(lane: Lane, codes: string[], day: IsoDate): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  lane.clock.set(`${day}T09:00:00+08:00`)
  for (const code of codes) {
    const c = lane.world.centers.get(code)
    if (!c?.manager) continue
    const existing = await lane.ctx.db.selectFrom('hall_categories').select('id').where('center_id', '=', c.id).where('status', '=', 'open').orderBy('position').orderBy('id').executeTakeFirst()
    out.set(c.id, existing?.id ?? (await createCategory(lane.hall, c.manager, { centerId: c.id, prefix: 'A', name: '综合受理' })).id)
  }
  return out
}

/** Before the halls opened (last year) a visit is the case alone, with no ticket; so it is on the real today. */
export const hallOpen = (lane: Lane) => today(lane.clock) >= hallOpens(lane.lastDay) && today(lane.clock) < lane.realToday

const minutes = (lo: number, r: () => number, spread: number) => (lo + Math.floor(r() * spread)) * 60_000

/**
 * One visit: the ticket, the call at the clerk's window, the service (`during`, which may return a case number to
 * link), the finish. The clock moves a few minutes between the steps. Returns the ticket's id and follow token.
 */
export async function visit(lane: Lane, clerk: Actor, centerId: number, r: () => number, during?: () => Promise<string | undefined>) {
  if (!hallOpen(lane)) { await during?.(); return undefined }
  const t = await issueTicket(lane.hall, { centerId, categoryId: lane.categoryOf.get(centerId)! })
  lane.clock.advance(minutes(2, r, 15))
  const called = await callNext(lane.hall, clerk, clerk.windowId!)
  if (!called) throw new Error(`history: ticket ${t.number} was not called`)
  lane.clock.advance(minutes(1, r, 1))
  await act(lane.hall, clerk, called.id, 'start', {})
  const caseNumber = during ? await during() : undefined
  if (caseNumber) await act(lane.hall, clerk, called.id, 'link', { caseNumber })
  lane.clock.advance(minutes(3, r, 12))
  await act(lane.hall, clerk, called.id, 'finish', {})
  return { id: called.id, token: t.token }
}

export type Step = [Actor, string, Record<string, unknown>, number]

/**
 * Case actions in order, each `wait` working days after the one before (0: later the same day), from `day` at
 * `minute`; stops (the case stays open, with its lights) at the first step that would fall after the last day.
 * Whether every step was taken.
 */
/** Steps a refusal does not stop: the case goes on without them. */
const OPTIONAL = new Set(['request_extension', 'extend'])

export async function walk(lane: Lane, caseId: number, day: IsoDate, minute: number, steps: Step[], r: () => number): Promise<boolean> {
  let d = day; let m = minute
  for (const [who, action, body, wait] of steps) {
    if (wait > 0) { d = addWorkingDays(lane.cal, d, wait); m = 20 + Math.floor(r() * 120) } else m += 10 + Math.floor(r() * 20)
    if (d > lane.lastDay) return false
    lane.clock.set(at(d, m, hoursOfActor(lane, who)))
    try {
      await performAction(lane.ctx, who as Actor & { windowId: number | null }, caseId, action as never, body as never)
    } catch (e) {
      // an extension the law leaves no room for is refused (4xx): the case simply runs late
      if (!(e instanceof AppError && OPTIONAL.has(action))) throw e
    }
  }
  return true
}
