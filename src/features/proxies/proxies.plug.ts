// Plugs proxies into cases (src/features/cases/extensions.ts): an agency intake's use of a standing proxy (委托登记).
import { plugProxyUse } from '../cases/extensions.js'
import { useProxy } from './proxies.service.js'

export function plugProxies(): void {
  plugProxyUse(useProxy)
}
