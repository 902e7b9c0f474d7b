// The hand-over form: to whom (a center on the case's chain) and which materials change hands. Large controls for phones.
import { Checkbox, Form, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { act, custodyOf, type Custody } from './levelsApi'

/** `down`: the result goes one level down toward the pick-up point (no materials to tick). */
export function HandoverDialog({ caseId, open, down, onClose, onDone }: { caseId: number; open: boolean; down?: boolean; onClose(): void; onDone(): void }) {
  const [custody, setCustody] = useState<Custody>()
  const [form] = Form.useForm<{ toCenterId: number; materials: number[] }>()
  const run = useAction()
  useEffect(() => {
    if (!open) return
    void custodyOf(caseId).then((c) => {
      setCustody(c)
      const here = c.levels.findIndex((l) => l.id === c.currentCenterId)
      const next = down ? c.levels[here + 1] : here > 0 ? c.levels[here - 1] : undefined
      form.setFieldsValue({ toCenterId: next?.id, materials: c.materials.filter((m) => m.materialId !== null && m.received).map((m) => m.materialId!) })
    })
  }, [open, caseId, form, down])
  const submit = async () => {
    const v = await form.validateFields()
    await run(() => act(caseId, 'handover', { toCenterId: v.toCenterId, materials: (v.materials ?? []).map((materialId) => ({ materialId, received: true })) }),
      { success: t('levels.handedOver'), then: () => { onClose(); onDone() } })
  }
  return (
    <Modal open={open} title={t('levels.handoverTitle')} onCancel={onClose} onOk={submit} okText={t('levels.handover')} okButtonProps={{ size: 'large' }} className="levels-big">
      <Form form={form} layout="vertical" size="large">
        <Form.Item name="toCenterId" label={t('levels.to')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={(custody?.levels ?? []).filter((l) => l.id !== custody?.currentCenterId).map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
        <Form.Item name="materials" label={t('levels.handoverMaterials')} hidden={down}>
          <Checkbox.Group className="levels-checks"
            options={(custody?.materials ?? []).filter((m) => m.materialId !== null).map((m) => ({ value: m.materialId!, label: m.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
