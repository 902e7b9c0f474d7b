// The workbench's daily supervision digest (managers and supervisors) and, for anyone, the 督办 notices to acknowledge.
import { Button, Card, Col, List, Row, Statistic } from 'antd'
import { Link } from 'react-router'
import { can } from '../../../../src/domain/jurisdiction.js'
import { api } from '../../api'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { ApiResponse } from '../../lib/apiTypes'

type Digest = ApiResponse<'/api/supervision/digest', 'get'>
type Notice = ApiResponse<'/api/supervision/notices', 'get'>['notices'][number]

export function DigestCard() {
  const { user } = useSession()
  const reads = can(user.roles, 'supervision.read')
  const digest = useLoad((s) => (reads ? api.get<Digest>('/api/supervision/digest', undefined, s) : Promise.resolve(null)), [reads])
  const notices = useLoad((s) => api.get<{ notices: Notice[] }>('/api/supervision/notices', { mine: true }, s), [])
  const run = useAction()
  const open = (notices.data?.notices ?? []).filter((n) => !n.acknowledgedAt)
  const d = digest.data
  return (
    <>
      {d && (
        <Card title={<Link to="/app/supervision">{t('digest.title', { date: d.date })}</Link>} data-testid="digest">
          <Row gutter={16}>
            <Col xs={12} md={4}><Statistic title={t('digest.yellow')} value={d.yellow} styles={{ content: { color: '#d48806' } }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('digest.red')} value={d.red} styles={{ content: { color: '#c8102e' } }} /></Col>
            <Col xs={12} md={5}><Statistic title={t('digest.notices')} value={d.unacknowledgedNotices} /></Col>
            <Col xs={12} md={5}><Statistic title={t('digest.lateFollowups')} value={d.lateFollowups} /></Col>
            <Col xs={12} md={5}><Statistic title={t('digest.openFollowups')} value={d.openFollowups} /></Col>
          </Row>
        </Card>
      )}
      {open.length > 0 && (
        <Card title={t('digest.myNotices')}>
          <List dataSource={open} renderItem={(n) => (
            <List.Item actions={[<Button key="ack" size="small" onClick={() => run(() => api.post(`/api/supervision/notices/${n.id}/acknowledge`, {}), { success: t('digest.acked'), then: notices.reload })}>{t('digest.ack')}</Button>]}>
              <List.Item.Meta title={`${n.number} ${n.itemName}`} description={`${n.senderName}：${n.message}`} />
            </List.Item>
          )} />
        </Card>
      )}
    </>
  )
}
