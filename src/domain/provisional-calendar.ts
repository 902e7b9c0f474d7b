// A provisional calendar for a year whose State Council notice is not entered yet: the statutory holidays of
// 《全国年节及纪念日放假办法》 (2024 revision) with the lunar dates and 清明 from chinese-days. Pure.
// A statutory day on a Saturday or Sunday, and a second statutory day on the same date (2028: 中秋 on 10-03,
// inside 国庆), each give one day off on the next working day after it (补休). No 调休 make-up working days are
// guessed: those exist only by the notice.
import chineseDays from 'chinese-days'
import { dayNumber, fromDayNumber, type IsoDate } from './calendar.js'

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays

/** The years the lunar tables of chinese-days cover and for which a provisional schedule is computed. */
export const PROVISIONAL_FROM = 1901
export const PROVISIONAL_TO = 2099

export interface ProvisionalDay { date: IsoDate; workday: false; name: string }

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const lunar = (y: number, m: number, d: number) => getSolarDateFromLunar(iso(y, m, d)).date
const plus = (date: IsoDate, n: number) => fromDayNumber(dayNumber(date)! + n)
const weekend = (n: number) => { const w = (((n + 4) % 7) + 7) % 7; return w === 0 || w === 6 }

/** The statutory days of `year` (2024 rules), one entry per statutory day, in date order; a date may repeat. */
export function statutoryDays(year: number): { date: IsoDate; name: string }[] {
  const newYear = lunar(year, 1, 1)
  const days = [
    { date: iso(year, 1, 1), name: '元旦' },
    // 除夕 is the day before lunar 1-1: the twelfth month has 29 or 30 days.
    { date: plus(newYear, -1), name: '春节' }, { date: newYear, name: '春节' },
    { date: plus(newYear, 1), name: '春节' }, { date: plus(newYear, 2), name: '春节' },
    { date: getSolarTermDate(year, 4, 'pure_brightness'), name: '清明节' },
    { date: iso(year, 5, 1), name: '劳动节' }, { date: iso(year, 5, 2), name: '劳动节' },
    { date: lunar(year, 5, 5), name: '端午节' },
    { date: lunar(year, 8, 15), name: '中秋节' },
    { date: iso(year, 10, 1), name: '国庆节' }, { date: iso(year, 10, 2), name: '国庆节' }, { date: iso(year, 10, 3), name: '国庆节' },
  ]
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * Every day off of a provisional `year`: the statutory days (weekend ones included, named) and the 补休 days
 * owed for a statutory day on a weekend or two on one date, each on the first weekday after it that is not
 * already off. Sorted by date.
 */
export function provisionalYear(year: number): ProvisionalDay[] {
  if (year < PROVISIONAL_FROM || year > PROVISIONAL_TO) return []
  const statutory = statutoryDays(year)
  const off = new Map<IsoDate, string>()
  const owed: { after: number; name: string }[] = []
  for (const d of statutory) {
    const n = dayNumber(d.date)!
    const already = off.get(d.date)
    if (already !== undefined) {
      if (!already.includes(d.name)) off.set(d.date, `${already}、${d.name}`)
      owed.push({ after: n, name: d.name })
    } else {
      off.set(d.date, d.name)
      if (weekend(n)) owed.push({ after: n, name: d.name })
    }
  }
  for (const o of owed) {
    let n = o.after + 1
    while (weekend(n) || off.has(fromDayNumber(n))) n += 1
    off.set(fromDayNumber(n), `${o.name}补休`)
  }
  return [...off].map(([date, name]) => ({ date, workday: false as const, name })).sort((a, b) => (a.date < b.date ? -1 : 1))
}
