// The content of an item version in code (camelCase, every field present) and its conversion to and from rows.
import type { Selectable } from 'kysely'
import type { Fees, ItemMaterialsTable, ItemVersionsTable, StepLimit } from '../../db/schema.js'
import type { DaysUnit, ExtensionRule } from '../../domain/deadlines.js'
import { deferrableProblems, type LapseRule } from '../../domain/commitments.js'
import { errors } from '../../domain/errors.js'
import { defaultLimits } from '../../domain/legal-rules.js'
import { pinyinFull, pinyinInitials } from '../../domain/pinyin.js'
import type {
  CenterLevel, HandlingKind, ItemType, ItemVersionStatus, MaterialForm, ServiceTarget, SpecialProcedure,
} from '../../domain/vocabulary.js'
import type { MaterialInputT, VersionFieldsInput } from './items.schemas.js'

export interface VersionFields {
  name: string
  basicCode: string
  itemType: ItemType
  implementingBody: string
  legalBasis: string
  targets: ServiceTarget[]
  handlingKind: HandlingKind
  legalDays: number
  promisedDays: number
  /** One unit for both limits (promisedDaysUnit always equals it). */
  legalDaysUnit: DaysUnit
  extensionRule: ExtensionRule
  extensionDays: number
  outcomeWording: string
  acceptLevel: CenterLevel
  decideLevel: CenterLevel
  conditions: string
  procedure: string[]
  stepLimits: StepLimit[]
  fees: Fees
  result: string
  visits: number
  consultPhone: string
  complaintPhone: string
  specialProcedures: SpecialProcedure[]
  theme: string
  category: string
  /** 俗称: what citizens call the item (低保, 医保), searched by the guide */
  keywords: string[]
  /** 容缺受理: working days to hand in a deferred material (null: no 容缺) and what a missed date allows. */
  deferralDays: number | null
  deferralLapse: LapseRule
  /** 同一人连续办理: one person holding consecutive steps may complete them in one dialog (default: separation of duties). */
  consecutiveSteps: boolean
}

export interface MaterialFields {
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  note: string
  sampleFileId: number | null
  deferrable: boolean
}

/** PostgreSQL text cannot hold NUL: it is dropped, like the blanks around a value. */
const clean = (s: string) => s.replace(/\u0000/g, '').trim()

export function normalizeFields(v: Omit<VersionFieldsInput, 'materials'>): VersionFields {
  const fees: Fees = { charged: v.fees?.charged ?? false }
  const amount = clean(v.fees?.amount ?? ''); const basis = clean(v.fees?.basis ?? '')
  if (amount) fees.amount = amount
  if (basis) fees.basis = basis
  if (v.promisedDaysUnit !== undefined && v.promisedDaysUnit !== (v.legalDaysUnit ?? 'workday')) {
    throw errors.validation([{ field: 'body.promisedDaysUnit', message: '承诺时限与法定时限须使用同一计算单位' }])
  }
  const d = defaultLimits(v.itemType, v.handlingKind, v.name)
  return {
    name: clean(v.name), basicCode: clean(v.basicCode), itemType: v.itemType, implementingBody: clean(v.implementingBody),
    legalBasis: clean(v.legalBasis ?? ''), targets: [...v.targets], handlingKind: v.handlingKind,
    legalDays: v.legalDays, promisedDays: v.promisedDays, legalDaysUnit: v.legalDaysUnit ?? d.daysUnit,
    extensionRule: v.extensionRule ?? d.extensionRule, extensionDays: v.extensionDays ?? 0,
    outcomeWording: clean(v.outcomeWording ?? '') || d.outcomeWording, acceptLevel: v.acceptLevel, decideLevel: v.decideLevel,
    conditions: clean(v.conditions ?? ''), procedure: (v.procedure ?? []).map(clean).filter(Boolean),
    stepLimits: (v.stepLimits ?? []).map((s) => ({ step: clean(s.step), days: s.days })), fees,
    result: clean(v.result ?? ''), visits: v.visits ?? 1, consultPhone: clean(v.consultPhone ?? ''),
    complaintPhone: clean(v.complaintPhone ?? ''), specialProcedures: [...(v.specialProcedures ?? [])],
    theme: clean(v.theme ?? ''), category: clean(v.category ?? ''), keywords: normalizeKeywords(v.keywords ?? []),
    deferralDays: v.deferralDays ?? null, deferralLapse: v.deferralLapse ?? 'suspend', consecutiveSteps: v.consecutiveSteps ?? false,
  }
}

/** Trimmed, without blanks or repeats, in the order given. */
export function normalizeKeywords(ks: readonly string[]): string[] {
  return [...new Set(ks.map(clean).filter(Boolean))]
}

/** The materials as written; one marked deferrable that is a key material (申请表, 身份证明) is 400. */
export function normalizeMaterials(ms: readonly MaterialInputT[]): MaterialFields[] {
  const out = ms.map((m) => ({
    name: clean(m.name), form: m.form, copies: m.copies ?? 1, required: m.required ?? true,
    note: clean(m.note ?? ''), sampleFileId: m.sampleFileId ?? null, deferrable: m.deferrable ?? false,
  }))
  const bad = deferrableProblems(out)
  if (bad.length) throw errors.validation(bad)
  return out
}

type VersionRow = Selectable<ItemVersionsTable>

