// The warning staff see where a date rests on a provisional calendar: a year whose State Council notice is not
// entered yet, counted on the statutory rules (《全国年节及纪念日放假办法》) until an administrator confirms it.
import { Alert, Tag } from 'antd'
import { t } from '../../i18n'
import { OPEN_STATUSES } from '../../../../src/domain/case-status.js'

export function ProvisionalAlert({ years }: { years?: number[] }) {
  return <Alert type="warning" showIcon className="provisional-warning" style={{ marginBottom: 16 }}
    title={t('provisional.title')} description={t('provisional.text', { years: years?.length ? years.join('、') + ' 年' : t('provisional.someYear') })} />
}

/**
 * The provisional years a case's dates rest on: the years of its due dates after the year it was accepted in (the
 * years without a notice are the coming ones), or the latest date's year when all fall in one year. Empty once the
 * case is decided: its dates no longer move.
 */
export function provisionalYearsOf(d: { provisional: boolean; status: string; acceptedOn: string | null; dueDate: string | null; legalDueDate: string | null; extendedLegalDueDate: string | null }): number[] {
  if (!d.provisional || !(OPEN_STATUSES as readonly string[]).includes(d.status)) return []
  const years = [d.dueDate, d.legalDueDate, d.extendedLegalDueDate].filter((x): x is string => !!x).map((x) => Number(x.slice(0, 4)))
  if (!years.length) return []
  const from = Number((d.acceptedOn ?? '').slice(0, 4)) || Math.min(...years)
  const later = [...new Set(years.filter((y) => y > from))].sort()
  return later.length ? later : [Math.max(...years)]
}

export function ProvisionalTag() {
  return <Tag color="gold" className="provisional-tag">{t('provisional.tag')}</Tag>
}

/** Today's date in China time, as the server counts it. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
}
