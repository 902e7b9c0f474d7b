// The warning staff see where a date rests on a provisional calendar: a year whose State Council notice is not
// entered yet, counted on the statutory rules (《全国年节及纪念日放假办法》) until an administrator confirms it.
import { Alert, Tag } from 'antd'
import { t } from '../../i18n'

export function ProvisionalAlert({ years }: { years?: number[] }) {
  return <Alert type="warning" showIcon className="provisional-warning" style={{ marginBottom: 16 }}
    title={t('provisional.title')} description={t('provisional.text', { years: years?.length ? years.join('、') + ' 年' : t('provisional.someYear') })} />
}

export function ProvisionalTag() {
  return <Tag color="gold" className="provisional-tag">{t('provisional.tag')}</Tag>
}

/** Today's date in China time, as the server counts it. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
}
