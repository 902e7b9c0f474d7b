// The town window's 受理 of a handed-over case: tick the materials that actually arrived against the hand-over slip.
// All there → accept; a required one missing → the one-time notice, which goes back to the agent who carries the case.
import { Alert, Checkbox, Form, Modal } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import type { CaseDetail } from '../cases/caseTypes'
import { CaseFiles } from './CaseFiles'
import { act } from './levelsApi'

export function MaterialCheckDialog({ caseId, onClose, onDone }: { caseId: number; onClose(): void; onDone(): void }) {
  const [c, setC] = useState<CaseDetail>()
  const [form] = Form.useForm<{ arrived: number[] }>()
  const arrived: number[] = Form.useWatch('arrived', form) ?? []
  const run = useAction()
  useEffect(() => {
    void api.get<CaseDetail>(`/api/cases/${caseId}`).then((d) => {
      setC(d)
      form.setFieldValue('arrived', d.materials.filter((m) => m.received && m.materialId !== null).map((m) => m.materialId!))
    })
  }, [caseId, form])
  const own = (c?.materials ?? []).filter((m) => m.materialId !== null)
  const missing = own.filter((m) => m.required && !arrived.includes(m.materialId!))
  const submit = async () => {
    const materials = own.map((m) => ({ materialId: m.materialId!, received: arrived.includes(m.materialId!) }))
    const action = missing.length ? 'correct' : 'accept'
    await run(() => act(caseId, action, { materials }), { success: t(missing.length ? 'levels.noticed' : 'levels.accepted'), then: () => { onClose(); onDone() } })
  }
  return (
    <Modal open title={t('levels.checkTitle')} onCancel={onClose} onOk={submit} okText={missing.length ? t('levels.notice') : t('levels.accept')}
      okButtonProps={{ disabled: !c }} className="material-check" width={640}>
      <Alert type={missing.length ? 'warning' : 'info'} showIcon title={missing.length ? t('levels.checkMissing') : t('levels.checkHint')} style={{ marginBottom: 12 }} />
      <CaseFiles caseId={caseId} canMarkSeen />
      <Form form={form} layout="vertical">
        <Form.Item name="arrived" label={t('levels.handoverMaterials')}>
          <Checkbox.Group className="levels-checks" options={own.map((m) => ({ value: m.materialId!, label: `${m.name}（${m.required ? t('case.required') : t('case.optional')}）` }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
