// `/app/intake` 一窗受理: the clerk picks a published item this center offers (name or pinyin), enters the applicant,
// ticks the materials received and submits; the server decides accepted or one-time notice, or records a refusal.
import { Alert, AutoComplete, Button, Card, Checkbox, Form, Input, Radio, Select, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import type { ItemSummary, PublicItem } from '../../lib/types'
import { useSession } from '../../session'
import ConsultButton from '../supervision/ConsultButton'
import { newRequestId } from './applicantRules'
import { ApplicantCard, applicantBody } from './ApplicantCard'
import { ChannelFields, channelBody, type ChannelValues } from './ChannelFields'
import { DeferralFields } from './DeferralFields'
import { kindText, unitText, type CaseSummary } from './caseTypes'
import { ProvisionalAlert, todayInChina } from './ProvisionalAlert'

/** Common reasons a material handed in does not meet the legal form (一次性告知 names them per material). */
const MATERIAL_PROBLEMS = ['未签名或未盖章', '已过有效期', '复印件不清晰', '应提交原件', '内容与申请表不一致', '缺页或填写不完整']

interface Values {
  itemId: number
  applicant: CaseSummary['applicant']
  received: number[]
  /** 一次性告知: what is wrong with a material handed in (不符合法定形式), by material id */
  problems?: Record<string, string | undefined>
  outcome: 'accept' | 'refuse'
  refuse?: { reason: string; referTo?: string }
  complete?: boolean
  coDepartmentIds?: number[]
  /** 容缺: the missing materials accepted on the applicant's commitment, and the date promised (default: the latest) */
  deferred?: number[]
  commitmentDue?: string
  channel?: ChannelValues
}

export default function IntakePage() {
  const { user } = useSession()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const { busy, error, submit } = useFormSubmit(form)
  const [options, setOptions] = useState<ItemSummary[]>([])
  const [item, setItem] = useState<PublicItem | null>(null)
  const [provisional, setProvisional] = useState<number[]>([])
  const [departments, setDepartments] = useState<{ id: number; name: string }[]>([])
  const requestId = useRef(newRequestId())
  const received = Form.useWatch('received', form) ?? []
  const outcome = Form.useWatch('outcome', form) ?? 'accept'
  const problems = Form.useWatch('problems', form) as Values['problems']
  const deferredIds = (Form.useWatch('deferred', form) as number[] | undefined) ?? []
  const lacking = item?.materials.filter((m) => m.required && (!received.includes(m.id!) || !!problems?.[String(m.id)]?.trim())) ?? []
  // 容缺: the missing ones the item lets follow later; those ticked leave the one-time notice for the commitment
  const deferrable = lacking.filter((m) => m.deferrable && !received.includes(m.id!))
  const deferred = deferrable.filter((m) => deferredIds.includes(m.id!))
  const missing = lacking.filter((m) => !deferred.includes(m))

  async function search(q: string) {
    const r = await api.get<{ items: ItemSummary[] }>('/api/public/items', { q, centerId: user.centerId, pageSize: 20 })
    setOptions(r.items)
  }

  async function pick(id: number) {
    const detail = await api.get<PublicItem>(`/api/public/items/${id}`)
    setItem(detail)
    // Staff see when the dates of this case would rest on a provisional calendar (a year without its notice).
    setProvisional(detail.legalDays === 0 ? [] : (await api.get<{ provisional: boolean; unconfirmedYears: number[] }>('/api/calendar/deadline',
      { from: todayInChina(), days: detail.legalDaysUnit === 'calendar' ? Math.ceil(detail.legalDays * 5 / 7) + 10 : detail.legalDays })
      .then((r) => (r.provisional ? r.unconfirmedYears : []), () => [])))
    form.setFieldsValue({ received: [], complete: undefined, coDepartmentIds: undefined, deferred: [], commitmentDue: undefined })
    requestId.current = newRequestId()
    if (detail.handlingKind === 'joint' && departments.length === 0) {
      const r = await api.get<{ departments: { id: number; name: string }[] }>('/api/public/departments', { centerId: user.centerId })
      setDepartments(r.departments)
    }
  }

  const onFinish = (v: Values) => submit(async () => {
    const body = {
      requestId: requestId.current, itemId: v.itemId, centerId: user.centerId,
      applicant: applicantBody(v.applicant),
      materials: (item?.materials ?? []).map((m) => {
        const problem = v.received.includes(m.id!) ? v.problems?.[String(m.id)]?.trim() : undefined
        return { materialId: m.id!, received: v.received.includes(m.id!), ...(problem ? { problem } : {}) }
      }),
      ...(v.outcome === 'refuse' ? { refuse: { reason: v.refuse!.reason, ...(v.refuse?.referTo ? { referTo: v.refuse.referTo } : {}) } } : {}),
      ...(v.complete && v.outcome === 'accept' ? { complete: true } : {}),
      ...(v.coDepartmentIds?.length ? { coDepartmentIds: v.coDepartmentIds } : {}),
      ...(deferred.length && v.outcome === 'accept' ? { commitment: { materialIds: deferred.map((m) => m.id!), ...(v.commitmentDue ? { dueDate: v.commitmentDue } : {}) } } : {}),
      channel: channelBody(v.channel),
    }
    const c = await api.post<CaseSummary>('/api/cases', body)
    navigate(`/app/cases/${c.id}`, { state: { created: c.status } })
  })

  return (
    <div>
      <PageHead title={t('intake.title')} extra={<><Link to="/app/intake/bundle">{t('bundle.intakeLink')}</Link><ConsultButton itemId={item?.id} /></>} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ applicant: { kind: 'person' }, received: [], outcome: 'accept', channel: { kind: 'window' } }} style={{ maxWidth: 860 }}>
        <Card>
          <Form.Item name="itemId" label={t('intake.item')} rules={[{ required: true, message: t('intake.pickItem') }]}>
            <Select showSearch={{ filterOption: false, onSearch: (q) => void search(q) }} placeholder={t('intake.itemSearch')} aria-label={t('intake.item')}
              onFocus={() => { if (options.length === 0) void search('') }} onChange={(id: number) => void pick(id)}
              options={options.map((o) => ({ value: o.id, label: o.name, facts: t('intake.itemOption', { type: o.itemType, department: o.departmentName }) }))}
              optionRender={(o) => (
                <div className="item-option">
                  <div>{o.label}</div>
                  <div className="hint">{o.data.facts}</div>
                </div>
              )} />
          </Form.Item>
          {item && (
            <Typography.Paragraph type="secondary">
              {t('intake.itemFacts', { kind: kindText(item.handlingKind), legal: item.legalDays, promised: item.promisedDays, unit: unitText(item.legalDaysUnit), department: item.departmentName })}
            </Typography.Paragraph>
          )}
          {item && provisional.length > 0 && <ProvisionalAlert years={provisional} />}
        </Card>
        <ApplicantCard targets={item?.targets} />
        {item && (
          <Card title={t('intake.materials')} style={{ marginTop: 16 }}>
            {item.materials.length === 0 ? t('intake.noMaterials') : (
              <Form.Item name="received" noStyle>
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                  options={item.materials.map((m) => ({
                    value: m.id,
                    label: <span>{m.name} <Tag>{m.required ? t('case.required') : t('case.optional')}</Tag></span>,
                  }))} />
              </Form.Item>
            )}
            {item.materials.filter((m) => received.includes(m.id!)).map((m) => (
              <Form.Item key={m.id} name={['problems', String(m.id)]} label={t('intake.problemOf', { name: m.name })} style={{ marginTop: 12, marginBottom: 0 }}>
                <AutoComplete allowClear maxLength={200} placeholder={t('intake.problemPlaceholder')}
                  options={MATERIAL_PROBLEMS.map((value) => ({ value }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
              </Form.Item>
            ))}
            {outcome === 'accept' && item.handlingKind !== 'immediate' && (
              <DeferralFields days={item.deferralDays ?? null} candidates={deferrable.map((m) => ({ key: m.id!, name: m.name }))} />
            )}
            <Alert style={{ marginTop: 16 }} type={missing.length ? 'warning' : 'success'} showIcon
              title={missing.length ? t('intake.missingHint', { count: missing.length }) + '：' + missing.map((m) => m.name).join('、') : t('intake.completeHint')} />
          </Card>
        )}
        <Card title={t('intake.outcome')} style={{ marginTop: 16 }}>
          <ChannelFields />
          <Form.Item name="outcome">
            <Radio.Group options={[{ value: 'accept', label: t('intake.outcomeAccept') }, { value: 'refuse', label: t('intake.outcomeRefuse') }]} />
          </Form.Item>
          {outcome === 'refuse' && (
            <>
              <Form.Item name={['refuse', 'reason']} label={t('intake.refuseReason')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
              <Form.Item name={['refuse', 'referTo']} label={t('intake.referTo')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {outcome === 'accept' && item?.handlingKind === 'immediate' && (
            <Form.Item name="complete" valuePropName="checked"><Checkbox>{t('intake.complete')}</Checkbox></Form.Item>
          )}
          {outcome === 'accept' && item?.handlingKind === 'joint' && (
            <Form.Item name="coDepartmentIds" label={t('intake.coDepartments')} rules={[{ required: true }]}>
              <Select mode="multiple" options={departments.filter((d) => d.id !== item.departmentId).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
        </Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy} size="large">{t('intake.submit')}</Button>
        </div>
      </Form>
    </div>
  )
}
