// The workbench's warning for managers and administrators: a year within 60 days whose working-day calendar
// is not confirmed, so due dates in it may be wrong.
import { Alert, Space } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { ApiResponse } from '../../lib/apiTypes'

type Warnings = ApiResponse<'/api/workbench/calendar-warning', 'get'>

export function CalendarWarning() {
  const { user } = useSession()
  const shown = user.roles.includes('manager') || user.roles.includes('admin')
  const w = useLoad((s) => (shown ? api.get<Warnings>('/api/workbench/calendar-warning', undefined, s) : Promise.resolve(null)), [shown])
  if (!w.data?.warnings.length) return null
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {w.data.warnings.map((x) => (
        <Alert key={x.year} type="warning" showIcon className="calendar-warning" title={t('calendarWarning.title', { year: x.year })}
          description={t('calendarWarning.text', { startsOn: x.startsOn, days: x.daysUntil })} />
      ))}
    </Space>
  )
}
