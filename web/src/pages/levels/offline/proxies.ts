// The room's standing proxies (委托登记), kept on the device for the offline intake: refreshed whenever the page is
// online, read from the device without a signal. ID numbers arrive masked (the agent types the villager's own).
import { api } from '../../../api'
import { meta } from './store'
import type { ApiResponse, Row } from '../../../lib/apiTypes'

export type StandingProxy = Row<ApiResponse<'/api/proxies', 'get'>['proxies']>

/** Every proxy of the rooms in the user's jurisdiction (newest first), from the server when online, else the device. */
export async function loadProxies(signal?: AbortSignal): Promise<{ proxies: StandingProxy[]; fromDevice: boolean }> {
  if (navigator.onLine) {
    try {
      const r = await api.get<{ proxies: StandingProxy[] }>('/api/proxies', { limit: 500 }, signal)
      await meta.set('proxies', r.proxies)
      return { proxies: r.proxies, fromDevice: false }
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e // otherwise (no network, an ended session) the device's copy
    }
  }
  return { proxies: (await meta.get<StandingProxy[]>('proxies')) ?? [], fromDevice: true }
}

export type ProxyState = 'active' | 'revoked' | 'expired'
export const proxyState = (p: StandingProxy, today: string): ProxyState => (p.revokedAt ? 'revoked' : p.validUntil < today ? 'expired' : 'active')

/** Whether a typed ID number fits the masked one of the registration (first four and last four characters). */
export function idFits(masked: string, typed: string): boolean {
  const t = typed.trim().toUpperCase()
  return t.length === masked.length && [...masked].every((c, i) => c === '*' || c.toUpperCase() === t[i])
}

/** Today on the device, as the server's dates (China time). */
export const deviceToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
