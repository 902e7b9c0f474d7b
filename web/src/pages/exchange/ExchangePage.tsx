// `/app/exchange`: the day's reconciliation with the provincial platform per center (sent, acknowledged, refused,
// not yet sent, the oldest unacknowledged record) and the refused records with the province's reason; managers send
// a refused record again once its data is put right; administrators keep the identifiers and import the catalog.
import { Alert, Button, Card, Col, DatePicker, Row, Statistic, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import { ExchangeSetup } from './ExchangeSetup'
import type { ApiResponse } from '../../lib/apiTypes'

type Counts = Report['totals']
type CenterRow = Report['centers'][number]
type Refused = Report['refused'][number]
type Report = ApiResponse<'/api/exchange/reconciliation', 'get'>

const time = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : t('exchange.none'))

export default function ExchangePage() {
  const { user } = useSession()
  const canResend = allowed(user.roles, 'network.manage')
  const [day, setDay] = useState<Dayjs | null>(null)
  const r = useLoad((s) => api.get<Report>('/api/exchange/reconciliation', day ? { day: day.format('YYYY-MM-DD') } : undefined, s), [day?.valueOf()])
  const run = useAction()
  const d = r.data
  const stat = (key: keyof Omit<Counts, 'oldestUnacknowledged'>) => (
    <Col xs={12} md={4} key={key}><Card size="small"><Statistic title={t(`exchange.${key}` as MessageKey)} value={d?.totals[key] ?? 0} data-testid={`total-${key}`} /></Card></Col>
  )
  return (
    <>
      <PageHead title={t('exchange.title')} extra={<DatePicker aria-label={t('exchange.day')} value={day ?? (d ? dayjs(d.day) : null)} onChange={setDay} allowClear={false} />} />
      {r.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(r.error) })} />}
      {d && (
        <>
          <p>{t('exchange.mode')}：<Tag data-testid="exchange-mode">{t(`exchange.mode.${d.mode}` as MessageKey)}</Tag>
            {t('exchange.oldest')}：<span data-testid="oldest">{time(d.totals.oldestUnacknowledged)}</span></p>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {(['created', 'sent', 'acknowledged', 'refused', 'pending'] as const).map(stat)}
          </Row>
          <Card title={t('exchange.byCenter')} style={{ marginBottom: 16 }}>
            <Table<CenterRow> rowKey="centerId" size="small" pagination={false} dataSource={d.centers} scroll={{ x: 700 }} columns={[
              { title: t('exchange.center'), dataIndex: 'centerName' },
              { title: t('exchange.created'), dataIndex: 'created' },
              { title: t('exchange.acknowledged'), dataIndex: 'acknowledged' },
              { title: t('exchange.refused'), dataIndex: 'refused', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : v) },
              { title: t('exchange.pending'), dataIndex: 'pending' },
              { title: t('exchange.oldest'), dataIndex: 'oldestUnacknowledged', render: time },
            ]} />
          </Card>
          <Card title={t('exchange.refusedList')}>
            <Table<Refused> rowKey="id" size="small" pagination={{ pageSize: 20 }} dataSource={d.refused} scroll={{ x: 700 }} data-testid="refused" columns={[
              { title: t('exchange.caseNumber'), dataIndex: 'caseNumber' },
              { title: t('exchange.stage'), dataIndex: 'stage', render: (s: string, x) => `${t(`exchange.stage.${s}` as MessageKey)} ${x.seq || ''}` },
              { title: t('exchange.operation'), dataIndex: 'operation', render: (o: string) => t(`exchange.operation.${o}` as MessageKey) },
              { title: t('exchange.reason'), dataIndex: 'reason' },
              ...(canResend ? [{
                title: '', key: 'resend', render: (_: unknown, x: Refused) => (
                  <Button size="small" onClick={() => void run(() => api.post(`/api/exchange/records/${x.id}/resend`), { success: t('exchange.resent'), then: r.reload })}>{t('exchange.resend')}</Button>
                ),
              }] : []),
            ]} />
          </Card>
        </>
      )}
      {canResend && <ExchangeSetup />}
    </>
  )
}
