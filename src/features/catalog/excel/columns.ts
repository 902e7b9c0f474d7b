// The columns of the catalog workbook (template, export, import): Chinese headers and Chinese values for enums.
// One table read by all three, so a round trip export → edit → import reads back what was written.
import type { LapseRule } from '../../../domain/commitments.js'
import type { DaysUnit, ExtensionRule } from '../../../domain/deadlines.js'
import type { CenterLevel, HandlingKind, MaterialForm, ServiceTarget, SpecialProcedure } from '../../../domain/vocabulary.js'

export const ITEM_SHEET = '事项'
export const MATERIAL_SHEET = '材料'
export const HELP_SHEET = '说明'

/** Chinese label ↔ code value of each closed vocabulary. The first label is the one written. */
export const HANDLING_LABELS: Record<HandlingKind, string[]> = {
  immediate: ['即办', '即办件'], promised: ['承诺', '承诺件'], joint: ['联办', '联办件'], forward: ['上报', '上报件'], controlled: ['控制', '控制件'],
}
export const LEVEL_LABELS: Record<CenterLevel, string[]> = { district: ['区', '区级'], town: ['镇', '镇级'], village: ['村', '村级'] }
export const TARGET_LABELS: Record<ServiceTarget, string[]> = { person: ['自然人', '个人'], organization: ['法人', '法人或其他组织', '企业'] }
export const FORM_LABELS: Record<MaterialForm, string[]> = { original: ['原件'], copy: ['复印件'], electronic: ['电子件', '电子版'] }
export const SPECIAL_LABELS: Record<SpecialProcedure, string[]> = {
  hearing: ['听证'], tender: ['招标'], auction: ['拍卖'], inspection: ['现场勘验', '现场核查', '检验'], testing: ['检验检测', '检测'],
  quarantine: ['检疫'], appraisal: ['鉴定'], expert_review: ['专家评审'], public_notice: ['公示', '公告'],
}
export const UNIT_LABELS: Record<DaysUnit, string[]> = { workday: ['工作日'], calendar: ['自然日', '日', '天'] }
export const EXTENSION_LABELS: Record<ExtensionRule, string[]> = {
  none: ['不得延期', '无'], art42: ['行政许可法第四十二条', '第四十二条', '42'], joint: ['联合办理延期', '联合办理'], own: ['依设定依据', '设定依据'],
}
export const YES = ['是', 'y', 'yes', 'true', '1']
export const NO = ['否', 'n', 'no', 'false', '0']
export const STATUS_LABELS = { draft: ['草稿'], published: ['发布', '已发布'] }
export const LAPSE_LABELS: Record<LapseRule, string[]> = { suspend: ['中止办理', '中止'], deny: ['不予许可', '不予批准'], terminate: ['终止办理', '终止'] }

export function label<K extends string>(table: Record<K, string[]>, value: K): string {
  return table[value][0]
}

export function fromLabel<K extends string>(table: Record<K, string[]>, text: string): K | undefined {
  const t = text.trim().toLowerCase()
  return (Object.keys(table) as K[]).find((k) => k.toLowerCase() === t || table[k].includes(t))
}

export const allLabels = (table: Record<string, string[]>) => Object.values(table).map((l) => l[0])

/** List cells: 自然人、法人 / 受理→审查→决定 ... */
export const LIST_SEPARATORS = /[、,，;；\n]+/
export const STEP_SEPARATORS = /\s*(?:→|->|\n|；|;)\s*/

export type ItemKey =
  | 'code' | 'name' | 'basicCode' | 'departmentCode' | 'itemType' | 'implementingBody' | 'targets' | 'handlingKind'
  | 'legalDays' | 'promisedDays' | 'daysUnit' | 'extensionRule' | 'extensionDays' | 'outcomeWording' | 'acceptLevel' | 'decideLevel' | 'legalBasis' | 'conditions' | 'procedure'
  | 'stepLimits' | 'feesCharged' | 'feesAmount' | 'feesBasis' | 'result' | 'visits' | 'consultPhone' | 'complaintPhone'
  | 'specialProcedures' | 'theme' | 'category' | 'keywords' | 'centerCodes' | 'status' | 'deferralDays' | 'deferralLapse' | 'consecutiveSteps'

export interface Column<K extends string> { key: K; header: string; required?: boolean; width: number; help: string }

