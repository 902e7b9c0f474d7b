// The Cases API as the pages see it (contract: ../shared/api-contract.md, Cases), and the words for its values.
import type { CaseAction, CaseStatus, PauseKind, StepKind } from '../../../../src/domain/case-status.js'
import type { DocType } from '../../../../src/domain/legal-rules.js'
import type { HandlingKind } from '../../../../src/domain/vocabulary.js'
import { t, type MessageKey } from '../../i18n'

export type { CaseAction, CaseStatus, PauseKind, StepKind }
export type Light = 'green' | 'yellow' | 'red'

export interface CaseSummary {
  id: number; number: string; queryCode: string; itemId: number; itemVersion: number; itemName: string
  handlingKind: HandlingKind; status: CaseStatus; version: number; centerId: number; currentCenterId: number; originCenterId: number
  departmentId: number; windowId: number | null
  applicant: {
    kind: 'person' | 'organization'; name: string; idNumber: string; phone: string
    legalRepresentative?: { name: string }
    representative?: { name: string; idNumber: string; phone: string }
  }
  receivedAt: string; acceptedAt: string | null; acceptedOn: string | null; dueDate: string | null; legalDueDate: string | null
  extendedLegalDueDate: string | null; provisional: boolean; daysUnit: 'workday' | 'calendar'; extensionRule: 'none' | 'art42' | 'joint' | 'own'
  promisedDays: number; legalDays: number; extendedDays: number; suspended: boolean; light: Light
  decidedAt: string | null
  decision: { outcome: 'approved' | 'denied' | 'answered'; note: string; reasons?: string; appealRights?: string; wording?: string } | null
  refusal: { reason: string; referTo: string | null; appealRights: string; decidingBody?: string } | null
  delivery: { method: 'pickup' | 'mail'; centerId: number | null; trackingNumber: string | null; at: string } | null
  closedAt: string | null; createdAt: string
  missing?: { materialId: number; name: string; problem?: string | null }[]
  /** 办理渠道: window, village_agency, assisted (帮办), accompanied (陪同办), home_visit (上门办) */
  channel?: string
  /** 容缺受理: the materials accepted missing and the date promised; `lapse` what a missed date allows */
  commitment?: { dueDate: string; done: boolean; light: Light; materials: { materialId: number; name: string; received: boolean }[]; lapse?: 'suspend' | 'deny' | 'terminate' }
}

export interface CaseEvent { at: string; action: string; from: CaseStatus | null; to: CaseStatus; actor: string; centerName: string; windowName?: string; note: string }
export interface CaseStep {
  id: number; kind: StepKind; centerId: number; centerName: string; departmentId?: number; departmentName?: string
  startDate: string; dueDate: string | null; light: Light; doneAt?: string; opinion: string
}
export interface CaseDetail extends CaseSummary {
  /** 同一人连续办理: the item lets one person complete consecutive steps in one dialog */
  consecutiveSteps: boolean
  /** Separation of duties: why 审核 or the decision is not offered to this user (they finished the step before). */
  separatedFrom: { step: StepKind; actorName: string; actions: CaseAction[] } | null
  /** 一件事一次办: the bundle this case is a part of */
  bundle?: { id: number; number: string; name: string }
  events: CaseEvent[]
  steps: CaseStep[]
  materials: { materialId: number | null; kind: string; name: string; required: boolean; received: boolean; problem: string | null; deferred?: boolean }[]
  pauses: { id: number; kind: string; reason: string; from: string; to: string | null }[]
  extensions: { id: number; days: number; reason: string; status: string; requestedAt: string; decidedAt: string | null; pastLegal: boolean; attachmentId: number | null }[]
  /** Files kept with the case: the government head's approval of a joint extension. */
  attachments: { id: number; kind: string; name: string; mime: string; size: number; createdAt: string }[]
  allowedActions: CaseAction[]
  /** Where the result may be sent for pick-up: the chain's points at or below the center holding the case. */
  pickupPoints: { id: number; name: string; level: string }[]
  documents: { docType: DocType; docNumber: string; issuedAt: string; eventId: number }[]
  notice: {
    acceptingCenterName: string; acceptingCenterPhone: string; windowName: string | null
    complaintPhone: string; consultPhone: string; result: string; implementingBody: string
    outcomeWording: string; itemType: string; decidingBody: string; reviewBody: string; court: string; reviewFirst: boolean
    windowMayRefuse: boolean
  }
}

