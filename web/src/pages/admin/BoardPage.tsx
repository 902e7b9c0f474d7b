// 应进必进: of the units that must have a window in the center, how many have entered; the rate is the headline.
import { Alert, Card, Col, Row, Segmented, Select, Statistic, Table, Tag } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { EntryGauge } from '../../components/EntryGauge'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useCenterOptions } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import type { ApiResponse } from '../../lib/apiTypes'

type BoardUnit = EntryBoard['departments'][number]
type EntryBoard = ApiResponse<'/api/boards/entry', 'get'>

export default function BoardPage() {
  const { user } = useSession()
  const { centers } = useCenterOptions()
  const [centerId, setCenterId] = useState<number | undefined>(user.centerLevel === 'village' ? undefined : user.centerId)
  const [scope, setScope] = useState<'required' | 'all'>('required')
  const board = useLoad((s) => api.get<EntryBoard>('/api/boards/entry', { centerId }, s), [centerId])
  const b = board.data
  const rows = (b?.departments ?? []).filter((d) => scope === 'all' || d.required)

  return (
    <>
      <PageHead
        title={t('menu.board')}
        extra={
          <Select style={{ width: 240 }} value={centerId ?? b?.center.id} onChange={(v: number) => setCenterId(v)} aria-label={t('workbench.center')}
            options={centers.filter((c) => c.level !== 'village').map((c) => ({ value: c.id, label: c.name }))} />
        }
      />
      {board.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(board.error) })} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card loading={board.loading && !b} className="board-rate" style={{ height: '100%' }}>
            <div className="board-label">{t('board.rateOf', { center: b?.center.name ?? '' })}</div>
            <div className="big-number" data-testid="entry-rate">{b ? `${(b.rate * 100).toFixed(1)}%` : '—'}</div>
            <div className="board-label">{t('board.enteredOfRequired', { entered: b?.entered ?? 0, required: b?.required ?? 0 })}</div>
          </Card>
        </Col>
        <Col xs={24} md={8}><Card loading={board.loading && !b} style={{ height: '100%' }} styles={{ body: { padding: 8 } }}>{b && <EntryGauge rate={b.rate} />}</Card></Col>
        <Col xs={24} md={8}>
          <Card loading={board.loading && !b} style={{ height: '100%' }}>
            <Statistic title={t('board.notEntered')} value={b ? b.required - b.entered : 0} suffix={t('board.unitSuffix')} styles={{ content: { color: '#c8102e' } }} />
            <Statistic title={t('board.windowsOfEntered')} value={b?.windowsOfEntered ?? 0} suffix={t('board.windowUnit')} style={{ marginTop: 16 }} />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('board.units')}
        extra={<Segmented value={scope} onChange={(v) => setScope(v as 'required' | 'all')} options={[{ value: 'required', label: t('board.requiredOnly') }, { value: 'all', label: t('board.allUnits') }]} />}
      >
        <Table<BoardUnit>
          className="board-table" rowKey="id" size="middle" loading={board.loading} dataSource={rows} pagination={false} scroll={{ x: 720 }}
          columns={[
            { title: t('board.unit'), dataIndex: 'name' },
            { title: t('board.required'), dataIndex: 'required', width: 90, render: (r: boolean) => (r ? <Tag color="red">{t('board.requiredTag')}</Tag> : '—') },
            { title: t('board.entryStatus'), dataIndex: 'entered', width: 100, render: (e: boolean) => (e ? <Tag color="green">{t('board.entered')}</Tag> : <Tag color="orange">{t('board.notEnteredTag')}</Tag>) },
            { title: t('board.enteredOn'), dataIndex: 'enteredOn', width: 120, render: (d: string | null) => d ?? '—' },
            { title: t('board.windows'), dataIndex: 'windows', render: (ws: BoardUnit['windows']) => ws.map((w) => <Tag key={w.id}>{t('item.windowLabel', { number: w.number, name: w.name })}</Tag>) },
            { title: t('board.items'), dataIndex: 'items', width: 90 },
          ]}
        />
      </Card>
    </>
  )
}
