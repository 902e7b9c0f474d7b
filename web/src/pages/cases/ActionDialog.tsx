// The form each case action needs (opinion, reasons, answer, pause kind, extension days, delivery …), in one dialog.
// Which actions exist comes from the server's allowedActions (the one table in src/domain/case-status.ts).
import { Alert, Checkbox, Form, Input, Modal, Radio, Select } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { api } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import { PAUSE_KINDS } from '../../../../src/domain/case-status.js'
import { decisionLabel, stepText, type CaseAction, type CaseDetail } from './caseTypes'


type Values = Record<string, unknown> & { received?: number[] }

function required(field: MessageKey) {
  return [{ required: true, whitespace: true, message: t('action.required', { field: t(field) }) }]
}

/** The fields of one action's form. */
function Fields({ action, c }: { action: CaseAction; c: CaseDetail }) {
  const open = c.steps.filter((s) => !s.doneAt)
  const method = Form.useWatch('method')
  switch (action) {
    case 'advance': {
      const step = open.find((s) => s.kind === 'handle' || s.kind === 'review')
      return <Form.Item name="opinion" label={t('action.opinionOf', { step: step ? stepText(step.kind) : '' })} rules={required('action.opinion')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    }
    case 'sign':
      return (
        <>
          <Form.Item name="departmentId" label={t('action.department')} rules={[{ required: true }]}>
            <Select options={open.filter((s) => s.kind === 'sign').map((s) => ({ value: s.departmentId, label: s.departmentName }))} />
          </Form.Item>
          <Form.Item name="opinion" label={t('action.opinion')} rules={required('action.opinion')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </>
      )
    case 'forward':
      return <Form.Item name="opinion" label={t('levels.opinion')} rules={required('levels.opinion')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    case 'deny': {
      const label = t('action.reasonsOf', { wording: decisionLabel('deny', c) })
      return <Form.Item name="reasons" label={label} rules={[{ required: true, whitespace: true, message: t('action.required', { field: label }) }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    }
    case 'answer':
      return <Form.Item name="text" label={t('action.text')} rules={required('action.text')}><Input.TextArea rows={5} maxLength={4000} /></Form.Item>
    case 'refuse':
      return (
        <>
          <Form.Item name="reason" label={t('intake.refuseReason')} rules={required('action.reason')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          <Form.Item name="referTo" label={t('action.referTo')}><Input maxLength={200} /></Form.Item>
        </>
      )
    case 'suspend':
      return (
        <>
          <Form.Item name="kind" label={t('action.kind')} rules={[{ required: true }]}>
            <Select options={PAUSE_KINDS.map((k) => ({ value: k, label: t(`pauseKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('action.reason')} rules={required('action.reason')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          {/* 行政许可法 §45: the applicant is told in writing how long a special procedure takes */}
          <Form.Item name="days" label={t('action.expectedDays')}><NumberInput min={1} max={365} /></Form.Item>
        </>
      )
    case 'request_extension':
    case 'extend':
      return (
        <>
          <Form.Item name="days" label={t('action.days')} rules={[{ required: true }]}><NumberInput min={1} max={365} /></Form.Item>
          <Form.Item name="reason" label={t('action.reason')} extra={action === 'extend' ? t('action.extendReasonHint') : undefined} rules={required('action.reason')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          {/* 联办 past the legal limit: the government head's approval, attached (行政许可法 §42 ¶2) */}
          {action === 'extend' && c.extensionRule === 'joint' && (
            <Form.Item name="file" label={t('action.approvalFile')} extra={t('action.approvalFileHint')} valuePropName="files"
              getValueFromEvent={(e: { target: HTMLInputElement }) => e.target.files}>
              <input type="file" accept=".pdf,.png,.jpg,.jpeg" className="approval-file" />
            </Form.Item>
          )}
        </>
      )
    case 'issue':
      return (
        <>
          <Form.Item name="permitNumber" label={t('action.permitNumber')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label={t('action.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </>
      )
    case 'supplement':
    case 'correct':
    case 'accept': {
      // A case handed over (received): every material is checked against the slip; otherwise the ones still missing.
      const waiting = c.materials.filter((m) => (c.status === 'received' || !m.received) && m.materialId !== null)
      return (
        <Form.Item name="received" label={t('action.materials')}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={waiting.map((m) => ({ value: m.materialId!, label: `${m.name}（${m.required ? t('case.required') : t('case.optional')}）` }))} />
        </Form.Item>
      )
    }
    case 'hand_in': {
      // 容缺补交: the deferred materials still to come, and how they came (window: one more trip; mail, online: none)
      const open = c.materials.filter((m) => m.deferred && !m.received && m.materialId !== null)
      return (
        <>
          <Form.Item name="received" label={t('commitment.handInMaterials')} rules={[{ required: true, message: t('commitment.handInPick') }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={open.map((m) => ({ value: m.materialId!, label: m.name }))} />
          </Form.Item>
          <Form.Item name="via" label={t('commitment.via')}>
            <Radio.Group options={(['window', 'mail', 'electronic'] as const).map((v) => ({ value: v, label: t(`commitment.via.${v}`) }))} />
          </Form.Item>
        </>
      )
    }
    case 'lapse_suspend':
      return <Form.Item name="reason" label={t('action.reason')} extra={t('commitment.lapseHint', { due: c.commitment?.dueDate ?? '' })}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
    case 'lapse_close':
      return <Form.Item name="reasons" label={t('action.reasons')} extra={t('commitment.lapseHint', { due: c.commitment?.dueDate ?? '' })}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
    case 'deliver':
      return (
        <>
          <Form.Item name="method" label={t('action.method')} rules={[{ required: true }]}>
            <Radio.Group options={[{ value: 'pickup', label: t('action.methodPickup') }, { value: 'mail', label: t('action.methodMail') }]} />
          </Form.Item>
          {method === 'pickup' && (
            <Form.Item name="centerId" label={t('action.pickupCenter')} rules={[{ required: true }]}>
              <Select options={c.pickupPoints.map((p) => ({ value: p.id, label: `${p.name}（${t(`levels.level.${p.level}` as MessageKey)}）` }))} />
            </Form.Item>
          )}
          {method === 'mail' && <Form.Item name="trackingNumber" label={t('action.tracking')} rules={required('action.tracking')}><Input maxLength={50} /></Form.Item>}
        </>
      )
    default:
      return <Form.Item name="note" label={t('action.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
  }
}

function initial(action: CaseAction, c: CaseDetail): Values {
  if (action === 'deliver') {
    // The applicant's own place first: the village room where the case started, else the accepting center.
    const home = [c.originCenterId, c.centerId].find((id) => c.pickupPoints.some((p) => p.id === id)) ?? c.pickupPoints.at(-1)?.id
    return { method: 'pickup', centerId: home }
  }
  if (action === 'extend') {
    const pending = c.extensions.find((e) => e.status === 'requested')
    return pending ? { days: pending.days, reason: pending.reason } : {}
  }
  if ((action === 'accept' || action === 'correct') && c.status === 'received') return { received: c.materials.filter((m) => m.received && m.materialId !== null).map((m) => m.materialId!) }
  if (action === 'hand_in') return { via: 'window', received: c.materials.filter((m) => m.deferred && !m.received && m.materialId !== null).map((m) => m.materialId!) }
  if (action === 'supplement') return { received: c.materials.filter((m) => !m.received && m.required && m.materialId !== null).map((m) => m.materialId!) }
  return {}
}

function body(action: CaseAction, v: Values, c: CaseDetail) {
  const { received, file: _file, ...rest } = v
  const fields = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined && x !== ''))
  if (action === 'supplement' || action === 'correct' || action === 'accept') {
    fields.materials = c.status === 'received' && action !== 'supplement'
      ? c.materials.filter((m) => m.materialId !== null).map((m) => ({ materialId: m.materialId!, received: (received ?? []).includes(m.materialId!) }))
      : (received ?? []).map((materialId) => ({ materialId, received: true }))
  }
  if (action === 'hand_in') fields.materials = (received ?? []).map((materialId) => ({ materialId, received: true }))
  if (action === 'deliver' && fields.method === 'mail') delete fields.centerId
  return { version: c.version, ...fields }
}

export function ActionDialog({ action, c, onClose, onDone }: { action: CaseAction; c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>()
  const { busy, error, submit } = useFormSubmit(form)
  const onOk = async () => {
    const v = await form.validateFields()
    await submit(async () => {
      const file = (v.file as FileList | undefined)?.[0]
      if (action === 'extend' && file) {
        // the joint extension with its approval: one multipart request, the fields before the file
        const form = new FormData()
        for (const [k, x] of Object.entries(body(action, v, c))) form.append(k, String(x))
        form.append('file', file)
        await api.upload(`/api/cases/${c.id}/joint-extension`, form)
      } else {
        await api.post(`/api/cases/${c.id}/actions/${action}`, body(action, v, c))
      }
      onDone()
    })
  }
  // the decision worded by item type (准予许可, 予以确认, 准予给付, 予以登记 …; 不予许可, 不予确认 …)
  const label = decisionLabel(action, c)
  return (
    <Modal open title={label} okText={label} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => void onOk().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial(action, c)} preserve={false}>
        <Fields action={action} c={c} />
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
