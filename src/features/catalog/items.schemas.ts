// TypeBox schemas of the catalog API: the fields of an item version, its materials, and what the routes return.
import { LAPSE_RULES } from '../../domain/commitments.js'
import { DAYS_UNITS, EXTENSION_RULES } from '../../domain/deadlines.js'
import { Type, type Static } from 'typebox'
import {
  CENTER_LEVELS, HANDLING_KINDS, ITEM_TYPES, ITEM_VERSION_STATUSES, MATERIAL_FORMS, RECORD_STATUSES,
  SERVICE_TARGETS, SPECIAL_PROCEDURES,
} from '../../domain/vocabulary.js'
import { DateTime, NullableDateTime } from '../../kernel/schemas.js'

/** 实施编码: letters, digits and . _ - (national codes are 20–40 alphanumerics). */
export const ITEM_CODE_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$'

/** Text without NUL (PostgreSQL cannot store it); a Name also needs one visible character. */
const Text = (maxLength = 10000) => Type.String({ maxLength, pattern: '^[^\\u0000]*$' })
const Name = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^\\s*[^\\s\\u0000][^\\u0000]*$' })
const Phone = Text(50)
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const Fees = Type.Object({
  charged: Type.Boolean(),
  amount: Type.Optional(Text(200)),
  basis: Type.Optional(Text(2000)),
}, { title: 'Fees', additionalProperties: false })

export const StepLimit = Type.Object({
  step: Name(100),
  days: Type.Integer({ minimum: 0, maximum: 3650 }),
}, { additionalProperties: false })

/** The content of one version (versionFields); required ones first. */
export const versionFieldProps = {
  name: Name(200),
  basicCode: Name(64),
  itemType: Type.Enum(ITEM_TYPES),
  implementingBody: Name(200),
  targets: Type.Array(Type.Enum(SERVICE_TARGETS), { minItems: 1, maxItems: 2, uniqueItems: true }),
  handlingKind: Type.Enum(HANDLING_KINDS),
  legalDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  promisedDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  /** The unit of both limits as the legal basis states it; default workday. */
  legalDaysUnit: Type.Optional(Type.Enum(DAYS_UNITS, { description: 'workday (行政许可法 §82) or calendar ("日" in the item\'s own law); default workday' })),
  promisedDaysUnit: Type.Optional(Type.Enum(DAYS_UNITS, { description: 'must equal legalDaysUnit' })),
  extensionRule: Type.Optional(Type.Enum(EXTENSION_RULES, { description: 'none; art42 (§42, +10, the deciding agency\'s head); joint (+15, the government\'s head); own (extensionDays from the item\'s legal basis). Default: art42 (joint for 联办) for 行政许可, none otherwise' })),
  extensionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'days an `own` extension rule allows' })),
  outcomeWording: Type.Optional(Type.String({ maxLength: 20, description: 'the decision\'s wording: 准予许可 / 予以确认 / 准予给付 / 予以登记 / 已办结; default by item type' })),
  acceptLevel: Type.Enum(CENTER_LEVELS),
  decideLevel: Type.Enum(CENTER_LEVELS),
  legalBasis: Type.Optional(Text()),
  conditions: Type.Optional(Text()),
  procedure: Type.Optional(Type.Array(Name(500), { maxItems: 50 })),
  stepLimits: Type.Optional(Type.Array(StepLimit, { maxItems: 50 })),
  fees: Type.Optional(Fees),
  result: Type.Optional(Text(2000)),
  visits: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  consultPhone: Type.Optional(Phone),
  complaintPhone: Type.Optional(Phone),
  specialProcedures: Type.Optional(Type.Array(Type.Enum(SPECIAL_PROCEDURES), { uniqueItems: true })),
  theme: Type.Optional(Text(50)),
  category: Type.Optional(Text(50)),
  /** 俗称: names citizens use (低保, 医保, 社保卡), searched by the public guide */
  keywords: Type.Optional(Type.Array(Name(20), { maxItems: 20 })),
  /** 容缺受理: working days to hand in a material accepted missing (null: no 容缺) and what a missed date allows. */
  deferralDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 60, description: '容缺受理: working days after acceptance to hand in a deferrable material; null: the item allows no 容缺' }))),
  deferralLapse: Type.Optional(Type.Enum(LAPSE_RULES, { description: 'a missed commitment: suspend only, or also deny / terminate the case' })),
  /** 同一人连续办理 */
  consecutiveSteps: Type.Optional(Type.Boolean({ description: 'one person holding consecutive steps (承办 → 审核 → 决定) may complete them in one dialog, each step recorded; default false (separation of duties)' })),
}

export const MaterialInput = Type.Object({
  name: Name(200),
  form: Type.Enum(MATERIAL_FORMS),
  copies: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
  required: Type.Optional(Type.Boolean()),
  note: Type.Optional(Text(500)),
  sampleFileId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  deferrable: Type.Optional(Type.Boolean({ description: '容缺: may be missing at acceptance (never the application form or identity)' })),
}, { title: 'ItemMaterialInput', additionalProperties: false })

