// `/app/cases/:id` 办件详情: the case, its steps with due dates and lights, the timeline of events, the buttons of
// the actions this user may take now (allowedActions from the server's one table) and the printed notices.
import { Alert, Button, Card, Descriptions, Result, Space, Table, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { PageLoading } from '../../components/PageLoading'
import { t, type MessageKey } from '../../i18n'
import { dateTime, when } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { CaseFiles } from '../levels/CaseFiles'
import { HandoverDialog } from '../levels/HandoverDialog'
import { ActionDialog } from './ActionDialog'
import { ChainDialog, chainSteps } from './ChainDialog'
import { channelText } from './ChannelFields'
import { CommitmentCard } from './CommitmentCard'
import { CaseStatusTag, LightTag } from './CaseTags'
import { ProvisionalAlert, ProvisionalTag, provisionalYearsOf } from './ProvisionalAlert'
import { SeparatedNote } from './SeparatedNote'
import { decisionLabel, eventText, kindText, noticesOf, noticeTitle, stepText, unitText, type CaseAction, type CaseDetail, type CaseStep } from './caseTypes'

export default function CasePage() {
  const id = Number(useParams().id)
  const created = (useLocation().state as { created?: string } | null)?.created
  const c = useLoad((s) => api.get<CaseDetail>(`/api/cases/${id}`, undefined, s), [id])
  const [action, setAction] = useState<CaseAction | null>(null)
  const [chain, setChain] = useState(false)
  if (c.error) return <Result status="warning" title={errorMessage(c.error)} />
  if (!c.data) return <PageLoading />
  const d = c.data
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHead title={<>{d.itemName} <CaseStatusTag status={d.status} /></>} extra={<><Link to={`/app/levels/cases/${d.id}`}>{t('levels.detail')}</Link><Link to="/app/cases">{t('app.back')}</Link></>} />
      {/* what intake just did, while it still holds: the 材料不全 notice goes once 补齐材料 has accepted the case */}
      {created && created === d.status && <Alert type={created === 'accepted' || created === 'closed' ? 'success' : 'warning'} showIcon title={t(`intake.created.${created}` as MessageKey, { number: d.number })} />}
      <Card title={t('case.actions')} className="case-actions">
        {d.allowedActions.length === 0 ? <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text> : (
          <Space wrap>
            {chainSteps(d).length > 0 && <Button type="primary" onClick={() => setChain(true)}>{t('chain.button', { steps: [...chainSteps(d).map(stepText), t('chain.decisionShort')].join('、') })}</Button>}
            {d.allowedActions.map((a) => (
              <Button key={a} type={a === 'deny' || a === 'refuse' ? 'default' : 'primary'} danger={a === 'deny' || a === 'refuse'} onClick={() => setAction(a)}>{decisionLabel(a, d)}</Button>
            ))}
          </Space>
        )}
        <SeparatedNote c={d} />
      </Card>
      {provisionalYearsOf(d).length > 0 && <ProvisionalAlert years={provisionalYearsOf(d)} />}
      {d.bundle && <Alert type="info" showIcon title={<>{t('bundle.partOf', { name: d.bundle.name })} <Link to={`/app/bundle-cases/${d.bundle.id}`} className="code-cell">{d.bundle.number}</Link></>} />}
      <Facts d={d} />
      {d.commitment && <CommitmentCard d={d} />}
      <Card title={t('case.prints')}>
        <Space wrap>
          {noticesOf(d).map((n) => <Link key={n} to={`/print/cases/${d.id}/${n}`} target="_blank">{noticeTitle(d, n)}</Link>)}
          {d.commitment && <Link to={`/print/cases/${d.id}/commitment`} target="_blank">{t('commitment.letter')}</Link>}
        </Space>
      </Card>
      {d.steps.length > 0 && <Steps steps={d.steps} />}
      <Card title={t('case.materials')}>
        <Space orientation="vertical">
          {d.materials.map((m, i) => (
            <span key={i}>
              <Tag color={m.received ? 'green' : m.deferred ? 'blue' : m.required ? 'red' : 'default'}>{m.received ? t('case.materialReceived') : m.deferred ? t('commitment.deferred') : t('case.materialMissing')}</Tag>
              {m.name} <Typography.Text type="secondary">（{m.required ? t('case.required') : t('case.optional')}）</Typography.Text>
            </span>
          ))}
        </Space>
      </Card>
      <CaseFiles caseId={d.id} canAdd={d.status !== 'closed'} canMarkSeen={d.allowedActions.length > 0} />
      <Card title={t('case.timeline')}>
        <Timeline className="case-timeline" items={d.events.map((e) => ({
          content: (
            <div>
              <strong>{eventText(e.action, d)}</strong>{' '}
              <Typography.Text type="secondary">{when(e.at)} · {e.centerName}{e.windowName ? ` · ${e.windowName}` : ''} · {e.actor}</Typography.Text>
              {e.from !== e.to && <div><Typography.Text type="secondary">{e.from ? t(`caseStatus.${e.from}` as MessageKey) : '—'} → {t(`caseStatus.${e.to}` as MessageKey)}</Typography.Text></div>}
              {e.note && <div className="pre-line">{e.note}</div>}
            </div>
          ),
        }))} />
      </Card>
      {action === 'handover' && <HandoverDialog caseId={d.id} down={d.status !== 'received'} open onClose={() => setAction(null)} onDone={c.reload} />}
      {chain && <ChainDialog c={d} onClose={() => setChain(false)} onDone={() => { setChain(false); c.reload() }} />}
      {action && action !== 'handover' && <ActionDialog action={action} c={d} onClose={() => setAction(null)} onDone={() => { setAction(null); c.reload() }} />}
    </Space>
  )
}