export const ITEM_COLUMNS: Column<ItemKey>[] = [
  { key: 'code', header: '实施编码', required: true, width: 32, help: '30 位：18 位统一社会信用代码 + 12 位基本编码，全区唯一；已存在的编码更新为草稿' },
  { key: 'name', header: '事项名称', required: true, width: 30, help: '' },
  { key: 'basicCode', header: '基本编码', required: true, width: 16, help: '12 位数字，例如 000510401000' },
  { key: 'departmentCode', header: '部门编码', required: true, width: 12, help: '主管部门的编码' },
  { key: 'itemType', header: '事项类型', required: true, width: 14, help: '行政许可、行政给付、行政确认、行政裁决、行政奖励、其他行政权力、公共服务' },
  { key: 'implementingBody', header: '实施机构', required: true, width: 20, help: '' },
  { key: 'targets', header: '服务对象', required: true, width: 14, help: '自然人、法人（可多选，用顿号分隔）' },
  { key: 'handlingKind', header: '办件类型', required: true, width: 10, help: allLabels(HANDLING_LABELS).join('、') },
  { key: 'legalDays', header: '法定时限', required: true, width: 10, help: '整数，单位见「时限单位」' },
  { key: 'promisedDays', header: '承诺时限', required: true, width: 10, help: '整数，与法定时限同一单位，不超过法定时限' },
  { key: 'daysUnit', header: '时限单位', width: 10, help: '工作日（行政许可法第八十二条）或 自然日（设定依据写“日”的，如工伤认定 60 日）；留空为工作日' },
  { key: 'extensionRule', header: '延期规则', width: 18, help: allLabels(EXTENSION_LABELS).join('、') + '；留空：行政许可为第四十二条（联办为联合办理），其他类型不得延期' },
  { key: 'extensionDays', header: '延期天数', width: 10, help: '「依设定依据」时可延长的天数' },
  { key: 'outcomeWording', header: '办理结果用语', width: 12, help: '准予许可、予以确认、准予给付、予以登记、已办结；留空按事项类型' },
  { key: 'acceptLevel', header: '受理层级', required: true, width: 10, help: '区、镇、村' },
  { key: 'decideLevel', header: '审批层级', required: true, width: 10, help: '区、镇、村；不低于受理层级' },
  { key: 'legalBasis', header: '设定依据', width: 30, help: '' },
  { key: 'conditions', header: '受理条件', width: 30, help: '' },
  { key: 'procedure', header: '办理流程', width: 30, help: '各环节用 → 分隔，例如 受理→审查→决定' },
  { key: 'stepLimits', header: '环节时限', width: 20, help: '环节:工作日，用分号分隔，例如 受理:1；审查:3' },
  { key: 'feesCharged', header: '是否收费', width: 10, help: '是、否（默认否）' },
  { key: 'feesAmount', header: '收费标准', width: 16, help: '' },
  { key: 'feesBasis', header: '收费依据', width: 20, help: '' },
  { key: 'result', header: '办理结果', width: 20, help: '' },
  { key: 'visits', header: '到现场次数', width: 10, help: '整数，默认 1' },
  { key: 'deferralDays', header: '容缺补交时限', width: 12, help: '容缺受理后申请人补交材料的工作日数（1–60）；留空：本事项不实行容缺受理' },
  { key: 'deferralLapse', header: '容缺逾期处理', width: 12, help: allLabels(LAPSE_LABELS).join('、') + '；留空为中止办理' },
  { key: 'consecutiveSteps', header: '同一人连续办理', width: 12, help: '是、否（默认否：承办、审核、决定由不同人员办理）；是：同一人持有连续环节时可一次办理，各环节仍分别记录' },
  { key: 'consultPhone', header: '咨询电话', width: 14, help: '' },
  { key: 'complaintPhone', header: '投诉电话', width: 14, help: '' },
  { key: 'specialProcedures', header: '特别程序', width: 16, help: allLabels(SPECIAL_LABELS).join('、') + '（可多选）' },
  { key: 'theme', header: '主题', width: 12, help: '' },
  { key: 'category', header: '分类', width: 14, help: '' },
  { key: 'keywords', header: '俗称', width: 16, help: '群众常用的叫法，办事指南可按俗称查到事项，例如 低保、医保；用顿号分隔' },
  { key: 'centerCodes', header: '受理中心', width: 20, help: '受理该事项的服务中心编码，用顿号分隔；留空则不改变' },
  { key: 'status', header: '状态', width: 8, help: '草稿、发布（仅对新编码有效；已存在的编码总是保存为草稿）' },
]

export type MaterialKey = 'code' | 'name' | 'form' | 'copies' | 'required' | 'note' | 'sampleFileId' | 'deferrable'

export const MATERIAL_COLUMNS: Column<MaterialKey>[] = [
  { key: 'code', header: '实施编码', required: true, width: 24, help: '所属事项的实施编码（须在事项表中）' },
  { key: 'name', header: '材料名称', required: true, width: 30, help: '同一事项的材料按行的顺序排列' },
  { key: 'form', header: '材料形式', required: true, width: 10, help: allLabels(FORM_LABELS).join('、') },
  { key: 'copies', header: '份数', width: 8, help: '整数，默认 1' },
  { key: 'required', header: '是否必需', width: 10, help: '是、否（默认是）' },
  { key: 'note', header: '备注', width: 24, help: '' },
  { key: 'sampleFileId', header: '样表文件编号', width: 12, help: '上传样表后得到的文件编号' },
  { key: 'deferrable', header: '可容缺', width: 8, help: '是、否（默认否）：容缺受理时可以后补；申请表、身份证明不得容缺' },
]

/** Header text as typed by people: '法定时限（工作日）*' → '法定时限'. */
export function normalizeHeader(h: string): string {
  return h.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊]/g, '')
}
