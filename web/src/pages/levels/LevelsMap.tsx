// A small map of the levels (district → town → village) with the case's centers: where it started, where it is.
import { Steps } from 'antd'
import { t, type MessageKey } from '../../i18n'
import type { Custody } from './levelsApi'

export function LevelsMap({ custody }: { custody: Custody }) {
  const current = custody.levels.findIndex((l) => l.id === custody.currentCenterId)
  return (
    <Steps
      className="levels-map" size="small" current={current} orientation="horizontal"
      items={custody.levels.map((l) => ({
        title: `${t(`levels.level.${l.level}` as MessageKey)} · ${l.name}`,
        content: l.id === custody.currentCenterId ? t('levels.here') : undefined,
        status: l.id === custody.currentCenterId ? 'process' : 'wait',
      }))}
    />
  )
}
