// `/print/bundles/:id` 一件事一次办受理回执: one A4 page listing every part (its own number, item, status and promised
// date), the bundle's number and query code with the QR code of its progress page, what is still missing and any 容缺
// commitment; signed by the applicant, under the center's 受理专用章 (a printed placeholder, never an image).
import { Button, Result } from 'antd'
import { Link, useParams } from 'react-router'
import { maskIdNumber } from '../../../../src/domain/id-number.js'
import { api, errorMessage } from '../../api'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { SessionProvider, useSession } from '../../session'
import { statusText } from '../cases/caseTypes'
import { chinaDay, isoDay } from '../cases/print/NoticeBody'
import { NoticeQr } from '../cases/print/NoticeQr'
import type { BundleReceipt } from './bundleTypes'
import '../cases/print/notice.css'

function Receipt({ d }: { d: BundleReceipt }) {
  const { user } = useSession()
  const first = d.parts[0]
  const promised = d.parts.filter((p) => p.commitment && !p.commitment.done)
  return (
    <article className="a4 notice" data-notice="bundle">
      <div className="notice-org">{user.centerName}</div>
      <h1>{t('bundle.receiptTitle')}</h1>
      <div className="notice-docno">{d.bundle.name}</div>
      <p>{t('notice.to', { name: first?.applicant.name ?? '' })}</p>
      <p className="notice-body">{t('bundle.receiptBody', { date: chinaDay(first?.receivedAt), name: d.bundle.name, count: d.parts.length })}</p>
      <table className="notice-facts"><tbody>
        <tr><th>{t('bundle.number')}</th><td>{d.bundle.number}</td></tr>
        <tr><th>{t('notice.queryCode')}</th><td>{d.bundle.queryCode}</td></tr>
        <tr><th>{t('notice.idNumber')}</th><td>{first ? maskIdNumber(first.applicant.idNumber) : '—'}</td></tr>
        {(d.fields ?? []).map((f) => <tr key={f.label}><th>{f.label}</th><td>{f.value}</td></tr>)}
      </tbody></table>
      <table className="notice-facts bundle-receipt-parts">
        <thead><tr><th>{t('case.number')}</th><th>{t('bundle.part')}</th><th>{t('case.status')}</th><th>{t('notice.due')}</th></tr></thead>
        <tbody>{d.parts.map((p) => <tr key={p.id}><td>{p.number}</td><td>{p.itemName}</td><td>{statusText(p.status)}</td><td>{isoDay(p.dueDate)}</td></tr>)}</tbody>
      </table>
      {d.missing.length > 0 && (
        <>
          <p className="notice-body">{t('bundle.receiptMissing')}</p>
          <ol className="notice-list">{d.missing.map((m) => <li key={m.name}>{m.name}{m.problem ? `（${m.problem}）` : ''}：{m.items.join('、')}</li>)}</ol>
        </>
      )}
      {promised.map((p) => (
        <p key={p.id} className="notice-body">{t('bundle.receiptCommitment', { item: p.itemName, names: p.commitment!.materials.filter((m) => !m.received).map((m) => m.name).join('、'), date: isoDay(p.commitment!.dueDate) })}</p>
      ))}
      <div className="notice-foot">
        <NoticeQr number={d.bundle.number} code={d.bundle.queryCode} />
        <div className="notice-seal">
          <div className="seal-circle">{t('notice.seal', { center: user.centerName })}</div>
          <div className="notice-issuer">{user.centerName}</div>
          <div>{chinaDay(first?.receivedAt)}</div>
        </div>
      </div>
      <div className="notice-sign">{t('notice.signApplicant')}＿＿＿＿＿＿＿＿　　＿＿＿＿年＿＿月＿＿日</div>
    </article>
  )
}

function Page() {
  const id = Number(useParams().id)
  const r = useLoad((s) => api.get<BundleReceipt>(`/api/bundles/cases/${id}`, undefined, s), [id])
  if (r.error) return <Result status="warning" title={errorMessage(r.error)} />
  if (!r.data) return <PageLoading />
  return (
    <div className="print-root">
      <div className="notice-toolbar no-print">
        <Link to={`/app/bundle-cases/${id}`}><Button>{t('bundle.back')}</Button></Link>
        <Button type="primary" onClick={() => window.print()}>{t('notice.print')}</Button>
      </div>
      <Receipt d={r.data} />
    </div>
  )
}

export default function BundleReceiptPage() {
  return (
    <SessionProvider fallback={<PageLoading />} failed={(e) => <Result status="warning" title={errorMessage(e)} />}>
      <Page />
    </SessionProvider>
  )
}
