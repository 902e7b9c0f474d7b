// `/app/intake/bundle` 一件事一次办: the clerk picks a bundle (新生儿出生一件事 …), fills its shared form once, enters
// the applicant once and ticks the merged material list once (容缺 where every item asking a material allows it);
// one submit opens one case per item at its own department, under the bundle's number and query code.
import { Alert, Button, Card, Checkbox, Form, Input, Select, Table, Tag, Typography } from 'antd'
import { useRef } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { ApplicantCard, applicantBody, type Applicant } from '../cases/ApplicantCard'
import { newRequestId } from '../cases/applicantRules'
import { kindText } from '../cases/caseTypes'
import { ChannelFields, channelBody, type ChannelValues } from '../cases/ChannelFields'
import { DeferralFields } from '../cases/DeferralFields'
import type { Bundle, BundleReceipt } from './bundleTypes'

interface Values {
  bundleId: number; fields?: Record<string, string>; applicant: Applicant; received: string[]
  deferred?: string[]; commitmentDue?: string; channel?: ChannelValues
}

export default function BundleIntakePage() {
  const { user } = useSession()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const { busy, error, submit } = useFormSubmit(form)
  const list = useLoad((s) => api.get<{ bundles: Bundle[] }>('/api/bundles', { centerId: user.centerId }, s), [user.centerId])
  const requestId = useRef(newRequestId())
  const bundleId = Form.useWatch('bundleId', form)
  const received = (Form.useWatch('received', form) as string[] | undefined) ?? []
  const deferredNames = (Form.useWatch('deferred', form) as string[] | undefined) ?? []
  const b = list.data?.bundles.find((x) => x.id === bundleId)
  const lacking = b?.materials.filter((m) => m.required && !received.includes(m.name)) ?? []
  const deferrable = lacking.filter((m) => m.deferrable)
  const missing = lacking.filter((m) => !(m.deferrable && deferredNames.includes(m.name)))
  // The commitment's latest date: the shortest rule among the items that ask a deferrable material.
  const days = Math.min(...(b?.items.filter((i) => i.deferralDays !== null && b.materials.some((m) => m.deferrable && m.items.some((x) => x.itemId === i.id))).map((i) => i.deferralDays!) ?? []))

  const onFinish = (v: Values) => submit(async () => {
    const deferred = deferrable.filter((m) => v.deferred?.includes(m.name)).map((m) => m.name)
    const r = await api.post<BundleReceipt>(`/api/bundles/${v.bundleId}/intake`, {
      requestId: requestId.current, centerId: user.centerId, applicant: applicantBody(v.applicant),
      fields: Object.fromEntries(Object.entries(v.fields ?? {}).filter(([, x]) => x?.trim()).map(([k, x]) => [k, x.trim()])),
      materials: b!.materials.map((m) => ({ name: m.name, received: v.received.includes(m.name) })),
      ...(deferred.length ? { commitment: { materials: deferred, ...(v.commitmentDue ? { dueDate: v.commitmentDue } : {}) } } : {}),
      channel: channelBody(v.channel),
    })
    navigate(`/app/bundle-cases/${r.bundle.id}`, { state: { created: true } })
  })

  return (
    <div>
      <PageHead title={t('bundle.intakeTitle')} extra={<Link to="/app/intake">{t('bundle.singleLink')}</Link>} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ applicant: { kind: 'person' }, received: [], channel: { kind: 'window' } }} style={{ maxWidth: 860 }}
        onValuesChange={(ch: Partial<Values>) => { if (ch.bundleId) { form.setFieldsValue({ received: [], deferred: [], commitmentDue: undefined, fields: {} }); requestId.current = newRequestId() } }}>
        <Card>
          <Form.Item name="bundleId" label={t('bundle.pick')} rules={[{ required: true, message: t('bundle.pickRequired') }]}>
            <Select aria-label={t('bundle.pick')} loading={list.loading} options={(list.data?.bundles ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          {list.data?.bundles.length === 0 && <Alert type="info" showIcon title={t('bundle.none')} />}
          {b && (
            <>
              <Typography.Paragraph type="secondary">{b.description}</Typography.Paragraph>
              <Table rowKey="id" size="small" pagination={false} dataSource={b.items} className="bundle-parts" columns={[
                { title: t('bundle.part'), dataIndex: 'name' },
                { title: t('bundle.department'), dataIndex: 'departmentName' },
                { title: t('case.handlingKind'), render: (_, i) => `${kindText(i.handlingKind)} · ${t('bundle.promised', { days: i.promisedDays })}` },
                { title: t('bundle.deferral'), render: (_, i) => (i.deferralDays ? <Tag color="blue">{t('bundle.deferralDays', { days: i.deferralDays })}</Tag> : '—') },
              ]} />
            </>
          )}
        </Card>
        {b && b.fields.length > 0 && (
          <Card title={t('bundle.form')} style={{ marginTop: 16 }}>
            {b.fields.map((f) => (
              <Form.Item key={f.key} name={['fields', f.key]} label={f.label} rules={f.required ? [{ required: true, whitespace: true, message: t('intake.required', { label: f.label }) }] : []}>
                <Input maxLength={500} style={{ maxWidth: 360 }} />
              </Form.Item>
            ))}
          </Card>
        )}
        <ApplicantCard />
        {b && (
          <Card title={t('bundle.materials')} style={{ marginTop: 16 }}>
            <Form.Item name="received" noStyle>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={b.materials.map((m) => ({
                value: m.name,
                label: <span>{m.name} <Tag>{m.required ? t('case.required') : t('case.optional')}</Tag>{m.items.length > 1 && <Typography.Text type="secondary">{t('bundle.askedOnce', { count: m.items.length })}</Typography.Text>}</span>,
              }))} />
            </Form.Item>
            <DeferralFields days={Number.isFinite(days) ? days : null} candidates={deferrable.map((m) => ({ key: m.name, name: m.name }))} />
            <Alert style={{ marginTop: 16 }} type={missing.length ? 'warning' : 'success'} showIcon
              title={missing.length ? t('intake.missingHint', { count: missing.length }) + '：' + missing.map((m) => m.name).join('、') : t('bundle.completeHint', { count: b.items.length })} />
          </Card>
        )}
        <Card title={t('intake.outcome')} style={{ marginTop: 16 }}>
          <ChannelFields />
        </Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy} size="large">{t('bundle.submit')}</Button>
        </div>
      </Form>
    </div>
  )
}
