// 今日工作 on the workbench: the count of each work list the user's roles hold, each a link to the list (issue 24).
import { Card, Col, Row, Statistic } from 'antd'
import { Link } from 'react-router'
import { api } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'

interface Count { key: string; label: MessageKey; path: string; n: number }

export function TodayCard() {
  const { user } = useSession()
  const has = (...roles: string[]) => user.roles.some((r) => roles.includes(r))
  const counts = useLoad(async (s): Promise<Count[]> => {
    const out: Promise<Count>[] = []
    if (has('approver', 'department_head')) {
      out.push(api.get<{ total: number }>('/api/cases/inbox', { limit: 1 }, s).then((r) => ({ key: 'inbox', label: 'inbox.title', path: '/app/inbox', n: r.total })))
    }
    if (has('agent')) {
      out.push(api.get<{ total: number }>('/api/agency/inbox', { limit: 1 }, s).then((r) => ({ key: 'agency', label: 'levels.myCases', path: '/app/agency', n: r.total })))
    }
    return Promise.all(out)
  }, [user.username])
  if (!counts.data?.length) return null
  return (
    <Card title={t('workbench.todo')} className="today-card">
      <Row gutter={[16, 16]}>
        {counts.data.map((c) => (
          <Col key={c.key} xs={12} md={6}>
            <Link to={c.path} data-testid={`count-${c.key}`}><Statistic title={t(c.label)} value={c.n} /></Link>
          </Col>
        ))}
      </Row>
    </Card>
  )
}
