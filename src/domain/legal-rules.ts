// What the law expects of an item's limits and of every decision: defaults by 事项类型, the appeal-rights
// wording (行政复议法 2023 §§20, 23, 24; 行政诉讼法 §46), and the catalog check against the law. Pure.
import type { DaysUnit, ExtensionRule } from './deadlines.js'
import { LAWFUL_SPECIAL_PROCEDURES, type HandlingKind, type ItemType } from './vocabulary.js'

/** The pause kinds that are 行政许可法 §45 special procedures: each gets a 特别程序告知书 and a message. */
export const LAWFUL_KINDS = LAWFUL_SPECIAL_PROCEDURES

/** The documents a case issues, each numbered (文号) when its event is appended (migration 0100's trigger). */
export const DOC_TYPES = ['accept', 'correction', 'refusal', 'decision', 'denial', 'answer', 'extension', 'special'] as const
export type DocType = (typeof DOC_TYPES)[number]

/** The decision's wording by item type (configurable per item version through `outcomeWording`). */
export const OUTCOME_WORDINGS: Record<ItemType, string> = {
  行政许可: '准予许可', 行政确认: '予以确认', 行政给付: '准予给付', 行政裁决: '已办结', 行政奖励: '已办结',
  其他行政权力: '已办结', 公共服务: '已办结',
}

/**
 * The refusal of a decision in the same words as its grant: 准予许可 → 不予许可, 予以确认 → 不予确认, 准予给付 →
 * 不予给付, 予以登记 → 不予登记; 已办结 (or any wording without a 准予/予以 verb) → 不予办理. A 工伤认定 denied is
 * not a 不予许可.
 */
export function denialWording(outcomeWording: string): string {
  const m = /^(?:准予|予以|同意)(.+)$/.exec(outcomeWording.trim())
  return m ? `不予${m[1]}` : '不予办理'
}

/** 行政许可法 §§42, 82 bind 行政许可: working days and the §42 extension; other types follow their own law. */
export function defaultLimits(itemType: string, kind: HandlingKind, name = ''): { daysUnit: DaysUnit; extensionRule: ExtensionRule; outcomeWording: string } {
  const licence = itemType === '行政许可'
  return {
    daysUnit: 'workday',
    extensionRule: licence ? (kind === 'joint' ? 'joint' : 'art42') : 'none',
    // a registration (不动产登记, 婚姻登记) confirms by registering
    outcomeWording: itemType === '行政确认' && name.includes('登记') ? '予以登记' : OUTCOME_WORDINGS[itemType as ItemType] ?? '已办结',
  }
}

/** Who decides and where the applicant may appeal: per department, with the center's defaults filled in. */
export interface DecidingBody {
  /** 作出机关: the item's implementing department, full name. */
  decidingBody: string
  /** 复议机关 (行政复议法 §24; §27 for vertically managed departments). */
  reviewBody: string
  /** The people's court with jurisdiction (a province may concentrate cases in designated courts). */
  court: string
  /** 复议前置 (行政复议法 §23): the notice must not offer the court directly. */
  reviewFirst: boolean
}

export const FALLBACK_REVIEW_BODY = '本级人民政府'
export const FALLBACK_COURT = '有管辖权的人民法院'

export function decidingBodyOf(d: { name: string; reviewBody: string | null; court: string | null; reviewFirst: boolean },
  center: { reviewBody: string | null; court: string | null }): DecidingBody {
  return {
    decidingBody: d.name,
    reviewBody: d.reviewBody || center.reviewBody || FALLBACK_REVIEW_BODY,
    court: d.court || center.court || FALLBACK_COURT,
    reviewFirst: d.reviewFirst,
  }
}

/** The appeal-rights paragraph of a refusal or denial: 60 days to the 复议机关, 6 months to the court. */
export function appealRights(b: DecidingBody): string {
  const review = `申请人如不服本决定，可以自收到本决定之日起六十日内向${b.reviewBody}申请行政复议`
  const court = b.reviewFirst
    ? '；对行政复议决定不服的，可以依法向人民法院提起行政诉讼'
    : `，或者自收到本决定之日起六个月内向${b.court}提起行政诉讼`
  return `${review}${court}。（作出机关：${b.decidingBody}）`
}

export interface CatalogWarning { field: string; message: string }

