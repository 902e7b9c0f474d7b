// 办理渠道 on intake: how the applicant is served (窗口, 村代办, 帮办, 陪同办, 上门办). 陪同办 and 上门办 name the staff
// member who went with or to the applicant; 上门办 the visit's date. Trips per channel are counted from it.
import { Form, Input, Select, Space } from 'antd'
import { CHANNELS, type Channel } from '../../../../src/domain/channels.js'
import { api } from '../../api'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { useSession } from '../../session'

export interface ChannelValues { kind: Channel; staffId?: number; visitDate?: string }

/** The channel as the API takes it: only what its kind needs. */
export function channelBody(c: ChannelValues | undefined): ChannelValues | undefined {
  if (!c?.kind) return undefined
  const staff = c.kind === 'accompanied' || c.kind === 'home_visit'
  return { kind: c.kind, ...(staff && c.staffId ? { staffId: c.staffId } : {}), ...(c.kind === 'home_visit' && c.visitDate ? { visitDate: c.visitDate } : {}) }
}

export const channelText = (c: string) => t(`channel.${c}` as MessageKey)

export function ChannelFields() {
  const { user } = useSession()
  const kind = Form.useWatch(['channel', 'kind']) as Channel | undefined
  const withStaff = kind === 'accompanied' || kind === 'home_visit'
  const staff = useLoad((s) => (withStaff ? api.get<{ staff: { id: number; name: string }[] }>('/api/staff', { centerId: user.centerId, status: 'active' }, s) : Promise.resolve(null)), [withStaff, user.centerId])
  return (
    <Space wrap size="large" align="start">
      <Form.Item name={['channel', 'kind']} label={t('channel.label')} extra={t('channel.hint')}>
        <Select style={{ width: 200 }} aria-label={t('channel.label')} options={CHANNELS.map((c) => ({ value: c, label: channelText(c) }))} />
      </Form.Item>
      {withStaff && (
        <Form.Item name={['channel', 'staffId']} label={t('channel.staff')} rules={[{ required: true, message: t('channel.staffRequired') }]}>
          <Select style={{ width: 200 }} aria-label={t('channel.staff')} showSearch={{ optionFilterProp: 'label' }} options={(staff.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
      )}
      {kind === 'home_visit' && (
        <Form.Item name={['channel', 'visitDate']} label={t('channel.visitDate')} rules={[{ required: true, message: t('channel.visitDateRequired') }]}>
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
      )}
    </Space>
  )
}
