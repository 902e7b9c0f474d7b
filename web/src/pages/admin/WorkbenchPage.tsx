// `/app`: who I am, where I sit, and the shortcuts my roles open.
import { Card, Descriptions, Space, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { api } from '../../api'
import { t } from '../../i18n'
import type { ServiceWindow } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { MENU_ENTRIES, menuFor } from '../../menu'
import { useSession } from '../../session'
import { CalendarWarning } from '../cases/CalendarWarning'
import { DigestCard } from '../supervision/DigestCard'
import { PhoneTasksCard } from '../levels/PhoneTasksCard'
import { HallStatsCard } from '../hall/HallStatsCard'
import { StatisticsCard } from '../supervision/StatisticsCard'
import { TodayCard } from './TodayCard'
import { can } from '../../../../src/domain/jurisdiction.js'

export default function WorkbenchPage() {
  const { user } = useSession()
  const shortcuts = menuFor(user.roles).filter((k) => k !== 'workbench')
  const seat = useLoad((s) => (user.windowId ? api.get<ServiceWindow>(`/api/windows/${user.windowId}`, undefined, s) : Promise.resolve(null)), [user.windowId])
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t('workbench.hello', { name: user.name })}</Typography.Title>
      <CalendarWarning />
      <TodayCard />
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('workbench.center')}>{user.centerName}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.roles')}>
            {user.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workbench.window')}>{seat.data ? t('item.windowLabel', { number: seat.data.number, name: seat.data.name }) : user.windowId ? '…' : t('workbench.noWindow')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <PhoneTasksCard caseLink={(id) => (user.roles.includes('agent') ? `/app/agency/cases/${id}` : `/app/cases/${id}`)} />
      <DigestCard />
      {can(user.roles, 'reports.read') && <StatisticsCard />}
      <Card title={t('workbench.shortcuts')}>
        <Space wrap>
          {shortcuts.map((k) => <Link key={k} to={MENU_ENTRIES[k].path}>{t(MENU_ENTRIES[k].label)}</Link>)}
        </Space>
      </Card>
      {user.roles.some((r) => r === 'manager' || r === 'admin' || r === 'supervisor') && user.centerLevel !== 'village' && <HallStatsCard centerId={user.centerId} />}
    </Space>
  )
}
