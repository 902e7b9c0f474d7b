// The network as the staff API returns it (src/features/network/*.routes.ts), and small loaders for pickers.
import type { CenterLevel, Role } from '../../../src/domain/vocabulary.js'
import { api } from '../api'
import { t } from '../i18n'
import { levelLabel } from './catalog'
import { useLoad } from './useLoad'

export interface IdRef { id: number; name: string }

export interface Center {
  id: number; code: string; name: string; level: CenterLevel; parentId: number | null; parentName: string | null
  address: string; phone: string; hours: string; note: string; status: string; windowCount: number; staffCount: number
}

export interface Department {
  id: number; code: string; name: string; shortName: string; level: CenterLevel; centerId: number; centerName: string
  required: boolean; enteredOn: string | null; phone: string; status: string; windowCount: number; itemCount: number
  headStandInUserId: number | null; headAway: boolean; reviewBody: string | null; court: string | null; reviewFirst: boolean; windowMayRefuse: boolean
}

export interface ServiceWindow {
  id: number; centerId: number; centerName: string; number: string; name: string; status: string
  departments: IdRef[]; itemIds: number[]; standIn: IdRef | null; staff: IdRef[]
}

export interface Staff {
  id: number; username: string; name: string; roles: Role[]; centerId: number; centerName: string
  windowId: number | null; windowName: string | null; phone: string; status: string; departmentId: number | null
}

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
