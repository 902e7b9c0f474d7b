// TypeBox schemas of the Cases API (contract: ../shared/api-contract.md, Cases).
import { Type } from 'typebox'
import { CASE_ACTION_NAMES, CASE_STATUSES, PAUSE_KINDS, STEP_KINDS } from '../../domain/case-status.js'
import { DAYS_UNITS, EXTENSION_RULES } from '../../domain/deadlines.js'
import { DOC_TYPES } from '../../domain/legal-rules.js'
import { HAND_IN_VIA, LAPSE_RULES } from '../../domain/commitments.js'
import { CHANNELS } from '../../domain/channels.js'
import { HANDLING_KINDS } from '../../domain/vocabulary.js'
import { Id, Name, Text } from '../network/network.shared.js'
import { DateString, DateTime, NullableDateTime } from '../../kernel/schemas.js'

export const CaseStatusSchema = Type.Enum(CASE_STATUSES)
export const Light = Type.Enum(['green', 'yellow', 'red'])
const NullableDate = Type.Union([DateString, Type.Null()])
const Json = Type.Unknown()
/** Who applies: a person (自然人) or an organization (法人), as the intake body allows. */
const ApplicantKind = Type.Enum(['person', 'organization'])

export const MaterialTick = Type.Object({
  materialId: Id, received: Type.Boolean(),
  problem: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '一次性告知: what is wrong with a material handed in (不符合法定形式: 未签名, 已过期, 复印件不清晰 …); such a material is not received' })),
}, { title: 'MaterialTick', additionalProperties: false })

/** 容缺受理: materials accepted missing (deferrable ones of the item) and the date the applicant promises them by. */
export const Commitment = Type.Object({
  materialIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'default and latest: the item\'s deferralDays working days after acceptance' })),
}, { title: 'Commitment', additionalProperties: false })

/** How the case is served (办理渠道): 陪同办 and 上门办 name the staff member, 上门办 the visit's date. Default: window (village agency for an agent). */
export const ChannelSchema = Type.Object({
  kind: Type.Enum(CHANNELS, { description: 'window 窗口, village_agency 村代办, assisted 帮办, accompanied 陪同办, home_visit 上门办' }),
  staffId: Type.Optional(Id),
  visitDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
}, { title: 'Channel', additionalProperties: false })

/** An agent's intake recorded without a signal (issue 20): the device's times, its offline number and query code. */
export const OfflineStamp = Type.Object({
  receivedAt: Type.String({ format: 'date-time', description: 'the device time when the applicant handed the papers over' }),
  deviceNow: Type.String({ format: 'date-time', description: 'the device time when it sends (gives the clock offset)' }),
  deviceId: Type.String({ minLength: 4, maxLength: 12, pattern: '^[0-9A-Z]+$' }),
  offlineNumber: Type.String({ maxLength: 30, pattern: '^OFL-[0-9A-Z]{4,12}-[0-9]{1,6}$', description: 'printed on the offline slip; resolved by the progress lookup for the case\'s whole life' }),
  queryCode: Type.String({ minLength: 6, maxLength: 6, pattern: '^[2-9A-HJ-NP-Z]{6}$' }),
  resolves: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'the requestId of the refused offline intake (a task) this one records again' })),
}, { title: 'OfflineStamp', additionalProperties: false })

