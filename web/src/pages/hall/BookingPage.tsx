// 网上预约 /hall/book: pick a center, a category, a working day and a slot; confirm the phone with a code; the
// booking code is then entered at the kiosk to check in ahead of walk-ins.
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import type { KioskInfo } from './hallTypes'
import type { ApiResponse } from '../../lib/apiTypes'

type Slots = ApiResponse<'/api/public/centers/{id}/slots', 'get'>
type Booked = ApiResponse<'/api/public/appointments', 'post'>

export default function BookingPage() {
  // `?centerId=` from the 网上预约 link of a center on the home page
  const [params] = useSearchParams()
  const [centerId, setCenterId] = useState<number | undefined>(Number(params.get('centerId')) || undefined)
  const [categoryId, setCategoryId] = useState<number>()
  const [picked, setDay] = useState<Dayjs | null>(null)
  const [start, setStart] = useState<string>()
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState('')
  const [sent, setSent] = useState(false)
  const [booked, setBooked] = useState<Booked | null>(null)
  const centers = useLoad((s) => api.get<{ centers: { id: number; name: string; level: string }[] }>('/api/public/centers', undefined, s), [])
  const kiosk = useLoad((s) => (centerId ? api.get<KioskInfo>(`/api/public/centers/${centerId}/kiosk`, undefined, s) : Promise.resolve(null)), [centerId])
  // Today as the center's server counts it; the day defaults to it.
  const today = dayjs(kiosk.data?.today)
  const day = picked ?? today
  const dayText = day.format('YYYY-MM-DD')
  const slots = useLoad((s) => (centerId && categoryId && kiosk.data ? api.get<Slots>(`/api/public/centers/${centerId}/slots`, { categoryId, day: dayText }, s) : Promise.resolve(null)), [centerId, categoryId, dayText])

  async function attempt(fn: () => Promise<void>) {
    setError('')
    try { await fn() } catch (e) { setError(errorMessage(e)) }
  }

  if (booked) {
    return (
      <Result status="success" title={t('book.done')}
        subTitle={t('book.doneHint', { day: booked.day, start: booked.slotStart, end: booked.slotEnd, center: booked.centerName })}
        extra={<div style={{ fontSize: 20 }}>{t('book.bookingCode')}：<strong className="big-number" data-testid="booking-code">{booked.bookingCode}</strong></div>} />
    )
  }
  return (
    <Card title={<h1 className="card-heading">{t('book.title')}</h1>} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Form layout="vertical" onFinish={() => attempt(async () => {
        setBooked(await api.post<Booked>('/api/public/appointments', { centerId, categoryId, day: dayText, start, phone, code, ...(name ? { name } : {}) }))
      })}>
        <Form.Item label={t('book.center')} extra={kiosk.data ? t('kiosk.hours', { hours: kiosk.data.hours }) : undefined}>
          <Select aria-label={t('book.center')} showSearch optionFilterProp="label" value={centerId} onChange={(v: number) => { setCenterId(v); setCategoryId(undefined); setStart(undefined) }}
            options={(centers.data?.centers ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item label={t('book.category')}>
          <Select aria-label={t('book.category')} value={categoryId} onChange={(v: number) => { setCategoryId(v); setStart(undefined) }}
            options={(kiosk.data?.categories ?? []).filter((c) => c.status !== 'retired').map((c) => ({ value: c.id, label: `${c.prefix} ${c.name}` }))} />
        </Form.Item>
        <Form.Item label={t('book.day')}>
          <DatePicker aria-label={t('book.day')} value={day} allowClear={false} onChange={(d) => { if (d) { setDay(d); setStart(undefined) } }}
            disabledDate={(d) => d.isBefore(today, 'day') || d.isAfter(today.add(7, 'day'), 'day')} />
        </Form.Item>
        {slots.data && (
          <Form.Item label={t('book.slot')}>
            {slots.data.slots.length === 0 ? <Alert type="info" title={t('book.noSlots')} /> : (
              <Radio.Group value={start} onChange={(e) => setStart(e.target.value)} optionType="button"
                options={slots.data.slots.map((s) => ({
                  value: s.start, disabled: s.past || s.left === 0,
                  label: `${s.start}–${s.end} ${s.left === 0 ? t('book.full') : t('book.left', { n: s.left })}`,
                }))} />
            )}
          </Form.Item>
        )}
        <Form.Item label={t('book.phone')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input aria-label={t('book.phone')} inputMode="tel" maxLength={11} value={phone} onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))} />
            <Button disabled={phone.length !== 11} onClick={() => attempt(async () => { await api.post('/api/public/appointments/codes', { phone }); setSent(true) })}>{t('book.sendCode')}</Button>
          </Space.Compact>
          {sent && <div>{t('book.codeSent')}</div>}
        </Form.Item>
        <Form.Item label={t('book.code')}>
          <Input aria-label={t('book.code')} inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
        </Form.Item>
        <Form.Item label={t('book.name')}>
          <Input aria-label={t('book.name')} maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" disabled={!centerId || !categoryId || !start || phone.length !== 11 || code.length !== 6}>{t('book.submit')}</Button>
      </Form>
    </Card>
  )
}
