// `/app/calendar` 工作日历: a year's holidays and make-up working days. A year without the State Council notice shows
// its provisional days (computed from 《全国年节及纪念日放假办法》); the administrator pastes or edits the notice
// and confirms it with one action: open cases whose dates change are recomputed and their applicants told.
import { Alert, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse } from '../../lib/apiTypes'

type Day = Year['days'][number]
type Year = ApiResponse<'/api/calendar/days', 'get'>

const toLines = (days: readonly Day[]) => days.map((d) => `${d.date} ${d.name} ${d.workday ? '班' : '休'}`).join('\n')

/** `2027-01-01 元旦 休` per line (班 for a make-up working day); the line's number names a bad one. */
export function parseNotice(text: string): { days: { date: string; workday: boolean; name: string }[]; bad: number[] } {
  const days: { date: string; workday: boolean; name: string }[] = []
  const bad: number[] = []
  text.split('\n').map((l) => l.trim()).forEach((line, i) => {
    if (!line) return
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.*?)\s*(休|班)$/.exec(line)
    if (!m) bad.push(i + 1)
    else days.push({ date: m[1], name: m[2], workday: m[3] === '班' })
  })
  return { days, bad }
}

export default function CalendarPage() {
  const [year, setYear] = useState(new Date().getFullYear() + 1)
  const [text, setText] = useState('')
  const run = useAction()
  const data = useLoad((s) => api.get<Year>('/api/calendar/days', { year }, s), [year])
  const parsed = parseNotice(text)
  const confirm = () => run(async () => {
    const r = await api.post<{ workdays: number; changedCases: number }>(`/api/calendar/years/${year}/notice`, { days: parsed.days })
    setText('')
    return r
  }, { success: t('calendar.confirmed', { year }), failTitle: t('calendar.confirmFailed'), then: data.reload })
  const provisional = data.data?.days.some((d) => d.source === 'provisional')
  return (
    <div>
      <PageHead title={t('calendar.title')} />
      <Space style={{ marginBottom: 12 }}>
        <span>{t('calendar.year')}</span>
        <InputNumber aria-label={t('calendar.year')} min={2000} max={2099} value={year} onChange={(v) => v && setYear(v)} />
        {data.data && (data.data.confirmed ? <Tag color="green">{t('calendar.isConfirmed')}</Tag> : <Tag color="gold">{t('calendar.notConfirmed')}</Tag>)}
      </Space>
      {provisional && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('calendar.provisionalTitle', { year })} description={t('calendar.provisionalText')} />}
      <Table<Day> rowKey="date" size="small" loading={data.loading} dataSource={data.data?.days ?? []} pagination={false} className="calendar-days"
        columns={[
          { title: t('calendar.date'), dataIndex: 'date' },
          { title: t('calendar.name'), dataIndex: 'name' },
          { title: t('calendar.kind'), dataIndex: 'workday', render: (w: boolean) => (w ? <Tag color="blue">{t('calendar.workday')}</Tag> : <Tag>{t('calendar.holiday')}</Tag>) },
          { title: t('calendar.source'), dataIndex: 'source', render: (s: Day['source']) => <Tag color={s === 'provisional' ? 'gold' : undefined}>{t(`calendar.source.${s}`)}</Tag> },
        ]} />
      {data.data && !data.data.confirmed && (
        <Card title={t('calendar.enterNotice')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('calendar.enterHint')}</Typography.Paragraph>
          <Button style={{ marginBottom: 8 }} onClick={() => setText(toLines(data.data!.days))}>{t('calendar.startFromList')}</Button>
          <Input.TextArea aria-label={t('calendar.noticeText')} rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder={'2027-01-01 元旦 休\n2027-02-07 春节调休 班'} />
          {parsed.bad.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('calendar.badLines', { lines: parsed.bad.join('、') })} />}
          <Button type="primary" style={{ marginTop: 12 }} disabled={parsed.days.length === 0 || parsed.bad.length > 0} onClick={() => void confirm()}>
            {t('calendar.confirm', { year, count: parsed.days.length })}
          </Button>
        </Card>
      )}
    </div>
  )
}
