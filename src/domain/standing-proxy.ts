// Whether a standing proxy (委托登记) may be used for an intake: not revoked, not past its date (409), for this
// applicant and, when its scope lists items, for this item (400 naming the field). Pure.
import { errors, type AppError } from './errors.js'

export interface ProxyState { revokedAt: Date | null; validUntil: string; scope: 'all' | 'items'; itemIds: readonly number[]; principalIdNumber: string }

export function proxyBlock(p: ProxyState, use: { today: string; itemId: number; applicantIdNumber: string }): AppError | undefined {
  if (p.revokedAt) return errors.conflict('proxy_revoked', '此委托已撤销，请重新取得申请人的书面委托')
  if (use.today > p.validUntil) return errors.conflict('proxy_expired', `此委托已于 ${p.validUntil} 到期，请重新取得申请人的书面委托`)
  if (use.applicantIdNumber.toUpperCase() !== p.principalIdNumber.toUpperCase()) {
    return errors.validation([{ field: 'body.applicant.idNumber', message: '申请人不是此委托的委托人' }])
  }
  if (p.scope === 'items' && !p.itemIds.includes(use.itemId)) return errors.validation([{ field: 'body.agency.proxyId', message: '此委托不包括这个事项' }])
  return undefined
}
