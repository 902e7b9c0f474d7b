// The national 好差评 form (GB/T 39734-2020; 国办发〔2019〕51号): five levels, the indicators rated beside the overall
// level, and for a bad rating the 差评 options (codes of the rating_options table, a province's list) plus text.
// What the form's answers must satisfy, each problem naming its field. Pure.
import { isBadScore } from './rating-measures.js'

/** The indicators: the overall level is the rating's score; the other three are rated on the same five levels. */
export const RATING_INDICATORS = [
  { name: 'overall', text: '总体评价' },
  { name: 'efficiency', text: '服务效率' },
  { name: 'quality', text: '服务水平' },
  { name: 'attitude', text: '服务态度' },
] as const
export type IndicatorName = (typeof RATING_INDICATORS)[number]['name']
const INDICATOR_NAMES: readonly string[] = RATING_INDICATORS.map((i) => i.name)

/** Who reads a comment: said on the form, and true of the server (the 整改 page shows it to the center's managers). */
export const COMMENT_READERS = '评价内容由所评服务中心及其上级中心的负责人（管理人员）、电子监察（督查）人员和系统管理员查看；差评转为整改单，由中心负责人回访整改。为您办理的窗口工作人员不能录入、修改或删除评价。'

export interface RatingForm { score: number; options?: readonly string[]; indicators?: Readonly<Record<string, number>> }
export interface Problem { field: string; message: string }

/** The form's problems (empty: fine). `knownOptions`: the active 差评 option codes. */
export function ratingFormProblems(f: RatingForm, knownOptions: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = []
  const options = f.options ?? []
  if (options.length && !isBadScore(f.score)) problems.push({ field: 'body.options', message: '只有差评（不满意、非常不满意）可选差评选项' })
  options.forEach((code, i) => {
    if (!knownOptions.has(code)) problems.push({ field: `body.options.${i}`, message: `未知的差评选项 ${code}` })
  })
  if (new Set(options).size !== options.length) problems.push({ field: 'body.options', message: '差评选项重复' })
  for (const [name, score] of Object.entries(f.indicators ?? {})) {
    if (!INDICATOR_NAMES.includes(name)) problems.push({ field: `body.indicators.${name}`, message: `未知的评价指标 ${name}（可用：${INDICATOR_NAMES.join('、')}）` })
    else if (!Number.isInteger(score) || score < 1 || score > 5) problems.push({ field: `body.indicators.${name}`, message: '指标评分为 1–5 的整数' })
    else if (name === 'overall' && score !== f.score) problems.push({ field: 'body.indicators.overall', message: '总体评价即评价等级 score' })
  }
  return problems
}

/** The indicators as stored: the overall level is always the score. */
export const storedIndicators = (f: RatingForm): Record<string, number> => ({ ...(f.indicators ?? {}), overall: f.score })

/** A served hall ticket's rating number (its invitation, the progress and rating pages): the prefix and the ticket's id; its code is the slip's token. */
export const TICKET_RATING_PREFIX = 'DT-'
