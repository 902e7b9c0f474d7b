// A case across the levels: the map of its centers, the custody chain, the timeline of events, and the actions this
// user may take now (allowedActions): send the result to a pick-up point of the chain, pass it down, hand it over.
import { Button, Card, Descriptions, Input, Space, Timeline } from 'antd'
import { useState } from 'react'
import { useParams } from 'react-router'
import { api } from '../../api'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { ActionDialog } from '../cases/ActionDialog'
import { decisionLabel, type CaseAction, type CaseDetail } from '../cases/caseTypes'
import { SeparatedNote } from '../cases/SeparatedNote'
import { useSession } from '../../session'
import { CaseFiles } from './CaseFiles'
import { CustodyChain } from './CustodyChain'
import { HandoverDialog } from './HandoverDialog'
import { LevelsMap } from './LevelsMap'
import { CaseStatus, LightTag } from './LevelTags'
import { act, custodyOf, type Custody } from './levelsApi'

/** Actions with a button of their own here; any other allowed one opens the case's action form. */
const OWN: readonly CaseAction[] = ['advance', 'approve', 'deliver', 'handover', 'pickup']

export default function CaseLevelsPage() {
  const id = Number(useParams().id)
  const data = useLoad((s) => Promise.all([api.get<CaseDetail>(`/api/cases/${id}`, undefined, s), custodyOf(id, s)]), [id])
  const run = useAction()
  const { user } = useSession()
  const [handing, setHanding] = useState(false)
  const [dialog, setDialog] = useState<CaseAction | null>(null)
  const [opinion, setOpinion] = useState('')
  if (!data.data) return <PageLoading />
  const [c, custody]: [CaseDetail, Custody] = data.data
  const can = (a: CaseAction) => c.allowedActions.includes(a)
  const down = c.status !== 'received'
  return (
    <>
      <h2>{c.itemName} <CaseStatus status={c.status} /> <LightTag light={c.light} /></h2>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'n', label: t('levels.number'), children: <span className="case-number">{c.number}</span> },
        { key: 'a', label: t('levels.applicantName'), children: c.applicant.name },
        { key: 'd', label: t('levels.due'), children: c.dueDate ?? '—' },
        ...(c.delivery?.centerId ? [{ key: 'p', label: t('levels.pickupAt'), children: c.pickupPoints.find((p) => p.id === c.delivery!.centerId)?.name ?? custody.levels.find((l) => l.id === c.delivery!.centerId)?.name }] : []),
      ]} />
      <Space wrap style={{ margin: '12px 0' }} className="levels-actions">
        {(can('advance') || can('approve')) && <Input className="levels-opinion" placeholder={t('levels.opinionPlaceholder')} value={opinion} onChange={(e) => setOpinion(e.target.value)} style={{ width: 260 }} />}
        {can('advance') && <Button onClick={() => run(() => act(id, 'advance', { opinion: opinion.trim() || t('levels.advanceDefault') }), { then: () => { setOpinion(''); data.reload() } })}>{t('levels.advance')}</Button>}
        {/* the decision in the item's words (准予给付, 予以确认 …); without an opinion the server words it */}
        {can('approve') && <Button type="primary" onClick={() => run(() => act(id, 'approve', opinion.trim() ? { note: opinion.trim() } : {}), { then: () => { setOpinion(''); data.reload() } })}>{decisionLabel('approve', c)}</Button>}
        {can('deliver') && <Button type="primary" onClick={() => setDialog('deliver')}>{t('levels.deliver')}</Button>}
        {can('handover') && <Button type="primary" onClick={() => setHanding(true)}>{down ? t('levels.passDown') : t('levels.handover')}</Button>}
        {can('pickup') && <Button type="primary" onClick={() => run(() => act(id, 'pickup'), { success: t('levels.pickedUp'), then: data.reload })}>{t('levels.pickup')}</Button>}
        {c.allowedActions.filter((a) => !OWN.includes(a)).map((a) => <Button key={a} onClick={() => setDialog(a)}>{decisionLabel(a, c)}</Button>)}
      </Space>
      <SeparatedNote c={c} />
      <CaseFiles caseId={id} canAdd={c.status !== 'closed'} canMarkSeen={c.currentCenterId === user!.centerId} />
      <Card title={t('levels.map')} size="small" style={{ marginBottom: 12 }}><LevelsMap custody={custody} /></Card>
      <Card title={t('levels.custody')} size="small" style={{ marginBottom: 12 }}><CustodyChain handovers={custody.handovers} /></Card>
      <Card title={t('levels.timeline')} size="small">
        <Timeline items={c.events.map((e, i) => ({ key: i, content: <div data-event={e.action}><b>{e.centerName}</b> · {dateTime(e.at)} · {e.actor}<div>{e.note}</div></div> }))} />
      </Card>
      {handing && <HandoverDialog caseId={id} down={down} open onClose={() => setHanding(false)} onDone={data.reload} />}
      {dialog && <ActionDialog action={dialog} c={c} onClose={() => setDialog(null)} onDone={() => { setDialog(null); data.reload() }} />}
    </>
  )
}
