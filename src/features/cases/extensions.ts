// The registration points through which the features built on cases plug into it at run time, so that cases imports
// none of them: levels gives the whole action table (the case's own handlers with forward, receive, handover, … added)
// and the agency intake (全程代理); proxies gives the standing proxy (委托登记) an agency intake may use. Plugged in
// through plugLevels() and plugProxies() by the composition root (registerFeatureRoutes, src/server/routes.ts) and by
// the demo's history.
import type { Calendar } from '../../domain/calendar.js'
import type { CaseAction, CaseStatus } from '../../domain/case-status.js'
import type { FieldProblem } from '../../domain/errors.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { Db } from '../../db/database.js'
import type { ActionBody, ActionState, Handled } from './action-state.js'
import type { EventRow } from './cases.repository.js'

export type ActionTable = Record<CaseAction, (s: ActionState, b: ActionBody) => Promise<Handled>>

export interface Agency { urgent: boolean; problems: FieldProblem[] }

/** The agency intake (levels): whether an intake is one, and what it records in the intake's transaction. */
export interface AgencyIntake {
  agencyFor(db: Db, actor: Pick<Actor, 'roles'>, center: { level: string; path: string }, item: { id: number; offered: boolean },
    body: { agency?: { authorization?: true; urgent?: boolean; proxyId?: number } }): Promise<Agency | undefined>
  insertAuthorization(trx: Db, caseId: number, now: Date): Promise<unknown>
  recordAgencyIntake(trx: Db, a: {
    caseId: number; agentId: number; center: { id: number; path: string }; cal: Calendar; now: Date; today: string; urgent: boolean
  }): Promise<string>
}

/** A standing proxy's use (proxies), inside an agency intake's transaction. */
export type UseProxy = (trx: Db, u: {
  proxyId: number; actor: Actor; caseId: number; itemId: number; applicantIdNumber: string; at: Date; today: string; status: CaseStatus; windowId: number | null
}) => Promise<{ text: string; event: EventRow }>

const plugged: { actions?: ActionTable; agency?: AgencyIntake; useProxy?: UseProxy } = {}

export function plugActions(actions: ActionTable, agency: AgencyIntake): void {
  Object.assign(plugged, { actions, agency })
}

export function plugProxyUse(useProxy: UseProxy): void {
  plugged.useProxy = useProxy
}

function need<K extends keyof typeof plugged>(key: K): NonNullable<(typeof plugged)[K]> {
  const v = plugged[key]
  if (!v) throw new Error(`cases: ${key} not plugged in (call plugLevels() and plugProxies() before the first case)`)
  return v as NonNullable<(typeof plugged)[K]>
}

export const actionTable = (): ActionTable => need('actions')
export const agencyIntake = (): AgencyIntake => need('agency')
export const proxyUse = (): UseProxy => need('useProxy')