/** Column values of a version write; the name's pinyin is computed on every write. */
export function versionValues(f: VersionFields) {
  return {
    name: f.name, name_pinyin: pinyinFull(f.name), name_initials: pinyinInitials(f.name), basic_code: f.basicCode,
    item_type: f.itemType, implementing_body: f.implementingBody, legal_basis: f.legalBasis, targets: f.targets,
    handling_kind: f.handlingKind, legal_days: f.legalDays, promised_days: f.promisedDays, accept_level: f.acceptLevel,
    days_unit: f.legalDaysUnit, extension_rule: f.extensionRule, extension_days: f.extensionDays, outcome_wording: f.outcomeWording,
    decide_level: f.decideLevel, conditions: f.conditions, procedure: f.procedure, step_limits: JSON.stringify(f.stepLimits),
    fees: JSON.stringify(f.fees), result: f.result, visits: f.visits, consult_phone: f.consultPhone,
    complaint_phone: f.complaintPhone, special_procedures: f.specialProcedures, theme: f.theme, category: f.category,
    keywords: f.keywords, deferral_days: f.deferralDays, deferral_lapse: f.deferralLapse, consecutive_steps: f.consecutiveSteps,
  }
}

export function fieldsFromRow(r: VersionRow): VersionFields {
  return {
    name: r.name, basicCode: r.basic_code, itemType: r.item_type as ItemType, implementingBody: r.implementing_body,
    legalBasis: r.legal_basis, targets: r.targets as ServiceTarget[], handlingKind: r.handling_kind, legalDays: r.legal_days,
    promisedDays: r.promised_days, legalDaysUnit: r.days_unit, extensionRule: r.extension_rule, extensionDays: r.extension_days,
    outcomeWording: r.outcome_wording, acceptLevel: r.accept_level, decideLevel: r.decide_level, conditions: r.conditions,
    procedure: r.procedure, stepLimits: r.step_limits ?? [], fees: r.fees ?? { charged: false }, result: r.result,
    visits: r.visits, consultPhone: r.consult_phone, complaintPhone: r.complaint_phone,
    specialProcedures: r.special_procedures as SpecialProcedure[], theme: r.theme, category: r.category,
    keywords: r.keywords ?? [], deferralDays: r.deferral_days ?? null, deferralLapse: r.deferral_lapse ?? 'suspend', consecutiveSteps: r.consecutive_steps ?? false,
  }
}

export function materialFromRow(m: Selectable<ItemMaterialsTable>): MaterialFields & { id: number } {
  return { id: m.id, name: m.name, form: m.form, copies: m.copies, required: m.required, note: m.note, sampleFileId: m.sample_file_id, deferrable: m.deferral_allowed ?? false }
}

export type VersionOutT = VersionFields & {
  promisedDaysUnit: DaysUnit; id: number; version: number; status: ItemVersionStatus; namePinyin: string; nameInitials: string
  createdAt: Date; publishedAt: Date | null; supersededAt: Date | null; materials: (MaterialFields & { id: number })[]
}

export function versionOut(r: VersionRow, materials: Selectable<ItemMaterialsTable>[]): VersionOutT {
  return {
    id: r.id, version: r.version, status: r.status, namePinyin: r.name_pinyin, nameInitials: r.name_initials,
    ...fieldsFromRow(r), promisedDaysUnit: r.days_unit, createdAt: r.created_at, publishedAt: r.published_at, supersededAt: r.superseded_at,
    materials: materials.map(materialFromRow),
  }
}

/** Same content? (used by the import to leave unchanged items alone) */
export function sameContent(a: { fields: VersionFields; materials: MaterialFields[] }, b: { fields: VersionFields; materials: MaterialFields[] }): boolean {
  const strip = (ms: MaterialFields[]) => ms.map(({ name, form, copies, required, note, sampleFileId, deferrable }) => ({ name, form, copies, required, note, sampleFileId, deferrable: deferrable ?? false }))
  return JSON.stringify(canon(a.fields)) === JSON.stringify(canon(b.fields)) && JSON.stringify(strip(a.materials)) === JSON.stringify(strip(b.materials))
}

/** Exactly the content fields, in one order, with list fields sorted where order carries no meaning. */
function canon(f: VersionFields): VersionFields {
  const fees: Fees = { charged: f.fees.charged }
  if (f.fees.amount) fees.amount = f.fees.amount
  if (f.fees.basis) fees.basis = f.fees.basis
  return {
    name: f.name, basicCode: f.basicCode, itemType: f.itemType, implementingBody: f.implementingBody, legalBasis: f.legalBasis,
    targets: [...f.targets].sort(), handlingKind: f.handlingKind, legalDays: f.legalDays, promisedDays: f.promisedDays,
    legalDaysUnit: f.legalDaysUnit, extensionRule: f.extensionRule, extensionDays: f.extensionDays, outcomeWording: f.outcomeWording,
    acceptLevel: f.acceptLevel, decideLevel: f.decideLevel, conditions: f.conditions, procedure: f.procedure,
    stepLimits: f.stepLimits.map((s) => ({ step: s.step, days: s.days })), fees, result: f.result, visits: f.visits,
    consultPhone: f.consultPhone, complaintPhone: f.complaintPhone, specialProcedures: [...f.specialProcedures].sort(),
    theme: f.theme, category: f.category, keywords: [...f.keywords].sort(),
    deferralDays: f.deferralDays ?? null, deferralLapse: f.deferralLapse ?? 'suspend', consecutiveSteps: f.consecutiveSteps ?? false,
  }
}