const Materials = Type.Array(MaterialInput, { maxItems: 100 })
const CenterIds = Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { uniqueItems: true, maxItems: 1000 })

export const CreateItemBody = Type.Object({
  code: Type.String({ pattern: ITEM_CODE_PATTERN }),
  departmentId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  ...versionFieldProps,
  materials: Type.Optional(Materials),
  offeredCenterIds: Type.Optional(CenterIds),
  /** 地方事项: codes of the district's own, not checked against the national shape (administrators only) */
  localCode: Type.Optional(Type.Boolean()),
}, { title: 'CreateItemBody', additionalProperties: false })

/** The whole draft; `materials` left out keeps the materials it has (or copies the published ones). */
export const DraftBody = Type.Object({ ...versionFieldProps, materials: Type.Optional(Materials) }, { title: 'ItemDraftBody', additionalProperties: false })

export const OfferingsBody = Type.Object({ centerIds: CenterIds }, { additionalProperties: false })

export type VersionFieldsInput = Static<typeof DraftBody>
export type MaterialInputT = Static<typeof MaterialInput>

// ---- responses

export const MaterialOut = Type.Object({
  id: Type.Integer(), name: Type.String(), form: Type.Enum(MATERIAL_FORMS), copies: Type.Integer(),
  required: Type.Boolean(), note: Type.String(), sampleFileId: Nullable(Type.Integer()), deferrable: Type.Boolean(),
}, { title: 'ItemMaterial' })

export const VersionOut = Type.Object({
  id: Type.Integer(), version: Type.Integer(), status: Type.Enum(ITEM_VERSION_STATUSES),
  name: Type.String(), namePinyin: Type.String(), nameInitials: Type.String(), basicCode: Type.String(),
  itemType: Type.String(), implementingBody: Type.String(), legalBasis: Type.String(),
  targets: Type.Array(Type.String()), handlingKind: Type.Enum(HANDLING_KINDS), legalDays: Type.Integer(),
  promisedDays: Type.Integer(), legalDaysUnit: Type.Enum(DAYS_UNITS), promisedDaysUnit: Type.Enum(DAYS_UNITS),
  extensionRule: Type.Enum(EXTENSION_RULES), extensionDays: Type.Integer(), outcomeWording: Type.String(), acceptLevel: Type.Enum(CENTER_LEVELS), decideLevel: Type.Enum(CENTER_LEVELS),
  conditions: Type.String(), procedure: Type.Array(Type.String()), stepLimits: Type.Array(StepLimit), fees: Fees,
  result: Type.String(), visits: Type.Integer(), consultPhone: Type.String(), complaintPhone: Type.String(),
  specialProcedures: Type.Array(Type.String()), theme: Type.String(), category: Type.String(), keywords: Type.Array(Type.String()),
  deferralDays: Nullable(Type.Integer()), deferralLapse: Type.Enum(LAPSE_RULES), consecutiveSteps: Type.Boolean(),
  createdAt: DateTime, publishedAt: NullableDateTime, supersededAt: NullableDateTime,
  materials: Type.Array(MaterialOut),
}, { title: 'ItemVersion' })

export const VersionSummary = Type.Object({
  id: Type.Integer(), version: Type.Integer(), status: Type.Enum(ITEM_VERSION_STATUSES), name: Type.String(),
  createdAt: DateTime, createdBy: Nullable(Type.Integer()), publishedAt: NullableDateTime,
  publishedBy: Nullable(Type.Integer()), supersededAt: NullableDateTime,
}, { title: 'ItemVersionSummary' })

export const OfferingOut = Type.Object({
  centerId: Type.Integer(), name: Type.String(), level: Type.Enum(CENTER_LEVELS),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('forward')]),
}, { title: 'ItemOffering' })

export const ItemDetail = Type.Object({
  id: Type.Integer(), code: Type.String(), status: Type.Enum(RECORD_STATUSES),
  departmentId: Type.Integer(), departmentName: Type.String(), departmentCenterId: Type.Integer(),
  createdAt: DateTime, editable: Type.Boolean(), localCode: Type.Boolean(),
  versions: Type.Array(VersionSummary),
  published: Nullable(VersionOut),
  draft: Nullable(VersionOut),
  offerings: Type.Array(OfferingOut),
}, { title: 'ItemDetail' })

export const ItemListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  centerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired'), Type.Literal('draft'), Type.Literal('published')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false })

export const ItemListRow = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), status: Type.Enum(RECORD_STATUSES),
  departmentId: Type.Integer(), departmentName: Type.String(), itemType: Type.String(),
  handlingKind: Type.Enum(HANDLING_KINDS), acceptLevel: Type.Enum(CENTER_LEVELS), decideLevel: Type.Enum(CENTER_LEVELS),
  publishedVersion: Nullable(Type.Integer()), draftVersion: Nullable(Type.Integer()), publishedAt: NullableDateTime,
}, { title: 'ItemListRow' })

export const ItemListResponse = Type.Object({ items: Type.Array(ItemListRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }, { title: 'ItemList' })
