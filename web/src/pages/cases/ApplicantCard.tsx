// The applicant as a clerk enters them (person or organization with its 法定代表人 and 经办人), shared by the intake
// of one item and of a 一件事 bundle; the ID number and phone are checked as the server checks them.
import { Alert, Card, Form, Input, Radio, Space } from 'antd'
import { useEffect } from 'react'
import { t } from '../../i18n'
import { idNumberRule, phoneRule } from './applicantRules'
import type { CaseSummary } from './caseTypes'

export type Applicant = CaseSummary['applicant']

/** The applicant as the API takes it: trimmed; an organization's 法定代表人 and, when named, its 经办人. */
export function applicantBody(a: Applicant): Applicant {
  const base = { kind: a.kind, name: a.name.trim(), idNumber: a.idNumber.trim().toUpperCase(), phone: a.phone.trim() }
  if (a.kind !== 'organization') return base
  const rep = a.representative
  return {
    ...base,
    ...(a.legalRepresentative?.name?.trim() ? { legalRepresentative: { name: a.legalRepresentative.name.trim() } } : {}),
    ...(rep?.name?.trim() ? { representative: { name: rep.name.trim(), idNumber: rep.idNumber.trim().toUpperCase(), phone: rep.phone.trim() } } : {}),
  }
}

/** The card of applicant fields under `applicant`; `targets`: the kinds the item accepts (a warning for another). */
export function ApplicantCard({ targets }: { targets?: string[] }) {
  const form = Form.useFormInstance()
  const kind = (Form.useWatch(['applicant', 'kind'], form) as Applicant['kind'] | undefined) ?? 'person'
  // The ID field changes meaning with the applicant's kind: check it again as what it now is, only once it holds a value
  // (an empty field does not turn red with the old label's message).
  useEffect(() => {
    if (form.getFieldValue(['applicant', 'idNumber'])) void form.validateFields([['applicant', 'idNumber']]).catch(() => undefined)
    else form.setFields([{ name: ['applicant', 'idNumber'], errors: [] }])
  }, [kind, form])
  return (
    <Card title={t('case.applicant')} style={{ marginTop: 16 }}>
      <Form.Item name={['applicant', 'kind']} label={t('intake.applicantKind')}>
        <Radio.Group options={[
          { value: 'person', label: t('intake.person') }, { value: 'organization', label: t('intake.organization') },
        ]} />
      </Form.Item>
      {targets && !targets.includes(kind) && <Alert type="warning" showIcon title={t('intake.notForKind')} style={{ marginBottom: 16 }} />}
      <Space wrap size="large" align="start">
        <Form.Item name={['applicant', 'name']} label={kind === 'person' ? t('intake.name') : t('intake.orgName')} rules={[{ required: true, whitespace: true }]}>
          <Input style={{ width: 240 }} maxLength={100} />
        </Form.Item>
        <Form.Item name={['applicant', 'idNumber']} label={kind === 'person' ? t('intake.idNumber') : t('intake.creditCode')} validateTrigger="onBlur"
          rules={[{ required: true, message: t('intake.required', { label: kind === 'person' ? t('intake.idNumber') : t('intake.creditCode') }) }, idNumberRule(kind)]}>
          <Input style={{ width: 240 }} maxLength={18} />
        </Form.Item>
        <Form.Item name={['applicant', 'phone']} label={t('intake.phone')} validateTrigger="onBlur" rules={[{ required: true }, phoneRule]}>
          <Input style={{ width: 200 }} maxLength={20} />
        </Form.Item>
      </Space>
      {kind === 'organization' && <Representatives />}
    </Card>
  )
}

/** 法定代表人 and 经办人 of an organization: the representative's ID number and phone are checked like the applicant's. */
function Representatives() {
  const form = Form.useFormInstance()
  const repName = Form.useWatch(['applicant', 'representative', 'name'], form) as string | undefined
  const needed = (label: string) => ({ required: !!repName?.trim(), message: t('intake.required', { label }) })
  return (
    <Space wrap size="large" align="start">
      <Form.Item name={['applicant', 'legalRepresentative', 'name']} label={t('intake.legalRepresentative')}
        rules={[{ required: true, whitespace: true, message: t('intake.required', { label: t('intake.legalRepresentative') }) }]}>
        <Input style={{ width: 240 }} maxLength={100} />
      </Form.Item>
      <Form.Item name={['applicant', 'representative', 'name']} label={t('intake.representativeName')}>
        <Input style={{ width: 200 }} maxLength={100} />
      </Form.Item>
      <Form.Item name={['applicant', 'representative', 'idNumber']} label={t('intake.representativeIdNumber')} validateTrigger="onBlur"
        rules={[needed(t('intake.representativeIdNumber')), idNumberRule('person')]}>
        <Input style={{ width: 240 }} maxLength={18} />
      </Form.Item>
      <Form.Item name={['applicant', 'representative', 'phone']} label={t('intake.representativePhone')} validateTrigger="onBlur"
        rules={[needed(t('intake.representativePhone')), phoneRule]}>
        <Input style={{ width: 200 }} maxLength={20} />
      </Form.Item>
    </Space>
  )
}
