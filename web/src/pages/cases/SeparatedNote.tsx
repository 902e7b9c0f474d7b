// Separation of duties (承办、审核、决定分离): why the page offers this user no 审核 or decision — they finished the step
// before (the server's `separatedFrom`, from the same table as allowedActions).
import { Alert } from 'antd'
import { t } from '../../i18n'
import { actionText, stepText, type CaseDetail } from './caseTypes'

export function SeparatedNote({ c }: { c: Pick<CaseDetail, 'separatedFrom'> }) {
  const s = c.separatedFrom
  if (!s) return null
  return <Alert className="case-separated" type="info" showIcon style={{ marginTop: 12 }}
    title={t('chain.separated', { step: stepText(s.step), name: s.actorName, actions: s.actions.map(actionText).join('、') })} />
}
