// The network as the staff API returns it (src/features/network/*.routes.ts), and small loaders for pickers.
import { api } from '../api'
import type { ApiResponse, Row } from './apiTypes'
import { t } from '../i18n'
import { levelLabel } from './catalog'
import { useLoad } from './useLoad'

export interface IdRef { id: number; name: string }

export type Center = Row<ApiResponse<'/api/centers', 'get'>['centers']>
export type Department = Row<ApiResponse<'/api/departments', 'get'>['departments']>
export type ServiceWindow = Row<ApiResponse<'/api/windows', 'get'>['windows']>
export type Staff = Row<ApiResponse<'/api/staff', 'get'>['staff']>

export const listCenters = (query: Record<string, string | number | undefined> = {}, signal?: AbortSignal) =>
  api.get<{ centers: Center[] }>('/api/centers', query, signal).then((r) => r.centers)

/** Active centers in my jurisdiction, for pickers. */
export function useCenterOptions() {
  const centers = useLoad((s) => listCenters({ status: 'active' }, s), [])
  const options = (centers.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${levelLabel(c.level)}）` }))
  return { centers: centers.data ?? [], options, loading: centers.loading }
}

/** In use / retired / all ('' means no filter), for list filters. */
export const RECORD_STATUS_OPTIONS = [
  { value: 'active', label: t('status.active') }, { value: 'retired', label: t('status.retired') }, { value: '', label: t('common.all') },
]

export const statusTag = (status: string): { color: string; text: string } => ({
  active: { color: 'green', text: t('status.active') },
  retired: { color: 'default', text: t('status.retired') },
  open: { color: 'green', text: t('status.open') },
  paused: { color: 'orange', text: t('status.paused') },
  closed: { color: 'default', text: t('status.closed') },
}[status] ?? { color: 'default', text: status })