export const IntakeBody = Type.Object({
  requestId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
  itemId: Id,
  centerId: Id,
  windowId: Type.Optional(Id),
  applicant: Type.Object({
    kind: ApplicantKind,
    name: Name(100),
    idNumber: Type.String({ minLength: 1, maxLength: 18, pattern: '^[0-9A-Za-z]+$' }),
    phone: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9-]+$' }),
    legalRepresentative: Type.Optional(Type.Object({ name: Name(100) }, { additionalProperties: false, description: '法定代表人 of an organization (法人) applicant' })),
    representative: Type.Optional(Type.Object({
      name: Name(100),
      idNumber: Type.String({ minLength: 1, maxLength: 18, pattern: '^[0-9Xx]+$', description: '居民身份证号码 (GB 11643), masked in every answer but the case page' }),
      phone: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9-]+$' }),
    }, { title: 'RepresentativeInput', additionalProperties: false, description: '经办人: the person who comes to the window for an organization (not the village agent)' })),
  }, { title: 'ApplicantInput', additionalProperties: false }),
  materials: Type.Array(MaterialTick, { maxItems: 200 }),
  agent: Type.Optional(Type.Object({ staffId: Id }, { additionalProperties: false })),
  complete: Type.Optional(Type.Literal(true)),
  coDepartmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  refuse: Type.Optional(Type.Object({ reason: Name(1000), referTo: Type.Optional(Text(200)) }, { additionalProperties: false })),
  agency: Type.Optional(Type.Object({
    authorization: Type.Optional(Type.Literal(true)), urgent: Type.Optional(Type.Boolean()),
    proxyId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: '委托登记: a standing proxy used instead of a new written authorisation' })),
  }, { title: 'AgencyInput', additionalProperties: false })),
  offline: Type.Optional(OfflineStamp),
  commitment: Type.Optional(Commitment),
  channel: Type.Optional(ChannelSchema),
}, { title: 'IntakeBody', additionalProperties: false })

export const ActionBody = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  note: Type.Optional(Text(1000)),
  opinion: Type.Optional(Text(2000)),
  reasons: Type.Optional(Text(2000)),
  text: Type.Optional(Text(4000)),
  reason: Type.Optional(Text(1000)),
  kind: Type.Optional(Type.Enum(PAUSE_KINDS)),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'extend/request_extension: days in the item\'s unit; suspend: the expected duration of a special procedure (§45)' })),
  departmentId: Type.Optional(Id),
  materials: Type.Optional(Type.Array(MaterialTick, { maxItems: 200 })),
  referTo: Type.Optional(Text(200)),
  permitNumber: Type.Optional(Type.String({ maxLength: 100, description: 'issue (发证, 行政许可法 §44): the permit\'s number' })),
  method: Type.Optional(Type.Enum(['pickup', 'mail'])),
  centerId: Type.Optional(Id),
  trackingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9-]+$' })),
  toUserId: Type.Optional(Id),
  toCenterId: Type.Optional(Id),
  via: Type.Optional(Type.Enum(HAND_IN_VIA, { description: 'hand_in: how the 容缺 material came (window costs a trip; mail, electronic none)' })),
}, { title: 'CaseActionBody', additionalProperties: false })

export const ActionParams = Type.Object({ id: Id, action: Type.Enum(CASE_ACTION_NAMES) })

export const Case = Type.Object({
  id: Type.Integer(), number: Type.String(), queryCode: Type.String(), itemId: Type.Integer(), itemVersion: Type.Integer(),
  itemName: Type.String(), handlingKind: Type.Enum(HANDLING_KINDS), status: CaseStatusSchema, version: Type.Integer(),
  centerId: Type.Integer(), currentCenterId: Type.Integer(), originCenterId: Type.Integer(), departmentId: Type.Integer(),
  windowId: Type.Union([Type.Integer(), Type.Null()]),
  applicant: Type.Object({
    kind: ApplicantKind, name: Type.String(), idNumber: Type.String(), phone: Type.String(),
    legalRepresentative: Type.Optional(Type.Object({ name: Type.String() }, { description: '法定代表人 (organizations)' })),
    representative: Type.Optional(Type.Object({ name: Type.String(), idNumber: Type.String(), phone: Type.String() }, { description: '经办人 (organizations): ID number and phone masked like the applicant\'s' })),
  }),
  receivedAt: DateTime, acceptedAt: NullableDateTime, acceptedOn: NullableDate, dueDate: NullableDate,
  legalDueDate: Type.Union([DateString, Type.Null()], { description: '法定办结日期: the legal limit alone, never an extension; null for 即办 (当场办结)' }),
  extendedLegalDueDate: Type.Union([DateString, Type.Null()], { description: 'Set once an extension past the legal limit is approved (行政许可法 §42 or the item\'s own rule)' }),
  provisional: Type.Boolean({ description: 'true when a date of the case rests on a provisional calendar (a year without the State Council notice)' }),
  promisedDays: Type.Integer(), legalDays: Type.Integer(),
  daysUnit: Type.Enum(DAYS_UNITS, { description: 'unit of legalDays, promisedDays and extensions: workday (§82) or calendar' }),
  extendedDays: Type.Integer(), extensionRule: Type.Enum(EXTENSION_RULES),
  suspended: Type.Boolean(), light: Light, decidedAt: NullableDateTime, decision: Json, refusal: Json, delivery: Json,
  closedAt: NullableDateTime, createdAt: DateTime,
  channel: Type.Optional(Type.Enum(CHANNELS, { description: '办理渠道' })),
  commitment: Type.Optional(Type.Object({
    dueDate: DateString, done: Type.Boolean(), light: Light, materials: Type.Array(Type.Object({ materialId: Type.Integer(), name: Type.String(), received: Type.Boolean() })),
    lapse: Type.Optional(Type.Enum(LAPSE_RULES, { description: 'case page: what a missed date allows besides suspending (the 承诺书 states it)' })),
  }, { description: '容缺受理: the applicant\'s commitment (承诺书): materials accepted missing and the date to hand them in' })),
  missing: Type.Optional(Type.Array(Type.Object({
    materialId: Type.Integer(), name: Type.String(),
    problem: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'what is wrong with it; null: not handed in' })),
  }))),
}, { title: 'Case' })

