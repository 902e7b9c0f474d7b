// 办理渠道与跑动次数 (GET /api/statistics/channels): cases of the range counted by how they were served, the trips they
// cost the applicant (代办, 上门办: none) and trips per case with and without 容缺 and 一件事 — how a town shows its
// "变多次办为一次办" and the elderly villagers it served at home.
import { Card, Descriptions, Table } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { channelText } from '../cases/ChannelFields'
import type { ApiResponse } from '../../lib/apiTypes'

type Tally = Channels['total']
type Channels = ApiResponse<'/api/statistics/channels', 'get'>

const per = (x: Tally) => (x.tripsPerCase === null ? '—' : x.tripsPerCase.toFixed(2))
const line = (x: Tally) => t('stats.channelTally', { cases: x.cases, trips: x.trips, per: per(x) })

export function ChannelsCard({ from, to }: { from: string; to: string }) {
  const r = useLoad((s) => api.get<Channels>('/api/statistics/channels', { from, to }, s), [from, to])
  const d = r.data
  return (
    <Card title={t('stats.channels')} loading={r.loading && !d} data-testid="channels-card">
      {d && (
        <>
          <Table rowKey="channel" size="small" pagination={false} dataSource={d.channels} columns={[
            { title: t('channel.label'), dataIndex: 'channel', render: (c: string) => channelText(c) },
            { title: t('stats.channelCases'), dataIndex: 'cases', align: 'right' },
            { title: t('stats.channelTrips'), dataIndex: 'trips', align: 'right' },
            { title: t('stats.tripsPerCase'), render: (_, x) => per(x), align: 'right' },
          ]} />
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('stats.channelTotal')}>{line(d.total)}</Descriptions.Item>
            <Descriptions.Item label={t('stats.channelWithCommitment')}>{line(d.withCommitment)}</Descriptions.Item>
            <Descriptions.Item label={t('stats.channelBundled')}>{line(d.bundled)}</Descriptions.Item>
            <Descriptions.Item label={t('stats.channelWithoutEither')}>{line(d.withoutEither)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  )
}
