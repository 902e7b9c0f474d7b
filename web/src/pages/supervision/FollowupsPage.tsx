// `/app/followups`: bad ratings under follow-up in my jurisdiction; open one to see its record and take the next step.
import { Alert, Button, Card, Descriptions, Drawer, Input, Space, Table, Tag, Timeline } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { when } from '../../lib/format'
import { t, type MessageKey } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { LightTag, type Light } from './LightTag'
import type { RatingOptions } from './ScoreFields'
import type { ApiResponse, Row } from '../../lib/apiTypes'

type Followup = Row<ApiResponse<'/api/ratings/followups', 'get'>['followups']>
type Detail = ApiResponse<'/api/ratings/followups/{id}', 'get'>

export default function FollowupsPage() {
  const list = useLoad((s) => api.get<{ followups: Followup[] }>('/api/ratings/followups', undefined, s), [])
  const [openId, setOpenId] = useState<number | null>(null)
  return (
    <>
      <PageHead title={t('fu.title')} />
      {list.error && <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(list.error) })} />}
      <Card>
        <Table<Followup> className="followups-table" rowKey="id" loading={list.loading} dataSource={list.data?.followups ?? []} scroll={{ x: 900 }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('fu.case'), render: (_: unknown, r) => r.case.number, width: 170 },
            { title: t('sv.item'), render: (_: unknown, r) => r.case.itemName },
            { title: t('fu.score'), render: (_: unknown, r) => <Tag color="red">{t(`score.${r.rating.score}` as MessageKey)}</Tag>, width: 110 },
            { title: t('fu.status'), dataIndex: 'status', width: 90, render: (s: string) => <span data-status={s}>{t(`fu.${s}` as MessageKey)}</span> },
            { title: t('sv.due'), dataIndex: 'due', width: 110, render: (d: string | null) => d ?? '—' },
            { title: t('sv.light'), dataIndex: 'light', width: 80, render: (l: Light | null) => (l ? <LightTag light={l} /> : '—') },
            { title: t('sv.center'), dataIndex: 'centerName' },
          ]} />
      </Card>
      {openId !== null && <FollowupDrawer id={openId} onClose={() => { setOpenId(null); list.reload() }} />}
    </>
  )
}

function FollowupDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const f = useLoad((s) => api.get<Detail>(`/api/ratings/followups/${id}`, undefined, s), [id])
  const form = useLoad((s) => api.get<RatingOptions>('/api/public/ratings/options', undefined, s), [])
  const optionText = (code: string) => form.data?.options.find((o) => o.code === code)?.text ?? code
  const indicatorText = (name: string) => form.data?.indicators.find((i) => i.name === name)?.text ?? name
  const [note, setNote] = useState('')
  const run = useAction()
  const d = f.data
  const act = (action: string) => {
    if (!note.trim()) return run(() => Promise.reject(new Error(t('fu.noteRequired'))))
    return run(() => api.post(`/api/ratings/followups/${id}/actions/${action}`, { note }), { then: () => { setNote(''); f.reload() } })
  }
  return (
    <Drawer open width={560} title={d ? t('fu.detail', { number: d.case.number }) : ''} onClose={onClose}>
      {d && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('fu.status')}><span data-testid="followup-status">{t(`fu.${d.status}` as MessageKey)}</span></Descriptions.Item>
            <Descriptions.Item label={t('fu.score')}>{t(`score.${d.rating.score}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('rate.options')}>{d.rating.options.map(optionText).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rate.indicators')}>{Object.entries(d.rating.indicators).filter(([n]) => n !== 'overall').map(([n, v]) => `${indicatorText(n)} ${t(`score.${v}` as MessageKey)}`).join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fu.comment')}>{d.rating.comment || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rate.addendumTitle')}>{d.rating.addendum ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fu.callbackDue')}>{d.callbackDue}</Descriptions.Item>
            <Descriptions.Item label={t('fu.fixDue')}>{d.fixDue}</Descriptions.Item>
          </Descriptions>
          <Timeline items={d.events.map((e) => ({ content: `${when(e.at)} ${t(`fu.action.${e.action}` as MessageKey)} ${e.actor ?? ''}：${e.note}` }))} />
          {d.allowedActions.length > 0 && (
            <>
              <Input.TextArea rows={3} placeholder={t('fu.note')} aria-label={t('fu.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
              <Space wrap>
                {d.allowedActions.map((a) => <Button key={a} type={a === 'set_aside' || a === 'request_review' ? 'default' : 'primary'} onClick={() => act(a)}>{t(`fu.action.${a}` as MessageKey)}</Button>)}
              </Space>
            </>
          )}
        </Space>
      )}
    </Drawer>
  )
}
