// The closed vocabularies of the domain: one identifier per term (see docs/GLOSSARY.md).
export const CENTER_LEVELS = ['district', 'town', 'village'] as const
export type CenterLevel = (typeof CENTER_LEVELS)[number]

/** Rank used to compare levels: a village is below a town, a town below the district. */
export const LEVEL_RANK: Record<CenterLevel, number> = { village: 0, town: 1, district: 2 }

/** department_head (部门负责人): approves extensions past the legal limit (行政许可法 §42) for their department. */
export const ROLES = ['admin', 'manager', 'clerk', 'approver', 'agent', 'supervisor', 'department_head'] as const
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

/**
 * 特别程序: steps excluded from the clock. 行政许可法 §45: 听证, 招标, 拍卖, 检验, 检测, 检疫, 鉴定, 专家评审;
 * public_notice (公示) is local practice, kept for existing items and flagged by the catalog check.
 */
export const SPECIAL_PROCEDURES = [
  'hearing', 'tender', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review', 'public_notice',
] as const
/** The special procedures 行政许可法 §45 names (every other pause kind is local practice). */
export const LAWFUL_SPECIAL_PROCEDURES = SPECIAL_PROCEDURES.filter((k) => k !== 'public_notice')
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number]
