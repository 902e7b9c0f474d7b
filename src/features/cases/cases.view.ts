// What a case looks like to the API: the contract's Case (ID numbers masked unless asked), lights, missing materials.
import type { Channel } from '../../domain/channels.js'
import { addWorkingDays, workingDaysBetween, type Calendar, type IsoDate } from '../../domain/calendar.js'
import { OPEN_STATUSES, type CaseStatus } from '../../domain/case-status.js'
import { chinaDate } from '../../domain/clock.js'
import { lightOf, type Light } from '../../domain/deadlines.js'
import { maskIdNumber } from '../../domain/id-number.js'
import type { CaseRow } from './cases.repository.js'

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4) : '*'.repeat(phone.length)
}

/** 张*, 欧阳** : the first character stays. */
export function maskName(name: string): string {
  const chars = [...name]
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1)
}

const isOpen = (s: CaseStatus) => (OPEN_STATUSES as readonly CaseStatus[]).includes(s)

/** A paused case's due date moves on by the working days it has been paused so far. */
export function effectiveDue(cal: Calendar, due: IsoDate | null, pausedSince: IsoDate | null, today: IsoDate): IsoDate | null {
  if (due === null || pausedSince === null) return due
  return addWorkingDays(cal, due, Math.max(0, workingDaysBetween(cal, pausedSince, today)))
}

type Row = Pick<CaseRow, 'status' | 'acceptedOn' | 'dueDate' | 'pausedSince' | 'decidedAt'>

export function caseLight(cal: Calendar, row: Row, today: IsoDate): Light {
  if (isOpen(row.status) && row.acceptedOn) {
    return lightOf(cal, { start: row.acceptedOn, due: effectiveDue(cal, row.dueDate, row.pausedSince, today) }, today)
  }
  if (row.decidedAt && row.dueDate) return chinaDate(new Date(row.decidedAt)) > row.dueDate ? 'red' : 'green'
  return 'green'
}

export interface ViewOptions { fullId?: boolean; missing?: { materialId: number; name: string }[] }

export function toCase(cal: Calendar, row: CaseRow, today: IsoDate, opts: ViewOptions = {}) {
  return {
    id: row.id, number: row.number, queryCode: row.queryCode, itemId: row.itemId, itemVersion: row.itemVersion,
    itemName: row.itemName, handlingKind: row.handlingKind, status: row.status, version: row.version,
    centerId: row.acceptingCenterId, currentCenterId: row.currentCenterId, originCenterId: row.originCenterId,
    departmentId: row.departmentId, windowId: row.windowId,
    applicant: {
      kind: row.applicantKind, name: row.applicantName,
      idNumber: opts.fullId ? row.applicantIdNumber : maskIdNumber(row.applicantIdNumber),
      phone: opts.fullId ? row.applicantPhone : maskPhone(row.applicantPhone),
      ...(row.legalRepresentativeName ? { legalRepresentative: { name: row.legalRepresentativeName } } : {}),
      ...(row.representativeName ? {
        representative: {
          name: row.representativeName,
          idNumber: opts.fullId ? row.representativeIdNumber! : maskIdNumber(row.representativeIdNumber!),
          phone: opts.fullId ? row.representativePhone! : maskPhone(row.representativePhone!),
        },
      } : {}),
    },
    receivedAt: row.receivedAt, acceptedAt: row.acceptedAt, acceptedOn: row.acceptedOn,
    dueDate: isOpen(row.status) ? effectiveDue(cal, row.dueDate, row.pausedSince, today) : row.dueDate,
    legalDueDate: row.legalDueDate, extendedLegalDueDate: row.extendedLegalDueDate, provisional: row.provisional,
    promisedDays: row.promisedDays, legalDays: row.legalDays, daysUnit: row.daysUnit, extendedDays: row.extendedDays,
    extensionRule: row.extensionRule,
    suspended: row.pausedSince !== null, light: caseLight(cal, row, today),
    decidedAt: row.decidedAt, decision: row.decision, refusal: row.refusal, delivery: row.delivery, closedAt: row.closedAt,
    createdAt: row.createdAt, channel: row.channel as Channel,
    ...(opts.missing ? { missing: opts.missing } : {}),
  }
}

export type CaseOut = ReturnType<typeof toCase>

type ItemRow = Pick<CaseRow, 'id' | 'number' | 'itemName' | 'handlingKind' | 'status' | 'departmentId' | 'currentCenterId' | 'applicantKind'
  | 'applicantName' | 'applicantIdNumber' | 'receivedAt' | 'acceptedOn' | 'dueDate' | 'pausedSince' | 'decidedAt' | 'delivery' | 'provisional'>

/** A row of a work list (inboxes, hand-overs, forwards): what their tables show, the ID number masked. */
export function toCaseItem(cal: Calendar, row: ItemRow, today: IsoDate) {
  return {
    id: row.id, number: row.number, itemName: row.itemName, handlingKind: row.handlingKind, status: row.status,
    departmentId: row.departmentId, currentCenterId: row.currentCenterId,
    applicant: { kind: row.applicantKind, name: row.applicantName, idNumber: maskIdNumber(row.applicantIdNumber) },
    receivedAt: row.receivedAt, acceptedOn: row.acceptedOn,
    dueDate: isOpen(row.status) ? effectiveDue(cal, row.dueDate, row.pausedSince, today) : row.dueDate,
    suspended: row.pausedSince !== null, light: caseLight(cal, row, today), delivery: row.delivery, provisional: row.provisional,
  }
}
