// 叫号 /app/hall/window: the clerk's window panel. Call next, recall, start and finish service, no-show, transfer,
// link the case the ticket produced, pause the window. The server decides; the page shows its answer.
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { when } from '../../lib/format'
import { statusTag, type ServiceWindow } from '../../lib/network'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { t, type MessageKey } from '../../i18n'
import { useSession } from '../../session'
import type { HallTicket, Panel } from './hallTypes'
import ConsultButton from '../supervision/ConsultButton'

export default function WindowPanelPage() {
  const { user } = useSession()
  const { message } = App.useApp()
  const run = useAction()
  const [windowId, setWindowId] = useState<number | null>(user.windowId)
  // what was said for the ticket just called; shown only while that ticket is still the called one
  const [lastCall, setLastCall] = useState<{ ticketId: number; text: string } | null>(null)
  const [target, setTarget] = useState<string | undefined>()
  const [caseNumber, setCaseNumber] = useState('')
  const windows = useLoad((s) => api.get<{ windows: ServiceWindow[] }>('/api/windows', { centerId: user.centerId, status: 'open' }, s), [user.centerId])
  const panel = useLoad((s) => (windowId ? api.get<Panel>(`/api/windows/${windowId}/panel`, undefined, s) : Promise.resolve(null)), [windowId])
  const p = panel.data
  const cur = p?.current
  const callText = lastCall && cur?.id === lastCall.ticketId && cur.status === 'called' ? lastCall.text : ''
  const callsShort = cur ? Math.max(0, (p?.maxCalls ?? 0) - cur.calls) : 0

  async function callNext() {
    await run(async () => {
      const res = await api.post<{ ticket: HallTicket } | undefined>(`/api/windows/${windowId}/call-next`)
      if (!res) { message.info(t('panel.nobody')); return }
      setLastCall({ ticketId: res.ticket.id, text: t('panel.calledText', { text: `请${res.ticket.number}号到${p!.window.number}号窗口办理` }) })
    }, { success: t('panel.callNext'), then: panel.reload })
  }
  const act = (action: string, body: object = {}) => run(() => api.post(`/api/tickets/${cur!.id}/actions/${action}`, body), { then: panel.reload })

  return (
    <>
      <PageHead title={t('panel.title')} extra={<Space>
        <ConsultButton />
        <Select style={{ width: 240 }} placeholder={t('panel.pickWindow')} aria-label={t('panel.pickWindow')} value={windowId ?? undefined} onChange={(v: number) => setWindowId(v)}
          options={(windows.data?.windows ?? []).map((w) => ({ value: w.id, label: `${w.number} ${w.name}` }))} />
      </Space>} />
      {!windowId && <Alert type="info" showIcon title={t('panel.noWindow')} />}
      {panel.error != null && <Alert type="error" showIcon title={errorMessage(panel.error)} />}
      {p && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Space wrap size="large">
              <Typography.Title level={2} style={{ margin: 0 }}>{p.window.number} {p.window.name} <Tag color={statusTag(p.window.status).color}>{statusTag(p.window.status).text}</Tag></Typography.Title>
              {p.categories.map((c) => <Tag key={c.id} color="blue">{t('panel.waitingIn', { name: `${c.prefix} ${c.name}`, n: c.waiting })}</Tag>)}
            </Space>
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" size="large" onClick={callNext} disabled={!!cur || p.window.status !== 'open'}>{t('panel.callNext')}</Button>
              <Button size="large" onClick={() => act('recall')} disabled={cur?.status !== 'called'}>{t('panel.recall')}</Button>
              <Button size="large" onClick={() => act('start')} disabled={cur?.status !== 'called'}>{t('panel.start')}</Button>
              <Button size="large" onClick={() => act('finish')} disabled={cur?.status !== 'serving'}>{t('panel.finish')}</Button>
              <Button size="large" danger onClick={() => act('noShow')} disabled={cur?.status !== 'called' || callsShort > 0}
                title={cur?.status === 'called' && callsShort > 0 ? t('panel.noShowAfter', { n: p.maxCalls, left: callsShort }) : undefined}>{t('panel.noShow')}</Button>
              <Button size="large" onClick={() => run(() => api.post(`/api/windows/${p.window.id}/pause`, { paused: p.window.status === 'open' }), { then: panel.reload })}>
                {p.window.status === 'open' ? t('panel.pause') : t('panel.resume')}
              </Button>
            </Space>
            {callText && <div data-testid="panel-call-text" style={{ marginTop: 12, fontSize: 18 }}>{callText}</div>}
            {cur?.status === 'called' && callsShort > 0 && <div className="hint" data-testid="no-show-hint">{t('panel.noShowAfter', { n: p.maxCalls, left: callsShort })}</div>}
          </Card>
          <Card title={t('panel.current')}>
            {!cur ? <Typography.Text type="secondary">{t('panel.noCurrent')}</Typography.Text> : (
              <>
                <Descriptions column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label={t('panel.current')}><strong data-testid="current-ticket" style={{ fontSize: 24 }}>{cur.number}</strong></Descriptions.Item>
                  <Descriptions.Item label={t('common.status')}>{t(`ticketStatus.${cur.status}` as MessageKey)} · {t('panel.called', { n: cur.calls })}</Descriptions.Item>
                  <Descriptions.Item label={t('panel.caseNumber')}>{cur.caseRef ?? '—'}</Descriptions.Item>
                </Descriptions>
                <Space wrap style={{ marginBottom: 16 }}>
                  <Select style={{ width: 260 }} placeholder={t('panel.transferTo')} aria-label={t('panel.transferTo')} value={target} onChange={setTarget}
                    options={[
                      ...p.otherWindows.map((w) => ({ value: `w${w.id}`, label: `${w.number} ${w.name}` })),
                      ...p.allCategories.map((c) => ({ value: `c${c.id}`, label: `${c.prefix} ${c.name}` })),
                    ]} />
                  <Button disabled={!target || cur.status === 'waiting'} onClick={() => act('transfer', target!.startsWith('w') ? { windowId: Number(target!.slice(1)) } : { categoryId: Number(target!.slice(1)) })}>{t('panel.transfer')}</Button>
                  <Input style={{ width: 220 }} placeholder={t('panel.caseNumber')} aria-label={t('panel.caseNumber')} value={caseNumber} onChange={(e) => setCaseNumber(e.target.value.trim())} />
                  <Button disabled={!caseNumber || cur.status !== 'serving'} onClick={() => act('link', { caseNumber })}>{t('panel.link')}</Button>
                </Space>
                <Timeline items={cur.timeline.map((e) => ({ content: `${when(e.at)} ${t(`ticketAction.${e.action}` as MessageKey)}${e.windowNumber ? ` · ${e.windowNumber}` : ''}${e.staffName ? ` · ${e.staffName}` : ''}` }))} />
              </>
            )}
          </Card>
        </Space>
      )}
    </>
  )
}
