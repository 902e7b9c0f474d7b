// The item form's fields other than the materials, in the guide's order: what it is, its time limits, procedure and
// conditions (ItemFormFields); then, after the materials, fees, result, contacts and legal basis (ItemMoreFields).
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Switch } from 'antd'
import { NumberInput } from '../../components/NumberInput'
import { CENTER_LEVELS, HANDLING_KINDS, ITEM_TYPES, SERVICE_TARGETS, SPECIAL_PROCEDURES } from '../../../../src/domain/vocabulary.js'
import { api } from '../../api'
import { t } from '../../i18n'
import { handlingLabel, levelLabel, specialLabel, targetLabel } from '../../lib/catalog'
import { useCenterOptions, type Department } from '../../lib/network'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'
import { BASIC_CODE_RE, ITEM_CODE_RE } from '../../../../src/domain/item-codes.js'

const required = { required: true, message: t('form.required') }
const opts = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((v) => ({ value: v, label: label(v) }))
const half = { xs: 24, md: 12 }

/** 服务对象 as a named checkbox group; Form.Item's aria-required is not allowed on a group, so it is left off. */
function TargetsGroup({ 'aria-required': _required, ...props }: Record<string, unknown>) {
  return <Checkbox.Group {...props} role="group" aria-label={t('item.targets')} options={opts(SERVICE_TARGETS, targetLabel)} />
}