function Facts({ d }: { d: CaseDetail }) {
  return (
    <Card>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('case.number')}><span className="code-cell case-number">{d.number}</span></Descriptions.Item>
        <Descriptions.Item label={t('case.queryCode')}><span className="code-cell">{d.queryCode}</span></Descriptions.Item>
        <Descriptions.Item label={t('case.handlingKind')}>{kindText(d.handlingKind)} · {t('case.days', { legal: d.legalDays, promised: d.promisedDays, unit: unitText(d.daysUnit) })}</Descriptions.Item>
        <Descriptions.Item label={t('case.light')}><LightTag light={d.light} />{d.suspended && <Tag color="orange">{t('case.suspended')}</Tag>}{d.extendedDays > 0 && <Tag>{t('case.extended', { days: d.extendedDays })}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('case.applicant')}>{d.applicant.name}（{t(d.applicant.kind === 'person' ? 'intake.person' : 'intake.organization')}）</Descriptions.Item>
        <Descriptions.Item label={t('case.idNumber')}><span title={t('case.fullIdAudited')}>{d.applicant.idNumber}</span></Descriptions.Item>
        <Descriptions.Item label={t('case.phone')}>{d.applicant.phone}</Descriptions.Item>
        {d.applicant.legalRepresentative && <Descriptions.Item label={t('intake.legalRepresentative')}>{d.applicant.legalRepresentative.name}</Descriptions.Item>}
        {d.applicant.representative && (
          <Descriptions.Item label={t('intake.representative')}>
            <span data-testid="representative">{d.applicant.representative.name} · {d.applicant.representative.idNumber} · {d.applicant.representative.phone}</span>
          </Descriptions.Item>
        )}
        {d.channel && <Descriptions.Item label={t('channel.label')}>{channelText(d.channel)}</Descriptions.Item>}
        <Descriptions.Item label={t('case.receivedAt')}>{dateTime(d.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.acceptedAt')}>{dateTime(d.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.dueDate')}>{d.dueDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.legalDueDate')}>{d.legalDueDate ?? (d.handlingKind === 'immediate' ? t('notice.onTheSpot') : '—')}{d.provisional && <ProvisionalTag />}</Descriptions.Item>
        {d.extendedLegalDueDate && <Descriptions.Item label={t('case.extendedLegalDueDate')}>{d.extendedLegalDueDate}</Descriptions.Item>}
        <Descriptions.Item label={t('case.decidingBody')}>{d.notice.decidingBody}</Descriptions.Item>
        {d.decision && <Descriptions.Item label={t('case.decision')}>{[(d.decision.outcome !== 'answered' && d.decision.wording) || t(`caseStatus.${d.decision.outcome}` as MessageKey), d.decision.reasons ?? d.decision.note].filter((x, i, all) => x && all.indexOf(x) === i).join('：')}</Descriptions.Item>}
        {d.refusal && <Descriptions.Item label={t('case.refusal')}>{d.refusal.reason}{d.refusal.referTo ? `；${t('case.referTo', { body: d.refusal.referTo })}` : ''}</Descriptions.Item>}
        {d.delivery && <Descriptions.Item label={t('case.delivery')}>{d.delivery.method === 'mail' ? t('case.deliveryMail', { tracking: d.delivery.trackingNumber ?? '' }) : `${d.pickupPoints.find((p) => p.id === d.delivery!.centerId)?.name ?? d.notice.acceptingCenterName} ${t('case.deliveryPickup')}`}</Descriptions.Item>}
      </Descriptions>
      {d.pauses.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {t('case.pauses')}：{d.pauses.map((p) => `${t(`pauseKind.${p.kind}` as MessageKey)} ${p.from}～${p.to ?? t('case.pauseOpen')}（${p.reason}）`).join('；')}
        </div>
      )}
      {d.extensions.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {t('case.extensions')}：{d.extensions.map((e) => `${e.days} 个工作日 ${t(`case.extensionStatus.${e.status}` as MessageKey)}（${e.reason}）`).join('；')}
        </div>
      )}
      {d.attachments.length > 0 && (
        <div style={{ marginTop: 8 }} className="case-attachments">
          {t('case.attachments')}：{d.attachments.map((a) => (
            <a key={a.id} href={`/api/cases/${d.id}/attachments/${a.id}`} style={{ marginRight: 12 }}>{t(`case.attachmentKind.${a.kind}` as MessageKey)} · {a.name}</a>
          ))}
        </div>
      )}
    </Card>
  )
}

function Steps({ steps }: { steps: CaseStep[] }) {
  return (
    <Card title={t('case.steps')}>
      <Table<CaseStep> rowKey="id" size="small" pagination={false} dataSource={steps} className="case-steps" scroll={{ x: true }} columns={[
        { title: t('case.steps'), dataIndex: 'kind', render: (k: string) => stepText(k) },
        { title: t('case.center'), render: (_, s) => s.departmentName ? `${s.centerName} · ${s.departmentName}` : s.centerName },
        { title: t('case.startDate'), dataIndex: 'startDate' },
        { title: t('case.stepDue'), dataIndex: 'dueDate', render: (v: string | null) => v ?? '—' },
        { title: t('case.light'), dataIndex: 'light', render: (_, s) => <LightTag light={s.light} /> },
        { title: t('case.doneAt'), dataIndex: 'doneAt', render: (v?: string) => (v ? dateTime(v) : '—') },
        { title: t('case.opinion'), dataIndex: 'opinion' },
      ]} />
    </Card>
  )
}
