// How catalog values read in Chinese: 办件类型, 办结时限, 收费, material forms, levels.
import type { HandlingKind, MaterialForm } from '../../../src/domain/vocabulary.js'
import { t, type MessageKey } from '../i18n'
import type { Fees } from './types'

export const handlingLabel = (k: HandlingKind | string) => label(`handling.${k}`, k)
export const formLabel = (f: MaterialForm | string) => label(`materialForm.${f}`, f)
export const specialLabel = (s: string) => label(`special.${s}`, s)
export const levelLabel = (l: string) => label(`levelShort.${l}`, l)
export const targetLabel = (s: string) => label(`target.${s}`, s)

function label(key: string, fallback: string): string {
  const text = t(key as MessageKey)
  return text === undefined ? fallback : text
}

/** 法定 X 个工作日 / 承诺 Y 个工作日; 即办件 when promised is 0 (alone when the law sets no limit either). */
export function timeLimitText(legalDays: number, promisedDays: number): string {
  const promised = promisedDays === 0 ? t('item.immediate') : t('item.promisedDays', { days: promisedDays })
  return legalDays === 0 ? promised : `${t('item.legalDays', { days: legalDays })} / ${promised}`
}

export function feeText(fees: Fees | undefined): string {
  if (!fees || !fees.charged) return t('item.noFee')
  return [fees.amount, fees.basis ? t('item.feeBasis', { basis: fees.basis }) : ''].filter(Boolean).join('；')
}

export function procedureSteps(p: string[] | string | undefined): string[] {
  if (!p) return []
  if (Array.isArray(p)) return p.filter(Boolean)
  return p.split(/\n|→|->/).map((s) => s.trim()).filter(Boolean)
}

export function sampleUrl(fileId: number): string {
  return `/api/public/files/${fileId}`
}