export function ItemFormFields({ isNew, localCode = false }: { isNew: boolean; localCode?: boolean }) {
  const isAdmin = useSession().user.roles.includes('admin')
  const departments = useLoad((s) => (isNew ? api.get<{ departments: Department[] }>('/api/departments', { status: 'active' }, s).then((r) => r.departments) : Promise.resolve([])), [isNew])
  const { options: centerOptions } = useCenterOptions()

  return (
    <>
      <Card size="small" title={t('item.content')} className="guide-section">
        <Row gutter={16}>
          <Col {...half}><Form.Item name="name" label={t('items.name')} rules={[{ ...required, whitespace: true }]}><Input /></Form.Item></Col>
          {isNew && (
            <Col {...half}>
              <Form.Item name="code" label={t('items.code')} extra={t('item.codeHint')} dependencies={['localCode']}
                rules={[required, ({ getFieldValue }) => ({ validator: (_, v?: string) => (getFieldValue('localCode') || !v || ITEM_CODE_RE.test(v.toUpperCase()) ? Promise.resolve() : Promise.reject(new Error(t('item.codeShape')))) })]}>
                <Input />
              </Form.Item>
            </Col>
          )}
          {isNew && isAdmin && (
            <Col {...half}>
              <Form.Item name="localCode" valuePropName="checked" label={t('item.localTag')} extra={t('item.localCodeHint')}><Checkbox>{t('item.localCode')}</Checkbox></Form.Item>
            </Col>
          )}
          {isNew && (
            <Col {...half}>
              <Form.Item name="departmentId" label={t('item.department')} rules={[required]}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={departments.loading}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.centerName}）` }))} />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="basicCode" label={t('item.basicCode')} extra={t('item.basicCodeHint')} dependencies={['localCode']}
              rules={[required, ({ getFieldValue }) => ({ validator: (_, v?: string) => (localCode || getFieldValue('localCode') || !v || BASIC_CODE_RE.test(v) ? Promise.resolve() : Promise.reject(new Error(t('item.basicCodeShape')))) })]}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}><Form.Item name="itemType" label={t('item.itemType')} rules={[required]}><Select options={opts(ITEM_TYPES, (v) => v)} /></Form.Item></Col>
          <Col {...half}><Form.Item name="implementingBody" label={t('item.implementingBody')} rules={[{ ...required, whitespace: true }]}><Input /></Form.Item></Col>
          <Col {...half}><Form.Item name="targets" label={t('item.targets')} rules={[required]}><TargetsGroup /></Form.Item></Col>
          <Col {...half}><Form.Item name="handlingKind" label={t('item.handlingKind')} rules={[required]}><Select options={opts(HANDLING_KINDS, handlingLabel)} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="acceptLevel" label={t('items.acceptLevel')} rules={[required]}><Select options={opts(CENTER_LEVELS, levelLabel)} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="decideLevel" label={t('items.decideLevel')} rules={[required]}><Select options={opts(CENTER_LEVELS, levelLabel)} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="legalDays" label={t('items.legalDays')} rules={[required]}><NumberInput min={0} max={3650} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="promisedDays" label={t('items.promisedDays')} rules={[required]} extra={t('items.promisedHint')}><NumberInput min={0} max={3650} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="legalDaysUnit" label={t('items.daysUnit')} extra={t('items.daysUnitHint')}>
            <Select allowClear options={[{ value: 'workday', label: t('items.unit.workday') }, { value: 'calendar', label: t('items.unit.calendar') }]} />
          </Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="extensionRule" label={t('items.extensionRule')}>
            <Select allowClear options={(['none', 'art42', 'joint', 'own'] as const).map((v) => ({ value: v, label: t(`items.extension.${v}`) }))} />
          </Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="extensionDays" label={t('items.extensionDays')}><NumberInput min={0} max={3650} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="outcomeWording" label={t('items.outcomeWording')} extra={t('items.outcomeWordingHint')}><Input maxLength={20} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="consecutiveSteps" label={t('items.consecutiveSteps')} extra={t('items.consecutiveStepsHint')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="deferralDays" label={t('items.deferralDays')} extra={t('items.deferralDaysHint')}><NumberInput min={1} max={60} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="deferralLapse" label={t('items.deferralLapse')}>
            <Select options={(['suspend', 'deny', 'terminate'] as const).map((v) => ({ value: v, label: t(`items.deferralLapse.${v}`) }))} />
          </Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="visits" label={t('item.visits')}><NumberInput min={0} max={10} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="theme" label={t('items.theme')}><Input /></Form.Item></Col>
          <Col {...half}><Form.Item name="category" label={t('items.category')}><Input /></Form.Item></Col>
          <Col span={24}>
            <Form.Item name="keywords" label={t('item.keywords')} extra={t('item.keywordsHint')}>
              <Select mode="tags" open={false} tokenSeparators={['、', ',', '，', ' ']} aria-label={t('item.keywords')} />
            </Form.Item>
          </Col>
          {isNew && <Col span={24}><Form.Item name="offeredCenterIds" label={t('items.tabOfferings')}><Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={centerOptions} aria-label={t('a11y.offeredCenters')} placeholder={t('a11y.offeredCentersPlaceholder')} /></Form.Item></Col>}
        </Row>
      </Card>
      <Card size="small" title={t('item.procedure')} className="guide-section">
        <Form.List name="procedure">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <span>{i + 1}.</span>
                  <Form.Item name={f.name} rules={[{ ...required, whitespace: true }]} style={{ marginBottom: 0 }}><Input aria-label={t('items.step', { n: i + 1 })} /></Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>{t('common.delete')}</Button>
                </Space>
              ))}
              <Button onClick={() => add('')}>{t('items.addStep')}</Button>
            </Space>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('item.conditions')} className="guide-section">
        <Form.Item name="conditions" noStyle><Input.TextArea rows={4} aria-label={t('item.conditions')} /></Form.Item>
      </Card>
    </>
  )
}

export function ItemMoreFields() {
  const charged = Form.useWatch<boolean | undefined>(['fees', 'charged'])
  return (
    <>
      <Card size="small" title={t('item.fees')} className="guide-section">
        <Form.Item name={['fees', 'charged']} label={t('items.charged')} valuePropName="checked"><Switch /></Form.Item>
        {charged && <>
          <Form.Item name={['fees', 'amount']} label={t('items.feeAmount')} rules={[required]}><Input /></Form.Item>
          <Form.Item name={['fees', 'basis']} label={t('items.feeBasis')}><Input.TextArea rows={2} /></Form.Item>
        </>}
      </Card>
      <Card size="small" title={t('items.moreInfo')} className="guide-section">
        <Form.Item name="result" label={t('item.result')}><Input.TextArea rows={2} /></Form.Item>
        <Row gutter={16}>
          <Col {...half}><Form.Item name="consultPhone" label={t('item.consultPhone')}><Input /></Form.Item></Col>
          <Col {...half}><Form.Item name="complaintPhone" label={t('item.complaintPhone')}><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="legalBasis" label={t('item.legalBasis')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="specialProcedures" label={t('item.special')} extra={t('item.specialHint')}>
          <Checkbox.Group options={opts(SPECIAL_PROCEDURES, specialLabel)} />
        </Form.Item>
      </Card>
    </>
  )
}