/**
 * The catalog check: where an item version's unit, extension rule, deciding body or outcome wording does not fit
 * its 事项类型. The administrator may publish anyway only with a written reason, kept with the version.
 */
export function catalogWarnings(v: {
  itemType: string; handlingKind: HandlingKind; daysUnit: DaysUnit; extensionRule: ExtensionRule; outcomeWording: string
  implementingBody: string; specialProcedures: readonly string[]
}): CatalogWarning[] {
  const out: CatalogWarning[] = []
  const licence = v.itemType === '行政许可'
  if (licence && v.daysUnit !== 'workday') out.push({ field: 'legalDaysUnit', message: '行政许可的期限以工作日计算（行政许可法第八十二条）' })
  if (!licence && (v.extensionRule === 'art42' || v.extensionRule === 'joint')) {
    out.push({ field: 'extensionRule', message: '行政许可法第四十二条的延期只适用于行政许可，其他类型按其设定依据' })
  }
  if (licence && v.handlingKind === 'joint' && v.extensionRule === 'art42') out.push({ field: 'extensionRule', message: '联合办理的行政许可延期为十五日（行政许可法第四十二条第二款）' })
  if (/服务中心|便民服务/.test(v.implementingBody)) out.push({ field: 'implementingBody', message: '作出机关应为实施部门，而非政务服务中心（中心只受部门委托受理）' })
  const wording = OUTCOME_WORDINGS[v.itemType as ItemType]
  if (v.outcomeWording.includes('许可') && !licence) out.push({ field: 'outcomeWording', message: `${v.itemType}的办理结果不应写作“准予许可”（建议：${wording ?? '已办结'}）` })
  // §45 binds 行政许可; other types may have a public notice by their own law (低保: 《社会救助暂行办法》 §11).
  if (licence && v.specialProcedures.includes('public_notice')) out.push({ field: 'specialProcedures', message: '公示不在行政许可法第四十五条所列特别程序内，属地方做法，暂停计时须有依据' })
  return out
}

/** Who approves an extension: the department head, the head's AB stand-in while the head is away, or (within the
 * legal limit only) the department's approver. */
export type ExtensionApprover = 'head' | 'stand_in' | 'department'

export interface DeciderFacts {
  roles: readonly string[]; actorDepartmentId: number | null; caseDepartmentId: number; windowMayRefuse: boolean
  /** The actor is the head's AB stand-in and the head is marked away. */
  standingIn?: boolean
  /** Days the promised date may still move within the legal limit (the department's own approval suffices). */
  roomWithinLegal?: number
}

/**
 * The capacity in which this actor approves an extension of `days` (undefined: any), or the reason they may not:
 * moving the promised date within the legal limit needs the deciding department (its approver or head); past the
 * legal limit 行政许可法 §42 needs the head of the deciding agency, or the head's AB stand-in while the head is away.
 */
export function extensionApprover(a: DeciderFacts, days?: number): ExtensionApprover | string {
  if (a.actorDepartmentId !== a.caseDepartmentId) return '延期须由作出决定的部门批准'
  if (a.roles.includes('department_head')) return 'head'
  if (a.standingIn) return 'stand_in'
  const room = a.roomWithinLegal ?? 0
  if (room > 0 && (days === undefined || days <= room)) return 'department'
  return '超过法定期限的延期须经部门负责人批准（行政许可法第四十二条），负责人外出时由其 AB 岗批准'
}

/**
 * Who the law lets take an action beyond the role table (a message when not): an extension is approved by the
 * deciding department (past the legal limit by its head, 行政许可法 §42; for joint handling the lead department's
 * head records the government's approval); a refusal is issued by the window only where the department entrusted
 * it, otherwise by the department's own approver.
 */
export function deciderBlock(action: string, a: DeciderFacts): string | undefined {
  const own = a.actorDepartmentId === a.caseDepartmentId
  if (action === 'extend') {
    const who = extensionApprover(a)
    return who === 'head' || who === 'stand_in' || who === 'department' ? undefined : who
  }
  if (action === 'refuse') {
    const window = a.roles.includes('clerk') || a.roles.includes('manager')
    if (a.windowMayRefuse && window) return undefined
    if (a.roles.includes('approver') && own) return undefined
    return a.windowMayRefuse ? '不予受理须由窗口或本部门审批人员作出' : '该部门未委托窗口作出不予受理决定，请转部门审批人员'
  }
  return undefined
}
