// 连续办理 (同一人连续办理): where the item version allows it, the approver who holds the open 承办/审核 step and the
// ones after it fills each step's opinion and the decision in one dialog; the server records each as its own action.
import { Alert, Form, Input, Modal, Radio } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import { decisionLabel, stepText, type CaseDetail } from './caseTypes'

type Decision = 'approve' | 'deny' | 'later'
interface Values { handle?: string; review?: string; decision: Decision; reasons?: string; note?: string }

/** The steps one dialog completes from the open one: 承办 and 审核, or 审核 alone; none for 联办 (会签 between) or other steps. */
export function chainSteps(c: CaseDetail): ('handle' | 'review')[] {
  if (!c.consecutiveSteps || !c.allowedActions.includes('advance') || c.handlingKind === 'joint') return []
  const open = c.steps.find((s) => !s.doneAt && (s.kind === 'handle' || s.kind === 'review'))
  return open?.kind === 'handle' ? ['handle', 'review'] : open?.kind === 'review' ? ['review'] : []
}

export function ChainDialog({ c, onClose, onDone }: { c: CaseDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>()
  const { busy, error, submit } = useFormSubmit(form)
  const decision = Form.useWatch('decision', form)
  const steps = chainSteps(c)
  const wording = c.notice.outcomeWording || t('chain.approve')
  const reasonsLabel = t('action.reasonsOf', { wording: decisionLabel('deny', c) })
  const onOk = async () => {
    const v = await form.validateFields()
    const actions: { action: string; body: Record<string, string> }[] = steps.map((k) => ({ action: 'advance', body: { opinion: v[k]! } }))
    if (v.decision === 'approve') actions.push({ action: 'approve', body: v.note ? { note: v.note } : {} })
    if (v.decision === 'deny') actions.push({ action: 'deny', body: { reasons: v.reasons ?? '' } })
    await submit(async () => {
      await api.post(`/api/cases/${c.id}/actions-in-one`, { version: c.version, actions })
      onDone()
    })
  }
  const required = (field: string) => [{ required: true, whitespace: true, message: t('action.required', { field }) }]
  return (
    <Modal open title={t('chain.title')} okText={t('chain.submit')} cancelText={t('common.cancel')} confirmLoading={busy} width={640}
      onOk={() => void onOk().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon title={t('chain.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'approve' }}>
        {steps.map((k) => {
          const label = t('action.opinionOf', { step: stepText(k) })
          return <Form.Item key={k} name={k} label={label} rules={required(label)}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        })}
        <Form.Item name="decision" label={t('chain.decision')}>
          <Radio.Group options={[
            { value: 'approve', label: wording }, { value: 'deny', label: decisionLabel('deny', c) }, { value: 'later', label: t('chain.later') },
          ]} />
        </Form.Item>
        {decision === 'approve' && <Form.Item name="note" label={t('action.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>}
        {decision === 'deny' && <Form.Item name="reasons" label={reasonsLabel} rules={required(reasonsLabel)}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
