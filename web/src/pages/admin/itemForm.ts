// The item form's values and their conversion to the API bodies (PUT /api/items/:id/draft, POST /api/items).
import { ITEM_TYPES } from '../../../../src/domain/vocabulary.js'
import { t } from '../../i18n'
import type { VersionOut } from '../../lib/types'

export interface MaterialValues { name: string; form: string; copies: number; required: boolean; note: string; sampleFileId: number | null; deferrable?: boolean }

export interface ItemFormValues {
  code?: string
  localCode?: boolean
  departmentId?: number
  offeredCenterIds?: number[]
  name: string; basicCode: string; itemType: string; implementingBody: string; targets: string[]
  handlingKind: string; legalDays: number; promisedDays: number; acceptLevel: string; decideLevel: string
  legalBasis: string; conditions: string; procedure: string[]; fees: { charged: boolean; amount?: string; basis?: string }
  result: string; visits: number; consultPhone: string; complaintPhone: string; specialProcedures: string[]
  theme: string; category: string; keywords: string[]; materials: MaterialValues[]
  legalDaysUnit?: 'workday' | 'calendar'; extensionRule?: string; extensionDays?: number; outcomeWording?: string
  /** 容缺受理: working days to hand in a deferred material (empty: no 容缺) and what a missed date allows */
  deferralDays?: number | null; deferralLapse?: 'suspend' | 'deny' | 'terminate'
}

export const EMPTY_ITEM: Partial<ItemFormValues> = {
  itemType: ITEM_TYPES[0], targets: ['person'], handlingKind: 'promised', legalDays: 20, promisedDays: 10,
  acceptLevel: 'district', decideLevel: 'district', procedure: t('items.defaultProcedure').split('、'),
  fees: { charged: false }, visits: 1, specialProcedures: [], materials: [], offeredCenterIds: [],
  legalBasis: '', conditions: '', result: '', consultPhone: '', complaintPhone: '', theme: '', category: '', keywords: [],
}

export function valuesFromVersion(v: VersionOut): ItemFormValues {
  return {
    name: v.name, basicCode: v.basicCode, itemType: v.itemType, implementingBody: v.implementingBody, targets: v.targets,
    handlingKind: v.handlingKind, legalDays: v.legalDays, promisedDays: v.promisedDays, acceptLevel: v.acceptLevel,
    decideLevel: v.decideLevel, legalBasis: v.legalBasis, conditions: v.conditions, procedure: v.procedure, fees: v.fees,
    result: v.result, visits: v.visits, consultPhone: v.consultPhone, complaintPhone: v.complaintPhone,
    specialProcedures: v.specialProcedures, theme: v.theme, category: v.category, keywords: v.keywords ?? [],
    legalDaysUnit: v.legalDaysUnit, extensionRule: v.extensionRule, extensionDays: v.extensionDays, outcomeWording: v.outcomeWording,
    deferralDays: v.deferralDays ?? null, deferralLapse: v.deferralLapse ?? 'suspend',
    materials: v.materials.map((m) => ({ name: m.name, form: m.form, copies: m.copies, required: m.required, note: m.note ?? '', sampleFileId: m.sampleFileId ?? null, deferrable: m.deferrable ?? false })),
  }
}

/** The draft body: every version field, the materials without ids; step limits kept as they were. */
export function draftBody(v: ItemFormValues, stepLimits: { step: string; days: number }[] = []) {
  const charged = !!v.fees?.charged
  return {
    name: v.name, basicCode: v.basicCode, itemType: v.itemType, implementingBody: v.implementingBody, targets: v.targets,
    handlingKind: v.handlingKind, legalDays: v.legalDays, promisedDays: v.promisedDays, acceptLevel: v.acceptLevel,
    decideLevel: v.decideLevel, legalBasis: v.legalBasis ?? '', conditions: v.conditions ?? '',
    procedure: (v.procedure ?? []).map((s) => s?.trim()).filter(Boolean), stepLimits,
    fees: charged ? { charged, amount: v.fees.amount ?? '', basis: v.fees.basis ?? '' } : { charged },
    result: v.result ?? '', visits: v.visits ?? 1, consultPhone: v.consultPhone ?? '', complaintPhone: v.complaintPhone ?? '',
    specialProcedures: v.specialProcedures ?? [], theme: v.theme ?? '', category: v.category ?? '', keywords: v.keywords ?? [],
    // kept as they were unless changed here (omitted, the server would put its defaults back)
    ...(v.legalDaysUnit ? { legalDaysUnit: v.legalDaysUnit } : {}), ...(v.extensionRule ? { extensionRule: v.extensionRule } : {}),
    ...(v.extensionDays !== undefined && v.extensionDays !== null ? { extensionDays: v.extensionDays } : {}),
    ...(v.outcomeWording ? { outcomeWording: v.outcomeWording } : {}),
    deferralDays: v.deferralDays || null, deferralLapse: v.deferralLapse ?? 'suspend',
    materials: (v.materials ?? []).map((m) => ({
      name: m.name, form: m.form, copies: m.copies ?? 1, required: m.required ?? true, note: m.note ?? '', sampleFileId: m.sampleFileId ?? null,
      deferrable: !!m.deferrable,
    })),
  }
}

export function createBody(v: ItemFormValues) {
  return { code: v.code, departmentId: v.departmentId, offeredCenterIds: v.offeredCenterIds ?? [], ...(v.localCode ? { localCode: true } : {}), ...draftBody(v) }
}
