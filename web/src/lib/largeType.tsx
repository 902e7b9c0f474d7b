// 大字版 (large type) for the citizen's pages and the kiosk (国办发〔2020〕45号: keep services usable for the elderly):
// one switch, remembered on this device; `?large=1` in an address turns it on (a QR code can open a page large).
import { Button, ConfigProvider } from 'antd'
import { useEffect, useState, type ReactNode } from 'react'
import { t } from '../i18n'

const KEY = 'yizhan.largeType'
const listeners = new Set<(on: boolean) => void>()

function stored(): boolean {
  try {
    if (new URLSearchParams(window.location.search).get('large') === '1') return true
    return window.localStorage.getItem(KEY) === '1'
  } catch { return false }
}

export function useLargeType(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(stored)
  useEffect(() => { listeners.add(setOn); return () => { listeners.delete(setOn) } }, [])
  const set = (v: boolean) => {
    try { window.localStorage.setItem(KEY, v ? '1' : '0') } catch { /* private mode: this page only */ }
    for (const l of listeners) l(v)
  }
  return [on, set]
}

/** The switch: "大字版" turns large type on, "标准版" back off. */
export function LargeTypeToggle({ className }: { className?: string }) {
  const [on, set] = useLargeType()
  return (
    <Button className={className ?? 'large-type-toggle'} aria-pressed={on} onClick={() => set(!on)}>{on ? t('largeType.off') : t('largeType.on')}</Button>
  )
}

/** antd's sizes scaled up for what it wraps while large type is on (text 20px, controls 48px high). */
export function LargeTypeScope({ children }: { children: ReactNode }) {
  const [on] = useLargeType()
  if (!on) return <>{children}</>
  return (
    <ConfigProvider theme={{ token: { fontSize: 20, fontSizeLG: 22, fontSizeHeading1: 40, fontSizeHeading2: 30, fontSizeHeading3: 26, controlHeight: 44, controlHeightLG: 52 } }}>
      <div className="large-type">{children}</div>
    </ConfigProvider>
  )
}
