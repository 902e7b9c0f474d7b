// The types a case action's handlers share (src/features/cases/action-handlers.ts, commitment.ts and the levels'
// handlers): the state loaded under the case's lock, the action's body and what a handler returns.
import type { Calendar } from '../../domain/calendar.js'
import type { HandInVia, LapseRule } from '../../domain/commitments.js'
import type { Actor } from '../../domain/jurisdiction.js'
import type { DeciderFacts } from '../../domain/legal-rules.js'
import type { Db } from '../../db/database.js'
import type * as repo from './cases.repository.js'

/** Everything a handler needs about the case and the actor, loaded under the lock. */
export interface ActionState {
  trx: Db
  cal: Calendar
  actor: Actor
  actorDepartmentId: number | null
  row: repo.CaseRow
  steps: repo.StepRow[]
  pauses: Awaited<ReturnType<typeof repo.listPauses>>
  myOpenSteps: repo.StepRow[]
  holder: Awaited<ReturnType<typeof repo.findHolder>>
  now: Date
  today: string
  /** For the actions the law reserves (DECIDER_ACTIONS): who the actor is to the deciding department. */
  decider?: DeciderFacts
  /** 容缺: what a missed commitment allows (loaded only while a commitment is open; null: none). */
  lapseRule?: LapseRule | null
  /** 同一人连续办理: the item version lets one person hold consecutive steps (else separation of duties). */
  consecutiveSteps?: boolean
}

export interface ActionBody {
  version?: number; note?: string; opinion?: string; reasons?: string; text?: string; reason?: string; kind?: string
  days?: number; departmentId?: number; materials?: { materialId: number; received: boolean; problem?: string }[]; referTo?: string
  method?: 'pickup' | 'mail'; centerId?: number; trackingNumber?: string; permitNumber?: string; via?: HandInVia
  /** A file uploaded with the action (multipart): the government head's approval of a joint extension. */
  attachment?: { name: string; mime: string; data: Buffer }
}
export interface Handled { patch: repo.CasePatch; note: string; data?: Record<string, unknown>; centerId?: number }
