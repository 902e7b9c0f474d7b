// 好差评 measures, one definition each (国办发〔2019〕51号; GB/T 39734-2020 附录B; ../shared/domain.md §7). Every page,
// export and report that shows one of them calls these functions or filters rows with `isGoodScore`/`isBadScore`. Pure.
export { isBadScore, SCORE_NAMES } from './rating-followup.js'

/** 好评: 非常满意 (5), 满意 (4) and 基本满意 (3). */
export const isGoodScore = (score: number) => score >= 3

/** A share in [0, 1], or null when there is nothing to divide by (shown as “—”, never as 0%). */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/** 好评率 = 好评 / all ratings. */
export const goodRate = (good: number, ratings: number) => share(good, ratings)
/** 差评整改率 = 差评 whose follow-up is closed / 差评. */
export const badFixedRate = (badClosed: number, bad: number) => share(badClosed, bad)
/** 主动评价率 = rated services / finished services in the period. */
export const ratedRate = (rated: number, finished: number) => share(rated, finished)

/** The written definitions (口径), shown as tooltips and on the workbook's definitions sheet. */
export const RATING_MEASURE_DEFINITIONS = {
  goodRate: '好评率 = 好评数（非常满意、满意、基本满意）÷ 评价总数',
  badCount: '差评数 = 不满意与非常不满意的评价数',
  badFixedRate: '差评整改率 = 整改办结的差评数 ÷ 差评数',
  ratedRate: '主动评价率 = 已评价的服务数 ÷ 期内办结（已服务）的服务数',
} as const
