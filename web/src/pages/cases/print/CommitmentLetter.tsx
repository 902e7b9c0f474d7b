// 容缺受理承诺书: the applicant's signed commitment (国发〔2024〕3号 容缺事项承诺办): the materials accepted missing, the
// date by which they are handed in, and what a missed date brings per the item's rule (suspension, or also denial or
// termination). Printed with the case's QR code; the applicant signs it, the center keeps it with the case.
import { maskIdNumber } from '../../../../../src/domain/id-number.js'
import { maskPhone } from '../../../../../src/domain/ticket-rules.js'
import { t, type MessageKey } from '../../../i18n'
import type { CaseDetail } from '../caseTypes'
import { chinaDay, isoDay } from './NoticeBody'
import { NoticeQr } from './NoticeQr'

export function CommitmentLetter({ d }: { d: CaseDetail }) {
  const c = d.commitment!
  const facts: [MessageKey, string][] = [
    ['notice.caseNumber', d.number], ['notice.queryCode', d.queryCode], ['notice.item', d.itemName],
    ['notice.applicant', d.applicant.name], ['notice.idNumber', maskIdNumber(d.applicant.idNumber)], ['notice.accepted', chinaDay(d.acceptedAt)],
    ['commitment.dueDate', isoDay(c.dueDate)], ['notice.window', [d.notice.acceptingCenterName, d.notice.windowName].filter(Boolean).join(' ')],
  ]
  return (
    <article className="a4 notice" data-notice="commitment">
      <div className="notice-org">{d.notice.acceptingCenterName}</div>
      <h1>{t('commitment.letter')}</h1>
      <div className="notice-docno">{d.number}</div>
      <p className="notice-body">{t('commitment.letterBody', { name: d.applicant.name, date: chinaDay(d.acceptedAt), center: d.notice.acceptingCenterName, item: d.itemName })}</p>
      <ol className="notice-list commitment-materials">{c.materials.map((m) => <li key={m.materialId}>{m.name}</li>)}</ol>
      <p className="notice-body commitment-promise">{t('commitment.letterPromise', { due: isoDay(c.dueDate) })}</p>
      <p className="notice-body">{t('commitment.letterWays')}</p>
      <p className="notice-body commitment-consequence">{t(`commitment.lapse.${c.lapse ?? 'suspend'}` as MessageKey, { body: d.notice.decidingBody, due: isoDay(c.dueDate) })}</p>
      <p className="notice-body">{t('commitment.letterReminder', { phone: maskPhone(d.applicant.phone) })}</p>
      <table className="notice-facts"><tbody>
        {facts.map(([k, v]) => <tr key={k}><th>{t(k)}</th><td>{v}</td></tr>)}
      </tbody></table>
      <div className="notice-foot">
        <NoticeQr number={d.number} code={d.queryCode} />
        <div className="notice-seal">
          <div className="seal-circle">{t('notice.seal', { center: d.notice.acceptingCenterName })}</div>
          <div className="notice-issuer">{d.notice.acceptingCenterName}</div>
          <div>{chinaDay(d.acceptedAt)}</div>
        </div>
      </div>
      <div className="notice-sign">{t('commitment.sign')}＿＿＿＿＿＿＿＿　　＿＿＿＿年＿＿月＿＿日</div>
      <div className="notice-sign">{t('commitment.clerk')}＿＿＿＿＿＿＿＿</div>
    </article>
  )
}
