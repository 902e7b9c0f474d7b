// A light as a coloured tag; the same three colours on every supervision page.
import { Tag } from 'antd'
import { t } from '../../i18n'

const COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const
export type Light = keyof typeof COLORS

export function LightTag({ light }: { light: Light }) {
  return <Tag color={COLORS[light]} data-light={light}>{t(`light.${light}`)}</Tag>
}
