// The kiosk's priority lane choice (老年人/残疾人/孕妇 优先): a toggle; the server puts such a ticket after checked-in
// appointments and before ordinary walk-ins (src/domain/ticket-rules.ts QUEUE_RANK).
import { t } from '../../i18n'

export function PriorityChoice({ value, onChange }: { value: boolean; onChange(v: boolean): void }) {
  return (
    <div style={{ margin: '12px 0' }}>
      <button type="button" aria-pressed={value} onClick={() => onChange(!value)}
        style={{ fontSize: 22, padding: '10px 18px', borderRadius: 10, border: '2px solid #b35900', background: value ? '#b35900' : '#fff', color: value ? '#fff' : '#b35900' }}>
        {t('kiosk.priority')}
      </button>
      {value && <div role="status" style={{ marginTop: 6 }}>{t('kiosk.priorityOn')}</div>}
    </div>
  )
}
