// The custody chain: every hand-over with its time, giver, receiver, materials and whether it was late.
import { Empty, Tag, Timeline } from 'antd'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import type { Handover } from './levelsApi'

export function CustodyChain({ handovers }: { handovers: Handover[] }) {
  if (!handovers.length) return <Empty description={t('levels.noHandovers')} />
  return (
    <Timeline
      className="custody-chain"
      items={handovers.map((h) => ({
        color: h.late ? 'red' : h.direction === 'up' ? 'blue' : 'green',
        content: (
          <div data-hop={h.id}>
            <b>{h.fromCenterId === h.toCenterId && !h.fromUser
              ? t('levels.hopApplicant', { to: h.toUser ? `${h.toUser}（${h.toCenterName}）` : h.toCenterName }) // the applicant hands the papers to the agent
              : t('levels.hop', { from: h.fromCenterName, to: h.toCenterName })}</b> {h.late && <Tag color="red">{t('levels.late')}</Tag>}
            <div>{dateTime(h.at)} · {t('levels.holder', { from: h.fromUser ?? h.fromCenterName, to: h.toUser ?? h.toCenterName })}</div>
            <div>{h.materials.map((m) => m.name).join('、')}</div>
            {h.note && <div className="muted">{h.note}</div>}
          </div>
        ),
      }))}
    />
  )
}
