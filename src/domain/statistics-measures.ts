// The statistics measures (统计口径), one function and one written definition each, for every route that shows one:
// the statistics page and its xlsx, the workbench card and the operations report (docs/MEASURES.md says the same).
// The 好评 figures come from rating-measures.ts. Pure.
import { goodRate, RATING_MEASURE_DEFINITIONS } from './rating-measures.js'

/** The counts the aggregates hold (stat_daily/stat_monthly columns; `satisfied` counts 好评, see isGoodScore). */
export interface MeasureCounts {
  received: number; accepted: number; refused: number; finished: number; on_time: number; early: number; late: number
  workdays: number; trips: number; one_trip: number; visits: number; rated: number; satisfied: number
}

/** A ratio rounded to `digits` decimals, or null when there is nothing to divide by (shown as “—”, never 0). */
export const ratio = (n: number, d: number, digits = 3): number | null => (d > 0 ? Math.round((n / d) * 10 ** digits) / 10 ** digits : null)

/** 好评率 as the statistics show it: rating-measures' goodRate, rounded like every other rate. */
export const goodShare = (good: number, rated: number): number | null => {
  const r = goodRate(good, rated)
  return r === null ? null : Math.round(r * 1000) / 1000
}

/** The counts with the rates a reader wants beside them (the API's field names). */
export function withRates(m: MeasureCounts) {
  return {
    received: m.received, accepted: m.accepted, refused: m.refused, finished: m.finished,
    onTime: m.on_time, early: m.early, late: m.late, onTimeRate: ratio(m.on_time, m.finished), earlyRate: ratio(m.early, m.finished),
    lateRate: ratio(m.late, m.finished), workdays: m.workdays, avgWorkdays: ratio(m.workdays, m.finished, 1),
    trips: m.trips, tripsPerCase: ratio(m.trips, m.finished, 2), oneTrip: m.one_trip, oneTripRate: ratio(m.one_trip, m.finished),
    visits: m.visits, rated: m.rated, satisfied: m.satisfied, satisfaction: goodShare(m.satisfied, m.rated),
  }
}
export type MeasuresWithRates = ReturnType<typeof withRates>

/** 村级便民服务室覆盖率 = village rooms that started at least one case in the period ÷ active village rooms in scope. */
export const villageCoverageRate = (used: number, rooms: number) => ratio(used, rooms)
/** 应进必进进驻率 = required units of the center that had entered by the end date ÷ its required units. */
export const entryRate = (entered: number, required: number) => ratio(entered, required)

export type MeasureKey = keyof typeof MEASURE_DEFINITIONS

/** The written definitions (口径): tooltips on the pages, the workbook's 指标口径 sheet, the report's annex. */
export const MEASURE_DEFINITIONS = {
  received: { name: '接件数', definition: '期内在本中心首次登记（接件）的办件数；村便民服务室代办的件计入该村服务室，不计入镇中心。' },
  accepted: { name: '受理数', definition: '期内由本中心受理的办件数（村服务室代办后移交本中心受理的件计入本中心，故镇中心的受理数可多于接件数；补正后受理的件只计一次）。运行情况报告中各镇的“受理办件”即此数。' },
  refused: { name: '不予受理数', definition: '期内本中心作出不予受理决定的办件数。' },
  finished: { name: '办结数', definition: '期内在本中心作出办理决定（准予、不予许可或已答复）的办件数；上报件计入作出决定的区级中心。' },
  onTimeRate: { name: '按时办结率', definition: '期内办结的件中，决定日期不晚于承诺办结日期（含经批准延期后的日期）的件数 ÷ 办结数。' },
  avgWorkdays: { name: '平均办理工作日', definition: '期内办结的件从受理次日到决定日的工作日数之和 ÷ 办结数（即办件为 0；补正、特别程序期间不扣除）。' },
  tripsPerCase: { name: '件均跑动次数', definition: '期内办结的件的到现场次数（事项规定的到现场次数加补正次数）之和 ÷ 办结数。' },
  channelTrips: { name: '件均跑动次数（按办理渠道）', definition: '期内接件且未被不予受理的件的跑动次数之和 ÷ 件数：窗口、帮办、陪同办为事项规定的到现场次数（至少一次）加补正次数，容缺材料到窗口补交再加一次（邮寄、网上补交不计）；村代办、上门办为 0；一件事一次办各件共用跑动，只计一次。分别统计容缺受理的件、一件事一次办的件和二者皆非的件。' },
  oneTripRate: { name: '一次办结率', definition: '期内办结的件中，到现场不超过一次且未被要求补正的件数 ÷ 办结数。' },
  visits: { name: '接待人次', definition: '期内本中心大厅取号的票数（每到厅一次一张，含咨询和补正后再次到厅）；村服务室无取号，不计。' },
  rated: { name: '评价数', definition: '期内提交且未经复核撤销的评价条数（办件、取号服务）。' },
  satisfaction: { name: '好评率', definition: RATING_MEASURE_DEFINITIONS.goodRate },
  villageCoverage: { name: '村级便民服务室覆盖率', definition: '期内至少发起过一件代办的村便民服务室数 ÷ 范围内在用的村便民服务室数。' },
  entryRate: { name: '应进必进进驻率', definition: '本中心“应进必进”单位中，截至截止日期已进驻的单位数 ÷ 应进驻单位数（只计本中心的单位，不含下级中心）。' },
} as const

/** A rate as the documents print it: 92.3%, or 暂无数据. */
export const percent = (r: number | null) => (r === null ? '暂无数据' : `${(r * 100).toFixed(1)}%`)
