// The closed vocabularies of the domain: one identifier per term (see docs/GLOSSARY.md).
export const CENTER_LEVELS = ['district', 'town', 'village'] as const
export type CenterLevel = (typeof CENTER_LEVELS)[number]

/** Rank used to compare levels: a village is below a town, a town below the district. */
export const LEVEL_RANK: Record<CenterLevel, number> = { village: 0, town: 1, district: 2 }

export const ROLES = ['admin', 'manager', 'clerk', 'approver', 'agent', 'supervisor'] as const
export type Role = (typeof ROLES)[number]

export const RECORD_STATUSES = ['active', 'retired'] as const
export type RecordStatus = (typeof RECORD_STATUSES)[number]

export const WINDOW_STATUSES = ['open', 'paused', 'closed'] as const
export type WindowStatus = (typeof WINDOW_STATUSES)[number]

/** 五规定: 即办 / 承诺 / 联办 / 上报 / 控制 */
export const HANDLING_KINDS = ['immediate', 'promised', 'joint', 'forward', 'controlled'] as const
export type HandlingKind = (typeof HANDLING_KINDS)[number]

/** 事项类型 */
export const ITEM_TYPES = [
  '行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '其他行政权力', '公共服务',
] as const
export type ItemType = (typeof ITEM_TYPES)[number]

export const SERVICE_TARGETS = ['person', 'organization'] as const
export type ServiceTarget = (typeof SERVICE_TARGETS)[number]

export const MATERIAL_FORMS = ['original', 'copy', 'electronic'] as const
export type MaterialForm = (typeof MATERIAL_FORMS)[number]

export const ITEM_VERSION_STATUSES = ['draft', 'published', 'superseded'] as const
export type ItemVersionStatus = (typeof ITEM_VERSION_STATUSES)[number]

/** 特别程序: steps excluded from the clock */
export const SPECIAL_PROCEDURES = ['hearing', 'inspection', 'expert_review', 'testing', 'public_notice'] as const
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number]
