// `/print/consultations/:id`: the small slip a window prints for a consultation (咨询回执): its number and query code,
// where and when, and the rating's QR code with its short link (rated like a case).
import { Button, Result } from 'antd'
import { useEffect } from 'react'
import { useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { SessionProvider } from '../../session'
import { NoticeQr } from '../cases/print/NoticeQr'
import '../cases/print/notice.css'
import type { ApiResponse } from '../../lib/apiTypes'

type Consultation = ApiResponse<'/api/consultations/{id}', 'get'>

function Slip() {
  const { id } = useParams()
  const q = useLoad((s) => api.get<Consultation>(`/api/consultations/${Number(id)}`, undefined, s), [id])
  useEffect(() => { if (q.data) setTimeout(() => window.print(), 300) }, [q.data])
  if (q.error) return <Result status="warning" title={errorMessage(q.error)} />
  if (!q.data) return <PageLoading />
  const c = q.data
  const rows: [string, string][] = [
    [t('consult.number'), c.number], [t('consult.code'), c.queryCode], [t('consult.center'), c.centerName],
    [t('consult.window'), c.windowName ?? '—'], [t('consult.item'), c.itemName ?? (c.topic || '—')], [t('consult.at'), dateTime(c.createdAt)],
  ]
  return (
    <div className="print-root">
      <div className="notice-toolbar no-print"><Button type="primary" onClick={() => window.print()}>{t('notice.print')}</Button></div>
      <article className="consult-slip" style={{ width: '80mm', margin: '0 auto', padding: '4mm', fontSize: 13 }}>
        <h2 style={{ textAlign: 'center', margin: '0 0 8px' }}>{t('consult.slipTitle')}</h2>
        <table className="notice-facts"><tbody>{rows.map(([k, v]) => <tr key={k}><th>{k}</th><td>{v}</td></tr>)}</tbody></table>
        <p>{t('consult.rateHint')}</p>
        <NoticeQr number={c.number} code={c.queryCode} rate />
      </article>
    </div>
  )
}

export default function ConsultSlipPage() {
  return (
    <SessionProvider fallback={<PageLoading />} failed={(e) => <Result status="warning" title={errorMessage(e)} />}>
      <Slip />
    </SessionProvider>
  )
}
