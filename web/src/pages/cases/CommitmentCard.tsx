// 容缺受理 on the case page: the materials the applicant promised to hand in, the date, the commitment's own light
// (the case's light is unchanged) and what a missed date allows under the item's rule. The actions (补交容缺材料,
// 承诺逾期挂起, 承诺逾期终结) are among the case's buttons when the server allows them.
import { Alert, Card, Descriptions, Tag } from 'antd'
import { t, type MessageKey } from '../../i18n'
import { LightTag } from './CaseTags'
import type { CaseDetail } from './caseTypes'

export function CommitmentCard({ d }: { d: CaseDetail }) {
  const c = d.commitment!
  return (
    <Card title={t('commitment.title')} className="commitment-card">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('commitment.dueDate')}><span className="commitment-due">{c.dueDate}</span></Descriptions.Item>
        <Descriptions.Item label={t('case.light')}>
          {c.done ? <Tag color="green" className="commitment-state">{t('commitment.done')}</Tag> : <><LightTag light={c.light} /><Tag className="commitment-state">{t('commitment.open')}</Tag></>}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitment.materials')} span={2}>
          {c.materials.map((m) => <Tag key={m.materialId} color={m.received ? 'green' : 'blue'}>{m.name}{m.received ? `（${t('case.materialReceived')}）` : ''}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      {!c.done && <Alert type={c.light === 'red' ? 'error' : 'info'} showIcon title={t(`commitment.lapse.${c.lapse ?? 'suspend'}` as MessageKey, { body: d.notice.decidingBody, due: c.dueDate })} />}
    </Card>
  )
}
