// Pure rules of the item catalog: the version lifecycle (draft → published → superseded) as one table,
// time limits (promised ≤ legal) and levels (where an item may be accepted, and when that is a 上报 forward).
import { AppError, type FieldProblem } from './errors.js'
import { LEVEL_RANK, type CenterLevel, type ItemVersionStatus } from './vocabulary.js'

/** Every change of a version's status goes through nextVersionStatus(); 'discard' deletes the draft row. */
export const VERSION_ACTIONS = {
  edit: { from: ['draft'], to: 'draft' },
  publish: { from: ['draft'], to: 'published' },
  supersede: { from: ['published'], to: 'superseded' },
  discard: { from: ['draft'], to: 'discarded' },
} as const satisfies Record<string, { from: readonly ItemVersionStatus[]; to: ItemVersionStatus | 'discarded' }>

export type VersionAction = keyof typeof VERSION_ACTIONS

export class InvalidVersionTransitionError extends AppError {
  constructor(readonly status: ItemVersionStatus, readonly action: VersionAction) {
    super('conflict', 'invalid_transition', `事项版本状态为 ${status}，不能执行 ${action}`, { status, action })
  }
}

export function canTransition(status: ItemVersionStatus, action: VersionAction): boolean {
  return (VERSION_ACTIONS[action].from as readonly ItemVersionStatus[]).includes(status)
}

export function nextVersionStatus(status: ItemVersionStatus, action: VersionAction): ItemVersionStatus | 'discarded' {
  if (!canTransition(status, action)) throw new InvalidVersionTransitionError(status, action)
  return VERSION_ACTIONS[action].to
}

export interface VersionRef { version: number; status: ItemVersionStatus }

/**
 * What an edit does: a draft is updated in place; otherwise a new draft is made with the next number,
 * copying the published version (the caller fills in what the edit does not give).
 */
export function draftPlan(versions: readonly VersionRef[]):
  { kind: 'update'; version: number } | { kind: 'create'; version: number; copyFrom: number | null } {
  const draft = versions.find((v) => v.status === 'draft')
  if (draft) {
    nextVersionStatus(draft.status, 'edit')
    return { kind: 'update', version: draft.version }
  }
  const published = versions.find((v) => v.status === 'published')
  const max = versions.reduce((m, v) => Math.max(m, v.version), 0)
  return { kind: 'create', version: max + 1, copyFrom: published?.version ?? null }
}

/** The status changes of a publish: the draft becomes published, the published one (if any) superseded. */
export function publishPlan(versions: readonly VersionRef[]): { publish: number; supersede: number | null } | undefined {
  const draft = versions.find((v) => v.status === 'draft')
  if (!draft) return undefined
  nextVersionStatus(draft.status, 'publish')
  const published = versions.find((v) => v.status === 'published')
  if (published) nextVersionStatus(published.status, 'supersede')
  return { publish: draft.version, supersede: published?.version ?? null }
}

export interface ItemLimits {
  legalDays: number
  promisedDays: number
  acceptLevel: CenterLevel
  decideLevel: CenterLevel
  stepLimits?: readonly { step: string; days: number }[]
}

/** Field problems of an item's time limits and levels; `prefix` is e.g. 'body'. */
export function checkItemLimits(v: ItemLimits, prefix = 'body'): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (v.promisedDays > v.legalDays) {
    problems.push({ field: `${prefix}.promisedDays`, message: `承诺办结时限 (${v.promisedDays}) 不能超过法定办结时限 (${v.legalDays})` })
  }
  if (LEVEL_RANK[v.decideLevel] < LEVEL_RANK[v.acceptLevel]) {
    problems.push({ field: `${prefix}.decideLevel`, message: '审批层级不能低于受理层级' })
  }
  ;(v.stepLimits ?? []).forEach((s, i) => {
    if (s.days > v.legalDays) problems.push({ field: `${prefix}.stepLimits.${i}.days`, message: '环节时限不能超过法定办结时限' })
  })
  return problems
}

export type OfferingKind = 'direct' | 'forward' | 'not_allowed'

/**
 * May a center of `centerLevel` accept the item? Below the accept level: no. Below the decide level:
 * yes, as a 上报 (forward) offering (e.g. a town accepting a district-decided item). Otherwise directly.
 */
export function offeringKind(item: Pick<ItemLimits, 'acceptLevel' | 'decideLevel'>, centerLevel: CenterLevel): OfferingKind {
  const rank = LEVEL_RANK[centerLevel]
  if (rank < LEVEL_RANK[item.acceptLevel]) return 'not_allowed'
  if (rank < LEVEL_RANK[item.decideLevel]) return 'forward'
  return 'direct'
}
