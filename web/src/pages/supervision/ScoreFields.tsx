// The national 好差评 form's items (GB/T 39734): the five levels, the three indicators, for a bad rating the 差评
// options (the server's list, by code) with text, and who reads it. The same items for a case, a consultation and a
// served ticket.
import { Checkbox, Form, Input, Radio, Rate } from 'antd'
import { api } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse } from '../../lib/apiTypes'

export type RatingOptions = ApiResponse<'/api/public/ratings/options', 'get'>
export interface ScoreValues { score: number; comment?: string; options?: string[]; indicators?: Record<string, number | undefined> }

const levels = [5, 4, 3, 2, 1].map((s) => ({ value: s, label: t(`score.${s}` as MessageKey) }))

/** The body the API takes: options only for a bad score, indicators only those given, no empty comment. */
export function ratingPayload(v: ScoreValues) {
  const indicators = Object.fromEntries(Object.entries(v.indicators ?? {}).filter(([, s]) => typeof s === 'number')) as Record<string, number>
  return {
    score: v.score,
    ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
    ...(v.score <= 2 && v.options?.length ? { options: v.options } : {}),
    ...(Object.keys(indicators).length ? { indicators } : {}),
  }
}

export default function ScoreFields({ large = false }: { large?: boolean }) {
  const form = useLoad((s) => api.get<RatingOptions>('/api/public/ratings/options', undefined, s), [])
  const score = Form.useWatch('score', Form.useFormInstance()) as number | undefined
  const size = large ? 'large' : 'middle'
  return (
    <>
      <Form.Item name="score" label={t('fu.score')} rules={[{ required: true, message: t('rate.pickScore') }]}>
        <Radio.Group optionType="button" buttonStyle="solid" size={size} options={levels} />
      </Form.Item>
      {score !== undefined && score <= 2 && (
        <Form.Item name="options" label={t('rate.options')} rules={[{ required: true, type: 'array', min: 1, message: t('rate.pickOption') }]}>
          <Checkbox.Group options={(form.data?.options ?? []).map((o) => ({ value: o.code, label: o.text }))} />
        </Form.Item>
      )}
      <fieldset className="rating-indicators" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('rate.indicators')}</legend>
        {(form.data?.indicators ?? []).filter((i) => i.name !== 'overall').map((i) => (
          <div key={i.name} data-indicator={i.name}>
            <Form.Item name={['indicators', i.name]} label={i.text}>
              <Rate tooltips={[1, 2, 3, 4, 5].map((n) => t(`score.${n}` as MessageKey))} />
            </Form.Item>
          </div>
        ))}
      </fieldset>
      <Form.Item name="comment" label={t(score !== undefined && score <= 2 ? 'rate.optionText' : 'rate.comment')}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      <p className="rate-readers" style={{ color: '#666' }}>{t('rate.confidential')}</p>
    </>
  )
}
