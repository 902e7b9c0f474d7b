// Types and calls of the cross-level screens (the server's /api/agency, /api/forwards, custody and actions).
import { api } from '../../api'
import type { ApiResponse, Row } from '../../lib/apiTypes'
import type { CaseSummary, WithRecords } from '../cases/caseTypes'

export type { Light } from '../cases/caseTypes'
/** A case as the API answers an action or an intake (the generated schema, its JSON records said in caseTypes). */
export type CaseOut = CaseSummary
/** An item as the agent's picker shows it: its type, who decides it, and whether the room accepts it itself. */
export interface PickerItem { id: number; name: string; itemType: string; decideLevel: 'district' | 'town' | 'village'; acceptLevel: string; own: boolean }
export type AgentCase = WithRecords<Row<ApiResponse<'/api/agency/inbox', 'get'>['cases']>>
export type IncomingCase = WithRecords<Row<ApiResponse<'/api/agency/incoming', 'get'>['cases']>>
type Forward = Row<ApiResponse<'/api/forwards/outgoing', 'get'>['forwards']>
export type ForwardRow = Omit<Forward, 'case'> & { case: WithRecords<Forward['case']> }
/** A row of a work list (the server's CaseItem): what the lists of the levels show. */
export type CaseItem = ForwardRow['case']
export type Custody = ApiResponse<'/api/cases/{id}/custody', 'get'>
export type Handover = Row<Custody['handovers']>

export const act = (id: number, action: string, body: Record<string, unknown> = {}) => api.post<CaseOut>(`/api/cases/${id}/actions/${action}`, body)
export const custodyOf = (id: number, signal?: AbortSignal) => api.get<Custody>(`/api/cases/${id}/custody`, undefined, signal)
