// `/print/cases/:id/:notice`: each document a case issued as a print-ready A4 page: its 文号 (allocated by the
// server), the deciding department (作出机关), the center's 受理专用章 only on what it issues on the department's
// behalf, a printed seal placeholder (never an image), the review/court wording and the QR code.
import { Button, Result } from 'antd'
import { Link, useParams } from 'react-router'
import { maskIdNumber } from '../../../../../src/domain/id-number.js'
import { api, errorMessage } from '../../../api'
import { PageLoading } from '../../../components/PageLoading'
import { t, type MessageKey } from '../../../i18n'
import { useLoad } from '../../../lib/useLoad'
import { SessionProvider } from '../../../session'
import { NOTICES, noticesOf, noticeTitle, type CaseDetail, type NoticeKind } from '../caseTypes'
import { chinaDay, isoDay, NoticeBody } from './NoticeBody'
import { NoticeQr } from './NoticeQr'
import { CommitmentLetter } from './CommitmentLetter'
import './notice.css'

/** Documents the center issues on the department's behalf (相对集中受理): under its 受理专用章, "受 XX 委托". */
const CENTER_ISSUED: readonly NoticeKind[] = ['accept', 'correction']

/** Documents that end the service: they invite its rating (好差评) with a second QR code and the short link. */
const RATED_AFTER: readonly NoticeKind[] = ['decision', 'denial', 'refusal']

/** The document's 文号 as the server allocated it (gapless per department, type and year); the latest of its kind. */
function docNumberOf(d: CaseDetail, kind: NoticeKind): string {
  const types = kind === 'decision' ? ['decision', 'answer'] : [kind]
  return [...d.documents].reverse().find((x) => types.includes(x.docType))?.docNumber ?? '—'
}

function Notice({ d, kind }: { d: CaseDetail; kind: NoticeKind }) {
  const byCenter = CENTER_ISSUED.includes(kind)
  const issued = [...d.documents].reverse().find((x) => x.docType === kind || (kind === 'decision' && x.docType === 'answer'))?.issuedAt
  const legal = d.handlingKind === 'immediate' ? t('notice.onTheSpot') : isoDay(d.legalDueDate)
  const facts: [MessageKey, string][] = [
    ['notice.caseNumber', d.number], ['notice.queryCode', d.queryCode], ['notice.item', d.itemName],
    ['notice.applicant', d.applicant.name], ['notice.idNumber', maskIdNumber(d.applicant.idNumber)], ['notice.received', chinaDay(d.receivedAt)],
    ...(d.acceptedAt ? [['notice.accepted', chinaDay(d.acceptedAt)], ['notice.due', isoDay(d.dueDate)], ['notice.legalDue', legal]] as [MessageKey, string][] : []),
    ['notice.decidingBody', d.notice.decidingBody],
    ['notice.window', [d.notice.acceptingCenterName, d.notice.windowName].filter(Boolean).join(' ')],
    ['notice.consultPhone', d.notice.consultPhone || d.notice.acceptingCenterPhone || '—'], ['notice.complaintPhone', d.notice.complaintPhone || '—'],
  ]
  return (
    <article className="a4 notice" data-notice={kind}>
      <div className="notice-org">{byCenter ? d.notice.acceptingCenterName : d.notice.decidingBody}</div>
      {byCenter && <div className="notice-behalf">{t('notice.onBehalf', { body: d.notice.decidingBody })}</div>}
      <h1>{noticeTitle(d, kind)}</h1>
      <div className="notice-docno">{docNumberOf(d, kind)}</div>
      <p>{t('notice.to', { name: d.applicant.name })}</p>
      <NoticeBody d={d} kind={kind} />
      <table className="notice-facts"><tbody>
        {facts.map(([k, v]) => <tr key={k}><th>{t(k)}</th><td>{v}</td></tr>)}
      </tbody></table>
      <div className="notice-foot">
        <NoticeQr number={d.number} code={d.queryCode} />
        {RATED_AFTER.includes(kind) && <NoticeQr number={d.number} code={d.queryCode} rate />}
        <div className="notice-seal">
          <div className="seal-circle">{byCenter ? t('notice.seal', { center: d.notice.acceptingCenterName }) : t('notice.sealDone', { body: d.notice.decidingBody })}</div>
          <div className="notice-issuer">{byCenter ? d.notice.acceptingCenterName : d.notice.decidingBody}</div>
          <div>{chinaDay(issued ?? null)}</div>
        </div>
      </div>
      <div className="notice-sign">{t('notice.signApplicant')}＿＿＿＿＿＿＿＿　　＿＿＿＿年＿＿月＿＿日</div>
    </article>
  )
}

function Page() {
  const { id, notice } = useParams()
  const c = useLoad((s) => api.get<CaseDetail>(`/api/cases/${Number(id)}`, undefined, s), [id])
  const kind = notice as NoticeKind
  if (c.error) return <Result status="warning" title={errorMessage(c.error)} />
  if (!c.data) return <PageLoading />
  // 容缺受理承诺书: the applicant's document (no 文号), printed while the case has a commitment
  const letter = notice === 'commitment' && c.data.commitment !== undefined
  if (!letter && (!NOTICES.includes(kind) || !noticesOf(c.data).includes(kind))) return <Result status="404" title={t('notice.notAvailable')} />
  return (
    <div className="print-root">
      <div className="notice-toolbar no-print">
        <Link to={`/app/cases/${c.data.id}`}><Button>{t('notice.back')}</Button></Link>
        <Button type="primary" onClick={() => window.print()}>{t('notice.print')}</Button>
      </div>
      {letter ? <CommitmentLetter d={c.data} /> : <Notice d={c.data} kind={kind} />}
    </div>
  )
}

export default function NoticePage() {
  return (
    <SessionProvider fallback={<PageLoading />} failed={(e) => <Result status="warning" title={errorMessage(e)} />}>
      <Page />
    </SessionProvider>
  )
}
