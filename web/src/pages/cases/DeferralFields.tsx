// 容缺受理 on intake: of the required materials still missing, those the item lets follow later (never the
// application form or identity) can be accepted on the applicant's signed commitment; the clerk ticks them and sees
// the latest hand-in date the item's rule allows (its working days after today), or sets an earlier one.
import { Alert, Checkbox, Form, Input } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { todayInChina } from './ProvisionalAlert'

export interface DeferrableMaterial { key: string | number; name: string }

/** Fields `deferred` (keys of the materials accepted missing) and `commitmentDue`; nothing when none may be deferred. */
export function DeferralFields({ candidates, days }: { candidates: DeferrableMaterial[]; days: number | null }) {
  const deferred = (Form.useWatch('deferred') as (string | number)[] | undefined) ?? []
  const chosen = Form.useWatch('commitmentDue') as string | undefined
  const latest = useLoad((s) => (days ? api.get<{ due: string }>('/api/calendar/deadline', { from: todayInChina(), days }, s) : Promise.resolve(null)), [days])
  if (!days || candidates.length === 0) return null
  const due = latest.data?.due
  return (
    <div className="deferral-fields" style={{ marginTop: 16 }}>
      <Form.Item name="deferred" label={t('deferral.label')} extra={t('deferral.hint', { days })} style={{ marginBottom: 8 }}>
        <Checkbox.Group options={candidates.map((m) => ({ value: m.key, label: t('deferral.option', { name: m.name }) }))} />
      </Form.Item>
      {deferred.length > 0 && (
        <>
          <Form.Item name="commitmentDue" label={t('deferral.dueDate')} extra={due ? t('deferral.latest', { date: due, days }) : undefined}
            rules={[{ validator: async (_r, v?: string) => { if (v && due && v > due) throw new Error(t('deferral.tooLate', { date: due })) } }]}>
            <Input type="date" max={due} placeholder={due} style={{ width: 180 }} aria-label={t('deferral.dueDate')} />
          </Form.Item>
          <Alert type="info" showIcon title={t('deferral.promise', { date: chosen || due || '', names: candidates.filter((m) => deferred.includes(m.key)).map((m) => m.name).join('、') })} />
        </>
      )}
    </div>
  )
}
