// Contract: the public guide (办事指南). ItemSummary and the item detail are a stable contract: fields are only added.
import { Type } from 'typebox'
import { DAYS_UNITS } from '../../domain/deadlines.js'
import { CENTER_LEVELS, HANDLING_KINDS, MATERIAL_FORMS } from '../../domain/vocabulary.js'
import { NullableDateTime } from '../../kernel/schemas.js'

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
const Level = Type.Enum(CENTER_LEVELS)

export const PublicItemsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  centerId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  theme: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false })

const summaryProps = {
  id: Type.Integer(), code: Type.String(), name: Type.String(), itemType: Type.String(),
  departmentId: Type.Integer(), departmentName: Type.String(), handlingKind: Type.Enum(HANDLING_KINDS),
  legalDays: Type.Integer(), promisedDays: Type.Integer(),
  legalDaysUnit: Type.Enum(DAYS_UNITS, { description: 'workday (行政许可法 §82) or calendar, as the item\'s legal basis states it' }),
  promisedDaysUnit: Type.Enum(DAYS_UNITS), acceptLevel: Level, decideLevel: Level,
  theme: Type.String(), category: Type.String(), visits: Type.Integer(),
}

export const ItemSummary = Type.Object(summaryProps, { title: 'ItemSummary' })

export const PublicItemList = Type.Object({ items: Type.Array(ItemSummary), total: Type.Integer() }, { title: 'PublicItemList' })

export const PublicItemDetail = Type.Object({
  ...summaryProps,
  basicCode: Type.String(), version: Type.Integer(), publishedAt: NullableDateTime,
  conditions: Type.String(), legalBasis: Type.String(), implementingBody: Type.String(), targets: Type.Array(Type.String()),
  materials: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), form: Type.Enum(MATERIAL_FORMS), copies: Type.Integer(), required: Type.Boolean(),
    note: Type.String(), sampleFileId: Type.Union([Type.Integer(), Type.Null()]),
    deferrable: Type.Boolean({ description: '容缺受理: may be handed in after acceptance under a signed commitment' }),
  })),
  deferralDays: Type.Union([Type.Integer(), Type.Null()], { description: '容缺受理: working days after acceptance to hand in a deferred material; null: no 容缺' }),
  deferralLapse: Type.String({ description: 'a missed commitment: suspend, deny or terminate' }),
  procedure: Type.Array(Type.String()),
  stepLimits: Type.Array(Type.Object({ step: Type.String(), days: Type.Integer() })),
  fees: Type.Object({ charged: Type.Boolean(), amount: Type.Optional(Type.String()), basis: Type.Optional(Type.String()) }),
  result: Type.String(), consultPhone: Type.String(), complaintPhone: Type.String(),
  specialProcedures: Type.Array(Type.String()), keywords: Type.Array(Type.String()),
  centers: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), level: Level, address: Type.String(), phone: Type.String(), hours: Type.String(),
    forward: Type.Boolean(),
    windows: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String() }, { title: 'WindowRef' })),
  })),
}, { title: 'PublicItemDetail' })

export const PublicDepartment = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), shortName: Type.String(), level: Level, centerId: Type.Integer(),
  items: Type.Integer(),
}, { title: 'PublicDepartment' })

export const ThemeCount = Type.Object({ theme: Type.String(), count: Type.Integer() }, { title: 'ThemeCount' })
