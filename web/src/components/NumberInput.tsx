// antd's InputNumber with Chinese names on its two stepper buttons: the library writes "Increase Value" and
// "Decrease Value" into them with no prop to change it, so the names are set on the rendered buttons after each render.
import { InputNumber, type InputNumberProps } from 'antd'
import { useEffect, useRef } from 'react'
import { t } from '../i18n'

type Ref = { nativeElement?: HTMLElement | null } | null

export function NumberInput(props: InputNumberProps<number>) {
  const ref = useRef<Ref>(null)
  useEffect(() => {
    const root = ref.current?.nativeElement
    root?.querySelectorAll('[role="button"][aria-label="Increase Value"]').forEach((el) => el.setAttribute('aria-label', t('common.increase')))
    root?.querySelectorAll('[role="button"][aria-label="Decrease Value"]').forEach((el) => el.setAttribute('aria-label', t('common.decrease')))
  })
  return <InputNumber<number> ref={ref as never} {...props} />
}
