// `/print/cases/:id/:notice`: 受理通知书, 一次性告知书, 不予受理通知书 or 办结通知书 as a print-ready A4 page,
// with the case number as a 文号, the applicant (ID number masked), the accepting body, a seal area and the QR code.
import { Button, Result } from 'antd'
import { Link, useParams } from 'react-router'
import { maskIdNumber } from '../../../../../src/domain/id-number.js'
import { api, errorMessage } from '../../../api'
import { PageLoading } from '../../../components/PageLoading'
import { t, type MessageKey } from '../../../i18n'
import { useLoad } from '../../../lib/useLoad'
import { SessionProvider } from '../../../session'
import { NOTICES, noticesOf, type CaseDetail, type NoticeKind } from '../caseTypes'
import { NoticeQr } from './NoticeQr'
import './notice.css'

const chinaDay = (iso: string | null | undefined) => {
  if (!iso) return '—'
  const [y, m, d] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)).split('-').map(Number)
  return `${y}年${m}月${d}日`
}
const isoDay = (date: string | null) => (date ? chinaDay(`${date}T12:00:00+08:00`) : '—')

/** D01-2026-0000123 → D01受〔2026〕0000123号 */
export function docNumber(number: string, kind: NoticeKind): string {
  const m = /^(.+)-(\d{4})-(\d+)$/.exec(number)
  const prefix = t(`notice.docPrefix.${kind}` as MessageKey)
  return m ? `${m[1]}${prefix}〔${m[2]}〕${m[3]}号` : `${prefix}〔${number}〕号`
}

/** Every material the one-time notice listed: the missing list while in correction, else what the notice said. */
function missingOf(d: CaseDetail): string[] {
  if (d.missing?.length) return d.missing.map((m) => m.name)
  const note = [...d.events].reverse().find((e) => e.action === 'correct')?.note ?? ''
  return note.replace(/^一次性告知：/, '').split('、').filter(Boolean)
}

function eventAt(d: CaseDetail, action: string) {
  return [...d.events].reverse().find((e) => e.action === action)?.at ?? null
}

function Body({ d, kind }: { d: CaseDetail; kind: NoticeKind }) {
  const received = chinaDay(d.receivedAt)
  if (kind === 'accept') {
    return <p className="notice-body">{t('notice.acceptBody', { received, item: d.itemName, due: isoDay(d.dueDate), promised: d.promisedDays, legal: isoDay(d.legalDueDate) })}</p>
  }
  if (kind === 'correction') {
    return (
      <>
        <p className="notice-body">{t('notice.correctionBody', { received, item: d.itemName })}</p>
        <ol className="notice-list">{missingOf(d).map((m) => <li key={m}>{m}</li>)}</ol>
        <p className="notice-body">{t('notice.correctionBeforeAcceptance')}</p>
      </>
    )
  }
  if (kind === 'refusal') {
    return (
      <>
        <p className="notice-body">{t('notice.refusalBody', { received, item: d.itemName })}</p>
        <p className="notice-body">{d.refusal?.reason}</p>
        {d.refusal?.referTo && <p className="notice-body">{t('notice.referTo', { body: d.refusal.referTo })}</p>}
        <p className="notice-body">{d.refusal?.appealRights}</p>
      </>
    )
  }
  const decided = chinaDay(d.decidedAt)
  const dec = d.decision
  const delivery = d.delivery ? (d.delivery.method === 'mail' ? t('case.deliveryMail', { tracking: d.delivery.trackingNumber ?? '' }) : `${d.notice.acceptingCenterName} ${t('case.deliveryPickup')}`) : null
  return (
    <>
      <p className="notice-body">
        {dec?.outcome === 'denied' ? t('notice.doneBodyDenied', { item: d.itemName, decided, reasons: dec.reasons ?? dec.note })
          : dec?.outcome === 'answered' ? t('notice.doneBodyAnswered', { item: d.itemName, decided, text: dec.note })
            : t('notice.doneBodyApproved', { item: d.itemName, decided, result: d.notice.result })}
      </p>
      {dec?.appealRights && <p className="notice-body">{dec.appealRights}</p>}
      {delivery && <p className="notice-body">{t('notice.doneDelivery', { delivery })}</p>}
    </>
  )
}

function Notice({ d, kind }: { d: CaseDetail; kind: NoticeKind }) {
  const dated = kind === 'accept' ? d.acceptedAt : kind === 'done' ? d.decidedAt : eventAt(d, kind === 'correction' ? 'correct' : 'refuse')
  const facts: [MessageKey, string][] = [
    ['notice.caseNumber', d.number], ['notice.queryCode', d.queryCode], ['notice.item', d.itemName],
    ['notice.applicant', d.applicant.name], ['notice.idNumber', maskIdNumber(d.applicant.idNumber)], ['notice.received', chinaDay(d.receivedAt)],
    ...(d.acceptedAt ? [['notice.accepted', chinaDay(d.acceptedAt)], ['notice.due', isoDay(d.dueDate)]] as [MessageKey, string][] : []),
    ['notice.window', [d.notice.acceptingCenterName, d.notice.windowName].filter(Boolean).join(' ')],
    ['notice.consultPhone', d.notice.consultPhone || d.notice.acceptingCenterPhone || '—'], ['notice.complaintPhone', d.notice.complaintPhone || '—'],
  ]
  return (
    <article className="a4 notice" data-notice={kind}>
      <div className="notice-org">{d.notice.acceptingCenterName}</div>
      <h1>{t(`notice.${kind}` as MessageKey)}</h1>
      <div className="notice-docno">{docNumber(d.number, kind)}</div>
      <p>{t('notice.to', { name: d.applicant.name })}</p>
      <Body d={d} kind={kind} />
      <table className="notice-facts"><tbody>
        {facts.map(([k, v]) => <tr key={k}><th>{t(k)}</th><td>{v}</td></tr>)}
      </tbody></table>
      <div className="notice-foot">
        <NoticeQr number={d.number} code={d.queryCode} />
        <div className="notice-seal">
          <div className="seal-circle">{t(kind === 'done' ? 'notice.sealDone' : 'notice.seal')}</div>
          <div>{d.notice.acceptingCenterName}</div>
          <div>{chinaDay(dated)}</div>
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
  if (!NOTICES.includes(kind) || !noticesOf(c.data).includes(kind)) return <Result status="404" title={t('notice.notAvailable')} />
  return (
    <div className="print-root">
      <div className="notice-toolbar no-print">
        <Link to={`/app/cases/${c.data.id}`}><Button>{t('notice.back')}</Button></Link>
        <Button type="primary" onClick={() => window.print()}>{t('notice.print')}</Button>
      </div>
      <Notice d={c.data} kind={kind} />
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