/** 同一人连续办理: the consecutive actions of one dialog (承办, 审核, then perhaps the decision), each as its own action's body. */
export const ChainBody = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  actions: Type.Array(Type.Object({
    action: Type.Union([Type.Literal('advance'), Type.Literal('approve'), Type.Literal('deny'), Type.Literal('answer')]),
    body: Type.Object({ note: ActionBody.properties.note, opinion: ActionBody.properties.opinion, reasons: ActionBody.properties.reasons, text: ActionBody.properties.text }, { additionalProperties: false }),
  }, { additionalProperties: false }), { minItems: 2, maxItems: 3 }),
}, { title: 'CaseChainBody', additionalProperties: false })

export const CaseDetail = Type.Intersect([Case, Type.Object({
  consecutiveSteps: Type.Boolean({ description: '同一人连续办理: the item version lets one person complete consecutive steps in one dialog (POST …/actions-in-one)' }),
  bundle: Type.Optional(Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String() }, { description: '一件事一次办: the bundle this case is a part of' })),
  events: Type.Array(Type.Object({
    at: DateTime, action: Type.String(), from: Type.Union([CaseStatusSchema, Type.Null()]), to: CaseStatusSchema, actor: Type.String(),
    centerName: Type.String(), windowName: Type.Optional(Type.String()), note: Type.String(),
  })),
  steps: Type.Array(Type.Object({
    id: Type.Integer(), kind: Type.Enum(STEP_KINDS), centerId: Type.Integer(), centerName: Type.String(), departmentId: Type.Optional(Type.Integer()),
    departmentName: Type.Optional(Type.String()), startDate: DateString, dueDate: NullableDate, light: Light,
    doneAt: Type.Optional(DateTime), opinion: Type.String(),
  })),
  materials: Type.Array(Type.Object({
    materialId: Type.Union([Type.Integer(), Type.Null()]), kind: Type.String(), name: Type.String(), required: Type.Boolean(), received: Type.Boolean(),
    problem: Type.Union([Type.String(), Type.Null()]), deferred: Type.Optional(Type.Boolean({ description: '容缺: accepted missing under the commitment' })),
  })),
  pauses: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), reason: Type.String(), from: DateString, to: NullableDate })),
  extensions: Type.Array(Type.Object({
    id: Type.Integer(), days: Type.Integer(), reason: Type.String(), status: Type.String(), requestedBy: Type.Union([Type.Integer(), Type.Null()]),
    requestedAt: DateTime, decidedBy: Type.Union([Type.Integer(), Type.Null()]), decidedAt: NullableDateTime,
    pastLegal: Type.Boolean({ description: 'the extension goes past the legal limit (approved by the deciding department\'s head)' }),
    attachmentId: Type.Union([Type.Integer(), Type.Null()], { description: '联办 past the legal limit: the government head\'s approval (GET /api/cases/:id/attachments/:attachmentId)' }),
  })),
  attachments: Type.Array(Type.Object({
    id: Type.Integer(), kind: Type.String({ description: 'government_approval: the 本级人民政府 head\'s approval of a joint extension' }),
    name: Type.String(), mime: Type.String(), size: Type.Integer(), createdAt: DateTime,
  })),
  allowedActions: Type.Array(Type.Enum(CASE_ACTION_NAMES)),
  separatedFrom: Type.Union([Type.Object({
    step: Type.String({ description: 'handle 承办 or review 审核: the step before, which this user finished' }),
    actorName: Type.String(), actions: Type.Array(Type.String({ description: 'the actions held back from this user' })),
  }), Type.Null()], { description: 'separation of duties (unless the item version allows 同一人连续办理): why allowedActions lacks 审核 (advance) or the decision for this user' }),
  /** Where `deliver` may send the result for pick-up: the points of the case's chain at or below the center holding it. */
  pickupPoints: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() })),
  documents: Type.Array(Type.Object({
    docType: Type.Enum(DOC_TYPES, { description: 'accept 受理通知书, correction 一次性告知书, refusal 不予受理决定书, decision 准予…决定书, denial 不予许可决定书 (不予确认… by item type), answer 书面答复, extension 延期通知书, special 特别程序告知书' }),
    docNumber: Type.String({ description: '文号 {department short name}{type}〔YYYY〕N号, gapless per department, type and year' }),
    issuedAt: DateTime, eventId: Type.Integer(),
  })),
  notice: Type.Object({
    acceptingCenterName: Type.String(), acceptingCenterPhone: Type.String(), windowName: Type.Union([Type.String(), Type.Null()]),
    complaintPhone: Type.String(), consultPhone: Type.String(), result: Type.String(), implementingBody: Type.String(),
    outcomeWording: Type.String({ description: 'the decision by item type: 准予许可 / 予以确认 / 准予给付 / 予以登记 / 已办结' }),
    denialWording: Type.String({ description: 'its refusal in the same words: 不予许可 / 不予确认 / 不予给付 / 不予登记 / 不予办理 (the deny button, the denial document\'s title)' }),
    itemType: Type.String(),
    decidingBody: Type.String({ description: '作出机关: the item\'s implementing department (full name), never the service center' }),
    reviewBody: Type.String({ description: '复议机关 (60 days, 行政复议法 §20): per department, default per center' }),
    court: Type.String({ description: 'the people\'s court (6 months, 行政诉讼法 §46)' }),
    reviewFirst: Type.Boolean({ description: '复议前置 (行政复议法 §23): the notice must not offer the court directly' }),
    windowMayRefuse: Type.Boolean({ description: 'the department entrusted the window with 不予受理' }),
  }),
})], { title: 'CaseDetail' })

