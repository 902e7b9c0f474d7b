// Shapes the web app reads from the API (docs: /work/shared/api-contract.md and the features' *.routes.ts).
import type { CenterLevel, HandlingKind, MaterialForm } from '../../../src/domain/vocabulary.js'

export interface PublicCenter {
  id: number
  name: string
  level: CenterLevel
  parentId: number | null
  address: string
  phone: string
  hours: string
}

/** GET /api/public/departments → { departments: PublicDepartment[] } (items: published item count). */
export interface PublicDepartment { id: number; code: string; name: string; shortName: string; level: CenterLevel; centerId: number; items: number }
/** GET /api/public/themes → { themes: PublicTheme[] }. */
export interface PublicTheme { theme: string; count: number }

export interface ItemSummary {
  id: number
  code: string
  name: string
  itemType: string
  departmentId: number
  departmentName: string
  handlingKind: HandlingKind
  legalDays: number
  promisedDays: number
  legalDaysUnit: 'workday' | 'calendar'
  acceptLevel: CenterLevel
  decideLevel: CenterLevel
  theme?: string
  category?: string
  visits?: number
}

export interface ItemMaterial {
  id?: number
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  note?: string
  sampleFileId?: number | null
  /** 容缺受理: may follow after acceptance on the applicant's commitment */
  deferrable?: boolean
}

export interface Fees { charged: boolean; amount?: string; basis?: string }

/** 受理地点: a center that accepts the item (forward: it accepts and 上报 to the deciding level), with its windows. */
export interface ItemPlace {
  id: number; name: string; level?: CenterLevel; address?: string; phone?: string; hours?: string; forward?: boolean
  windows?: { id: number; number: string; name: string }[]
}

export interface PublicItem extends ItemSummary {
  conditions: string
  materials: ItemMaterial[]
  procedure: string[] | string
  fees: Fees
  result: string
  visits: number
  publishedAt?: string | null
  stepLimits?: { step: string; days: number }[]
  consultPhone: string
  complaintPhone: string
  legalBasis: string
  version: number
  basicCode?: string
  implementingBody?: string
  targets?: string[]
  specialProcedures?: string[]
  keywords?: string[]
  centers?: ItemPlace[]
  /** 容缺受理: working days to hand in a deferred material (null: no 容缺) and what a missed date allows */
  deferralDays?: number | null
  deferralLapse?: 'suspend' | 'deny' | 'terminate'
}

// ---- staff catalog (src/features/catalog/items.schemas.ts)

export type VersionStatus = 'draft' | 'published' | 'superseded'

export interface ItemListRow {
  id: number; code: string; name: string; status: 'active' | 'retired'; departmentId: number; departmentName: string
  itemType: string; handlingKind: HandlingKind; acceptLevel: CenterLevel; decideLevel: CenterLevel
  publishedVersion: number | null; draftVersion: number | null; publishedAt: string | null
}

export interface VersionOut {
  id: number; version: number; status: VersionStatus; name: string; namePinyin: string; nameInitials: string
  basicCode: string; itemType: string; implementingBody: string; legalBasis: string; targets: string[]
  handlingKind: HandlingKind; legalDays: number; promisedDays: number; acceptLevel: CenterLevel; decideLevel: CenterLevel
  legalDaysUnit: 'workday' | 'calendar'; promisedDaysUnit: 'workday' | 'calendar'; extensionRule: 'none' | 'art42' | 'joint' | 'own'
  extensionDays: number; outcomeWording: string; consecutiveSteps?: boolean
  conditions: string; procedure: string[]; stepLimits: { step: string; days: number }[]; fees: Fees; result: string
  visits: number; consultPhone: string; complaintPhone: string; specialProcedures: string[]; theme: string; category: string
  keywords: string[]
  deferralDays?: number | null; deferralLapse?: 'suspend' | 'deny' | 'terminate'
  createdAt: string; publishedAt: string | null; supersededAt: string | null
  materials: (ItemMaterial & { id: number; note: string; sampleFileId: number | null })[]
}

export interface VersionSummary {
  id: number; version: number; status: VersionStatus; name: string; createdAt: string
  createdBy: number | null; publishedAt: string | null; publishedBy: number | null; supersededAt: string | null
}

export interface Offering { centerId: number; name: string; level: CenterLevel; kind: 'direct' | 'forward' }

export interface ItemDetail {
  id: number; code: string; status: 'active' | 'retired'; departmentId: number; departmentName: string
  departmentCenterId: number; createdAt: string; editable: boolean; localCode: boolean
  versions: VersionSummary[]; published: VersionOut | null; draft: VersionOut | null; offerings: Offering[]
}
