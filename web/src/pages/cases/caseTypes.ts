// The Cases API as the pages see it (contract: ../shared/api-contract.md, Cases), and the words for its values.
import type { CaseAction, CaseStatus, PauseKind, StepKind } from '../../../../src/domain/case-status.js'
import type { DocType } from '../../../../src/domain/legal-rules.js'
import { t, type MessageKey } from '../../i18n'
import type { ApiResponse, Row } from '../../lib/apiTypes'

export type { CaseAction, CaseStatus, PauseKind, StepKind }
export type Light = 'green' | 'yellow' | 'red'

/**
 * The case's records kept as JSON (decision, refusal, delivery): the server's schema declares them as any JSON
 * (`Type.Unknown()`, sent as stored), so their shape is said here, as the action handlers write them, until it does.
 */
export interface CaseRecords {
  /** wording: the grant's (准予许可, 予以确认 …) or the denial's (不予许可, 不予确认 …) words; absent on older decisions. */
  decision: { outcome: 'approved' | 'denied' | 'answered'; note: string; reasons?: string; appealRights?: string; wording?: string } | null
  refusal: { reason: string; referTo: string | null; appealRights: string; decidingBody?: string } | null
  delivery: { method: 'pickup' | 'mail'; centerId: number | null; trackingNumber: string | null; at: string } | null
}
export type WithRecords<T> = Omit<T, keyof CaseRecords & keyof T> & Pick<CaseRecords, keyof CaseRecords & keyof T>

/** A case as the API answers it (POST /api/cases, an action): the generated schema, read by path. */
export type CaseSummary = WithRecords<ApiResponse<'/api/cases', 'post'>>
export type CaseDetail = WithRecords<ApiResponse<'/api/cases/{id}', 'get'>>
export type CaseEvent = Row<CaseDetail['events']>
export type CaseStep = Row<CaseDetail['steps']>
export type CaseList = Omit<ApiResponse<'/api/cases', 'get'>, 'cases'> & { cases: CaseSummary[] }
/** A row of a work list (the inbox): what its table shows. */
export type CaseItem = WithRecords<Row<ApiResponse<'/api/cases/inbox', 'get'>['items']>['case']>
export type InboxRow = Omit<Row<ApiResponse<'/api/cases/inbox', 'get'>['items']>, 'case'> & { case: CaseItem }
type Extension = Row<ApiResponse<'/api/cases/extensions', 'get'>['extensions']>
export type PendingExtension = Omit<Extension, 'case'> & { case: WithRecords<Extension['case']> }
export type Progress = ApiResponse<'/api/public/progress', 'get'>

export const statusText = (s: string) => t(`caseStatus.${s}` as MessageKey)
export const actionText = (a: string) => t(`caseAction.${a}` as MessageKey)
/** An action's button and dialog title: the decision in the item's words (予以确认 / 不予确认 …), others by name. */
export function decisionLabel(a: string, c: Pick<CaseDetail, 'notice'>): string {
  if (a === 'approve' && c.notice.outcomeWording) return c.notice.outcomeWording
  if (a === 'deny' && c.notice.denialWording) return c.notice.denialWording
  return actionText(a)
}
/** An event's name in the history: the action's name, a decision in the item's words (予以确认, 不予确认 …) as its
 * button said, except `advance`, whose button asks and whose event reports. */
export const eventText = (a: string, c: Pick<CaseDetail, 'notice'>) => (a === 'advance' ? t('caseEvent.advance') : decisionLabel(a, c))
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

/** The words of a denial: as decided, else by the item (不予许可, 不予确认, 不予给付 …). */
export function deniedWording(c: Pick<CaseDetail, 'decision' | 'notice'>): string {
  return (c.decision?.outcome === 'denied' && c.decision.wording) || decisionLabel('deny', c)
}

/** A document's title: the decision's by its wording (准予许可决定书, 予以确认决定书 …; 已办结 → 办结通知书). */
export function noticeTitle(c: Pick<CaseDetail, 'decision' | 'notice'>, kind: NoticeKind): string {
  // a denial in the item's words: 不予许可决定书, 不予确认决定书 …
  if (kind === 'denial') return t('notice.denialOf', { wording: deniedWording(c) })
  if (kind !== 'decision') return t(`notice.${kind}` as MessageKey)
  if (c.decision?.outcome === 'answered') return t('notice.answer')
  const wording = c.decision?.wording || c.notice.outcomeWording
  return wording && wording !== '已办结' ? t('notice.decisionOf', { wording }) : t('notice.done')
}

/** The unit of a case's limits, as printed: 个工作日 or 日. */
export const unitText = (u: 'workday' | 'calendar') => t(u === 'calendar' ? 'notice.unitCalendar' : 'notice.unitWorkday')