export interface CaseList { cases: CaseSummary[]; nextCursor: string | null }
/** A row of a work list (the inbox): what its table shows. */
export type CaseItem = Pick<CaseSummary, 'id' | 'number' | 'itemName' | 'handlingKind' | 'status' | 'departmentId' | 'currentCenterId'
  | 'receivedAt' | 'acceptedOn' | 'dueDate' | 'suspended' | 'light' | 'provisional'> & { applicant: Pick<CaseSummary['applicant'], 'kind' | 'name' | 'idNumber'> }
export interface InboxRow { step: { id: number; kind: StepKind; dueDate: string | null; departmentId: number | null; light: Light }; case: CaseItem }
export interface PendingExtension { id: number; days: number; reason: string; requestedAt: string; pastLegal: boolean; case: CaseSummary }

export interface Progress {
  number: string; itemName: string; status: CaseStatus; acceptedAt: string | null; dueDate: string | null
  applicantName: string; suspended: boolean; light: Light
  events: { at: string; action: string; status: CaseStatus; centerName: string; note: string }[]
  /** 容缺受理: what must be handed in and by when */
  commitment?: { dueDate: string; materials: string[]; done: boolean }
  /** 一件事一次办: a bundle's number shows every part */
  bundle?: { number: string; name: string; parts: Omit<Progress, 'bundle'>[] }
}

export const statusText = (s: string) => t(`caseStatus.${s}` as MessageKey)
export const actionText = (a: string) => t(`caseAction.${a}` as MessageKey)
/** An event in the timeline: the action's name, except `advance`, whose button asks and whose event reports. */
export const eventText = (a: string) => (a === 'advance' ? t('caseEvent.advance') : actionText(a))
export const stepText = (k: string) => t(`stepKind.${k}` as MessageKey)
export const kindText = (k: string) => t(`handlingKind.${k}` as MessageKey)

/** The public progress page for a case: what every printed notice's QR code opens. */
export function progressUrl(number: string, code: string, origin = window.location.origin): string {
  return `${origin}/progress?${new URLSearchParams({ number, code }).toString()}`
}

/** The printed documents, by route name: one per document type the case issued (its 文号 from the server). */
export const NOTICES = ['accept', 'correction', 'refusal', 'decision', 'denial', 'extension', 'special'] as const
export type NoticeKind = (typeof NOTICES)[number]

/** The route of a document type: a written answer (控制) prints as the decision. */
const NOTICE_OF: Record<DocType, NoticeKind> = {
  accept: 'accept', correction: 'correction', refusal: 'refusal', decision: 'decision', answer: 'decision', denial: 'denial',
  extension: 'extension', special: 'special',
}

/** Which documents a case has, in the order issued (each once). */
export function noticesOf(c: Pick<CaseDetail, 'documents'>): NoticeKind[] {
  return [...new Set(c.documents.map((d) => NOTICE_OF[d.docType]))]
}

/** A document's title: the decision's by its wording (准予许可决定书, 予以确认决定书 …; 已办结 → 办结通知书). */
export function noticeTitle(c: Pick<CaseDetail, 'decision' | 'notice'>, kind: NoticeKind): string {
  if (kind !== 'decision') return t(`notice.${kind}` as MessageKey)
  if (c.decision?.outcome === 'answered') return t('notice.answer')
  const wording = c.decision?.wording || c.notice.outcomeWording
  return wording && wording !== '已办结' ? t('notice.decisionOf', { wording }) : t('notice.done')
}

/** The unit of a case's limits, as printed: 个工作日 or 日. */
export const unitText = (u: 'workday' | 'calendar') => t(u === 'calendar' ? 'notice.unitCalendar' : 'notice.unitWorkday')
