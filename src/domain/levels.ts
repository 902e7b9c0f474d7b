// Cases across the levels, pure: which centers are on a case's chain (its origin's path: village → town → district),
// the next center toward a destination, and the due dates of a forward (上报) and of an agency hop (代办交接).
import { addWorkingDays, type Calendar, type IsoDate } from './calendar.js'

/** Local practice, configurable per center (level_rules): 上报 the next working day; village → town within 3. */
export const DEFAULT_FORWARD_DAYS = 1
export const DEFAULT_HANDOVER_DAYS = 3

export interface LevelRule { forwardDays: number; handoverDays: number }
export const DEFAULT_LEVEL_RULE: LevelRule = { forwardDays: DEFAULT_FORWARD_DAYS, handoverDays: DEFAULT_HANDOVER_DAYS }

/** The center ids of a materialized path '/1/3/17/' from the top down: [1, 3, 17]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number)
}

/** A case's chain is its origin center and every center above it; hand-overs stay on it. */
export function onChain(originPath: string, centerId: number): boolean {
  return pathIds(originPath).includes(centerId)
}

/**
 * The next center from `fromPath` toward `toPath` along the tree: one level down when the destination lies below,
 * one level up otherwise. Undefined when they are the same center.
 */
export function nextCenterToward(fromPath: string, toPath: string): number | undefined {
  if (fromPath === toPath) return undefined
  const from = pathIds(fromPath)
  const to = pathIds(toPath)
  if (toPath.startsWith(fromPath)) return to[from.length]
  return from[from.length - 2]
}

/** Due date of a forward sent on `sentOn`: the rule's working days later (0: the same day). */
export function forwardDue(cal: Calendar, sentOn: IsoDate, rule: LevelRule): IsoDate {
  return rule.forwardDays === 0 ? sentOn : addWorkingDays(cal, sentOn, rule.forwardDays)
}

/** Due date of an agency hop opened on `openedOn`: within the rule's working days, urgent ones the same day. */
export function hopDue(cal: Calendar, openedOn: IsoDate, rule: LevelRule, urgent: boolean): IsoDate {
  return urgent || rule.handoverDays === 0 ? openedOn : addWorkingDays(cal, openedOn, rule.handoverDays)
}

/** A hop or a forward done after its due date is late: a red step, even when the case itself is on time. */
export function isLate(doneOn: IsoDate, due: IsoDate | null): boolean {
  return due !== null && doneOn > due
}
