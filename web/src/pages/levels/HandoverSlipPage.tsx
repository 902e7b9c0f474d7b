// 物料交接单: the printed slip the agent gives the citizen (and keeps a copy of), with a QR code to the progress page.
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { api } from '../../api'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { dateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { usePublicOrigin } from '../../lib/publicOrigin'
import { progressUrl } from '../cases/caseTypes'
import { custodyOf, type CaseOut, type Custody } from './levelsApi'

export default function HandoverSlipPage() {
  const id = Number(useParams().id)
  const data = useLoad((s) => Promise.all([api.get<CaseOut & { steps: { kind: string; dueDate: string | null }[] }>(`/api/cases/${id}`, undefined, s), custodyOf(id, s)]), [id])
  const [qr, setQr] = useState<string>()
  const c = data.data?.[0]
  const publicAt = usePublicOrigin()
  useEffect(() => {
    if (!c || !publicAt) return
    void QRCode.toDataURL(progressUrl(c.number, c.queryCode, publicAt), { margin: 1, width: 160 }).then(setQr)
  }, [c, publicAt])
  if (!data.data || !c) return <PageLoading />
  const custody: Custody = data.data[1]
  const hop = c.steps.find((s) => s.kind === 'handover')
  const origin = custody.levels.find((l) => l.id === custody.originCenterId)
  return (
    <div className="print-page handover-slip">
      <h1>{t('levels.slipTitle')}</h1>
      <p className="slip-center">{origin?.name}</p>
      <table className="slip-table"><tbody>
        <tr><th>{t('levels.slipCase')}</th><td>{c.number}</td><th>{t('levels.slipCode')}</th><td>{c.queryCode}</td></tr>
        <tr><th>{t('levels.slipApplicant')}</th><td>{c.applicant.name}</td><th>{t('levels.slipReceivedAt')}</th><td>{dateTime(c.receivedAt)}</td></tr>
        <tr><th>{t('levels.slipItem')}</th><td colSpan={3}>{c.itemName}</td></tr>
        <tr><th>{t('levels.slipDue')}</th><td colSpan={3}>{hop?.dueDate ?? '—'}</td></tr>
        <tr><th>{t('levels.slipMaterials')}</th><td colSpan={3}><ol>{custody.materials.filter((m) => m.received).map((m) => <li key={m.id}>{m.name}</li>)}</ol></td></tr>
        <tr><th>{t('levels.slipGiver')}</th><td /><th>{t('levels.slipReceiver')}</th><td /></tr>
      </tbody></table>
      <div className="slip-foot">
        {qr && <img src={qr} alt="QR" className="slip-qr" />}
        <div><p>{t('levels.slipNote')}</p><p>{t('levels.slipCopies')}</p></div>
      </div>
    </div>
  )
}
