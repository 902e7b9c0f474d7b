// Types and calls of the cross-level screens (the server's /api/agency, /api/forwards, custody and actions).
import { api } from '../../api'

export type Light = 'green' | 'yellow' | 'red'
export interface CaseOut {
  id: number; number: string; queryCode: string; itemId: number; itemName: string; handlingKind: string; status: string
  centerId: number; currentCenterId: number; originCenterId: number; dueDate: string | null; light: Light; receivedAt: string
  applicant: { kind: string; name: string; idNumber: string; phone: string }
  delivery: { method: string; centerId: number | null } | null
}
/** An item as the agent's picker shows it: its type, who decides it, and whether the room accepts it itself. */
export interface PickerItem { id: number; name: string; itemType: string; decideLevel: 'district' | 'town' | 'village'; acceptLevel: string; own: boolean }
/** A row of a work list (the server's CaseItem): what the lists of the levels show. */
export type CaseItem = Pick<CaseOut, 'id' | 'number' | 'itemName' | 'handlingKind' | 'status' | 'currentCenterId' | 'dueDate' | 'light' | 'receivedAt' | 'delivery'>
  & { applicant: Pick<CaseOut['applicant'], 'kind' | 'name' | 'idNumber'> }
export interface AgentCase extends CaseItem { currentCenterName: string; next: { kind: string; dueDate: string | null; light: Light; atMyRoom: boolean } | null }
export interface IncomingCase extends CaseItem { originCenterName: string; agentName: string | null; files: number; filesSeen: number; thumbFileId: number | null }
export interface ForwardRow { step: { id: number; dueDate: string | null; light: Light; fromCenterName: string; toCenterName: string }; case: CaseItem }
export interface Handover {
  id: number; at: string; direction: 'up' | 'down'; fromCenterId: number; fromCenterName: string; toCenterId: number; toCenterName: string
  fromUser: string | null; toUser: string | null; materials: { id: number | null; name: string }[]; note: string; dueDate: string | null; late: boolean
}
export interface Custody {
  caseId: number; currentCenterId: number; originCenterId: number; acceptingCenterId: number
  levels: { id: number; name: string; level: 'district' | 'town' | 'village' }[]
  materials: { id: number; materialId: number | null; kind: string; name: string; received: boolean }[]
  handovers: Handover[]
  /** The window clerks and agents of the chain's centers: who may be named as a hand-over's receiver. */
  receivers: { id: number; name: string; centerId: number; roles: string[] }[]
}

export const act = (id: number, action: string, body: Record<string, unknown> = {}) => api.post<CaseOut>(`/api/cases/${id}/actions/${action}`, body)
export const custodyOf = (id: number, signal?: AbortSignal) => api.get<Custody>(`/api/cases/${id}/custody`, undefined, signal)
