// The kiosk's on-screen numeric keypad (a kiosk has no keyboard): large keys 1–9, 清除, 0, 删除; the value is a
// string of digits at most `length` long, shown above the keys and read out to screen readers as it changes.
import { t } from '../../i18n'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const

export function Keypad({ label, value, length, onChange }: { label: string; value: string; length: number; onChange(v: string): void }) {
  const press = (k: (typeof KEYS)[number]) => {
    if (k === 'clear') onChange('')
    else if (k === 'back') onChange(value.slice(0, -1))
    else if (value.length < length) onChange(value + k)
  }
  return (
    <div className="keypad">
      <output className="keypad-value" aria-label={label} aria-live="polite" data-testid="keypad-value">
        {value.padEnd(length, '·').split('').map((c, i) => <span key={i}>{c}</span>)}
      </output>
      <div className="keypad-keys" role="group" aria-label={t('kiosk.keypad')}>
        {KEYS.map((k) => (
          <button key={k} type="button" className={`keypad-key keypad-${k}`} onClick={() => press(k)}
            disabled={(k === 'back' || k === 'clear') ? value.length === 0 : value.length >= length}>
            {k === 'clear' ? t('kiosk.keyClear') : k === 'back' ? t('kiosk.keyBack') : k}
          </button>
        ))}
      </div>
    </div>
  )
}