export const ListQuery = Type.Object({
  status: Type.Optional(CaseStatusSchema), centerId: Type.Optional(Id), light: Type.Optional(Light),
  q: Type.Optional(Text(100)), cursor: Type.Optional(Type.String({ maxLength: 40 })), mine: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false })

export const CaseList = Type.Object({ cases: Type.Array(Case), nextCursor: Type.Union([Type.String(), Type.Null()]) }, { title: 'CaseList' })

/** A row of a work list: what the table shows (the full Case is on the case page). */
export const CaseItem = Type.Object({
  id: Type.Integer(), number: Type.String(), itemName: Type.String(), handlingKind: Type.Enum(HANDLING_KINDS), status: CaseStatusSchema,
  departmentId: Type.Integer(), currentCenterId: Type.Integer(),
  applicant: Type.Object({ kind: ApplicantKind, name: Type.String(), idNumber: Type.String() }),
  receivedAt: DateTime, acceptedOn: NullableDate, dueDate: NullableDate, suspended: Type.Boolean(), light: Light, delivery: Json,
  provisional: Type.Boolean(),
}, { title: 'CaseItem' })

export const Inbox = Type.Object({
  items: Type.Array(Type.Object({
    step: Type.Object({ id: Type.Integer(), kind: Type.Enum(STEP_KINDS), dueDate: NullableDate, departmentId: Type.Union([Type.Integer(), Type.Null()]), light: Light }),
    case: CaseItem,
  })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'every open step waiting in this inbox (all pages)' }),
}, { title: 'Inbox' })
