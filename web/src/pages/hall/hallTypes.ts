// Types of the hall API as the pages use them: the generated schema (lib/api.gen.ts), read by path.
import type { ApiResponse, Row } from '../../lib/apiTypes'

export type KioskInfo = ApiResponse<'/api/public/centers/{id}/kiosk', 'get'>
export type IssuedTicket = ApiResponse<'/api/tickets', 'post'>
export type Panel = ApiResponse<'/api/windows/{id}/panel', 'get'>
export type HallTicket = NonNullable<Panel['current']>
export type TimelineEntry = Row<HallTicket['timeline']>
export type HallSetup = ApiResponse<'/api/hall/centers/{id}', 'get'>
/** A call on the hall's display: the text/event-stream's data (not in the API document). */
export interface CallData { number: string; windowName: string; windowNumber: string; at: string; text: string; recall?: boolean }

export type StatsRow = Row<ApiResponse<'/api/hall/stats', 'get'>['rows']>

export const minutes = (s: number | null) => (s === null ? '—' : (s / 60).toFixed(1))
