// The five levels of 好差评 and the optional comment: the same form items for a case (/rate) and a served ticket.
import { Form, Input, Radio } from 'antd'
import { t, type MessageKey } from '../../i18n'

export default function ScoreFields({ large = false }: { large?: boolean }) {
  return (
    <>
      <Form.Item name="score" label={t('fu.score')} rules={[{ required: true, message: t('rate.pickScore') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size={large ? 'large' : 'middle'}
          options={[5, 4, 3, 2, 1].map((s) => ({ value: s, label: t(`score.${s}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="comment" label={t('rate.comment')}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      <p style={{ color: '#888' }}>{t('rate.confidential')}</p>
    </>
  )
}
