// The hand-over form: to whom (a center of the case's chain, up for papers, down for the result, and a named person
// there) and which materials change hands. Large controls for phones.
import { Checkbox, Form, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { t, type MessageKey } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { act, custodyOf, type Custody } from './levelsApi'

interface Values { toCenterId: number; toUserId?: number; materials: number[] }

/** `down`: the result goes one level down toward the pick-up point (no materials to tick). */
export function HandoverDialog({ caseId, open, down, onClose, onDone }: { caseId: number; open: boolean; down?: boolean; onClose(): void; onDone(): void }) {
  const [custody, setCustody] = useState<Custody>()
  const [form] = Form.useForm<Values>()
  const toCenterId = Form.useWatch('toCenterId', form)
  const run = useAction()
  const here = custody ? custody.levels.findIndex((l) => l.id === custody.currentCenterId) : -1
  const targets = custody ? (down ? custody.levels.slice(here + 1) : custody.levels.slice(0, Math.max(0, here)).reverse()) : []
  const receivers = (custody?.receivers ?? []).filter((r) => r.centerId === toCenterId)
  useEffect(() => {
    if (!open) return
    void custodyOf(caseId).then((c) => {
      setCustody(c)
      const i = c.levels.findIndex((l) => l.id === c.currentCenterId)
      const next = down ? c.levels[i + 1] : i > 0 ? c.levels[i - 1] : undefined
      // Down to the village room the result is handed to a person: the room's agent by default.
      const agent = down ? c.receivers.find((r) => r.centerId === next?.id && r.roles.includes('agent')) : undefined
      form.setFieldsValue({ toCenterId: next?.id, toUserId: agent?.id, materials: c.materials.filter((m) => m.materialId !== null && m.received).map((m) => m.materialId!) })
    })
  }, [open, caseId, form, down])
  const submit = async () => {
    const v = await form.validateFields()
    const to = v.toUserId ? { toUserId: v.toUserId } : { toCenterId: v.toCenterId }
    const materials = down ? {} : { materials: (v.materials ?? []).map((materialId) => ({ materialId, received: true })) }
    await run(() => act(caseId, 'handover', { ...to, ...materials }), { success: t('levels.handedOver'), then: () => { onClose(); onDone() } })
  }
  return (
    <Modal open={open} title={t(down ? 'levels.handoverDownTitle' : 'levels.handoverTitle')} onCancel={onClose} onOk={submit} okText={t('levels.handover')} okButtonProps={{ size: 'large' }} className="levels-big">
      <Form form={form} layout="vertical" size="large">
        <Form.Item name="toCenterId" label={t('levels.to')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={targets.map((l) => ({ value: l.id, label: l.name }))} onChange={() => form.setFieldValue('toUserId', undefined)} />
        </Form.Item>
        <Form.Item name="toUserId" label={t('levels.receiver')} extra={t('levels.receiverHint')}>
          <Select allowClear className="handover-receiver" placeholder={t('levels.receiverCenter')}
            options={receivers.map((r) => ({ value: r.id, label: `${r.name}（${r.roles.filter((x) => x === 'clerk' || x === 'agent').map((x) => t(`levels.role.${x}` as MessageKey)).join('、')}）` }))} />
        </Form.Item>
        <Form.Item name="materials" label={t('levels.handoverMaterials')} hidden={down}>
          <Checkbox.Group className="levels-checks"
            options={(custody?.materials ?? []).filter((m) => m.materialId !== null).map((m) => ({ value: m.materialId!, label: m.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
