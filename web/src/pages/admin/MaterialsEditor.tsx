// 申请材料 editor: one row per material (name, form, copies, required, note) with an optional sample file.
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Upload } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { useState } from 'react'
import { MATERIAL_FORMS } from '../../../../src/domain/vocabulary.js'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { formLabel } from '../../lib/catalog'

/** The sample file of one material: the Form.Item holds its id; uploading stores the file first. */
function SampleInput({ value, onChange }: { value?: number | null; onChange?(id: number | null): void }) {
  const { message } = App.useApp()
  const [name, setName] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function upload(file: File) {
    const body = new FormData()
    body.append('file', file, file.name)
    setBusy(true)
    try {
      const f = await api.upload<{ id: number; name: string }>('/api/files', body)
      setName(f.name)
      onChange?.(f.id)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="sample-field">
      {value ? <a href={`/api/files/${value}`} target="_blank" rel="noreferrer">{name ?? t('items.sampleN', { id: value })}</a> : t('items.noSample')}
      <Upload showUploadList={false} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" beforeUpload={(f) => { void upload(f); return false }}>
        <Button size="small" type="link" loading={busy}>{value ? t('items.replaceSample') : t('items.uploadSample')}</Button>
      </Upload>
      {value && <Button size="small" type="link" danger onClick={() => onChange?.(null)}>{t('common.delete')}</Button>}
    </span>
  )
}

export function MaterialsEditor() {
  const required = { required: true, message: t('form.required') }
  return (
    <Card size="small" title={t('item.materials')} className="guide-section materials-editor">
      <Form.List name="materials">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="material-row">
                <Row gutter={12} align="bottom">
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'name']} label={t('items.materialN', { n: i + 1 })} rules={[{ ...required, whitespace: true }]}><Input /></Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[f.name, 'form']} label={t('item.materialForm')} rules={[required]}>
                      <Select options={MATERIAL_FORMS.map((v) => ({ value: v, label: formLabel(v) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'copies']} label={t('item.materialCopies')}><NumberInput min={0} max={99} style={{ width: '100%' }} /></Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" "><Checkbox>{t('item.required')}</Checkbox></Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'deferrable']} valuePropName="checked" label=" " tooltip={t('items.deferrableHint')}><Checkbox>{t('items.deferrable')}</Checkbox></Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item label=" ">
                      <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>{t('items.moveUp')}</Button>
                      <Button size="small" type="link" danger onClick={() => remove(f.name)}>{t('common.delete')}</Button>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'note']} label={t('items.materialNote')}><Input /></Form.Item></Col>
                  <Col xs={24} md={12}><Form.Item name={[f.name, 'sampleFileId']} label={t('item.materialSample')}><SampleInput /></Form.Item></Col>
                </Row>
              </div>
            ))}
            <Button onClick={() => add({ name: '', form: 'original', copies: 1, required: true, note: '', sampleFileId: null, deferrable: false })}>{t('items.addMaterial')}</Button>
          </>
        )}
      </Form.List>
    </Card>
  )
}
