// A case across the levels: the map of its centers, the custody chain, the timeline of events, and the actions that
// move it between levels (send the result back down to where it was accepted, pass it down, hand it to the applicant).
import { Button, Card, Descriptions, Input, Space, Timeline } from 'antd'
import { useParams } from 'react-router'
import { api } from '../../api'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { useState } from 'react'
import { CustodyChain } from './CustodyChain'
import { HandoverDialog } from './HandoverDialog'
import { LevelsMap } from './LevelsMap'
import { CaseStatus, LightTag } from './LevelTags'
import { act, custodyOf, type CaseOut, type Custody } from './levelsApi'

interface Detail extends CaseOut { allowedActions: string[]; events: { at: string; action: string; centerName: string; actor: string; note: string }[] }

export default function CaseLevelsPage() {
  const id = Number(useParams().id)
  const data = useLoad((s) => Promise.all([api.get<Detail>(`/api/cases/${id}`, undefined, s), custodyOf(id, s)]), [id])
  const run = useAction()
  const [down, setDown] = useState(false)
  const [opinion, setOpinion] = useState('')
  if (!data.data) return <PageLoading />
  const [c, custody]: [Detail, Custody] = data.data
  const can = (a: string) => c.allowedActions.includes(a)
  return (
    <>
      <h2>{c.itemName} <CaseStatus status={c.status} /> <LightTag light={c.light} /></h2>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'n', label: t('levels.number'), children: <span className="case-number">{c.number}</span> },
        { key: 'a', label: t('levels.applicantName'), children: c.applicant.name },
        { key: 'd', label: t('levels.due'), children: c.dueDate ?? '—' },
      ]} />
      <Space wrap style={{ margin: '12px 0' }}>
        {(can('advance') || can('approve')) && <Input className="levels-opinion" placeholder={t('levels.opinionPlaceholder')} value={opinion} onChange={(e) => setOpinion(e.target.value)} style={{ width: 260 }} />}
        {can('advance') && <Button onClick={() => run(() => act(id, 'advance', { opinion: opinion.trim() || t('levels.advanceDefault') }), { then: () => { setOpinion(''); data.reload() } })}>{t('levels.advance')}</Button>}
        {can('approve') && <Button type="primary" onClick={() => run(() => act(id, 'approve', { note: opinion.trim() || t('levels.approveDefault') }), { then: () => { setOpinion(''); data.reload() } })}>{t('levels.approve')}</Button>}
        {can('deliver') && <Button type="primary" onClick={() => run(() => act(id, 'deliver', { method: 'pickup', centerId: custody.originCenterId }), { success: t('levels.delivered'), then: data.reload })}>{t('levels.deliverHome')}</Button>}
        {can('handover') && c.delivery && c.currentCenterId !== c.delivery.centerId && <Button onClick={() => setDown(true)}>{t('levels.passDown')}</Button>}
        {can('pickup') && c.delivery?.centerId === c.currentCenterId && <Button type="primary" onClick={() => run(() => act(id, 'pickup'), { success: t('levels.pickedUp'), then: data.reload })}>{t('levels.pickup')}</Button>}
      </Space>
      <Card title={t('levels.map')} size="small" style={{ marginBottom: 12 }}><LevelsMap custody={custody} /></Card>
      <Card title={t('levels.custody')} size="small" style={{ marginBottom: 12 }}><CustodyChain handovers={custody.handovers} /></Card>
      <Card title={t('levels.timeline')} size="small">
        <Timeline items={c.events.map((e, i) => ({ key: i, content: <div data-event={e.action}><b>{e.centerName}</b> · {dateTime(e.at)} · {e.actor}<div>{e.note}</div></div> }))} />
      </Card>
      {down && <HandoverDialog caseId={id} down open onClose={() => setDown(false)} onDone={data.reload} />}
    </>
  )
}
