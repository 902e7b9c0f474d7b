// antd's InputNumber with Chinese names on its two stepper buttons: the library writes "Increase Value" and
// "Decrease Value" into them with no prop to change it, so the names are set on the rendered buttons after each render.
// The wrapper takes no box of its own (display: contents), so layouts see the InputNumber alone.
import { InputNumber, type InputNumberProps } from 'antd'
import { useEffect, useRef } from 'react'
import { t } from '../i18n'

const NAMES: [string, () => string][] = [['Increase Value', () => t('common.increase')], ['Decrease Value', () => t('common.decrease')]]

export function NumberInput(props: InputNumberProps<number>) {
  const ref = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    for (const [english, chinese] of NAMES) {
      ref.current?.querySelectorAll(`[aria-label="${english}"]`).forEach((el) => el.setAttribute('aria-label', chinese()))
    }
  })
  return <span ref={ref} style={{ display: 'contents' }}><InputNumber<number> {...props} /></span>
}
