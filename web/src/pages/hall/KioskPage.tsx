// 取号机 /hall/kiosk/:centerId: a full-screen touch kiosk, no login. Large tiles: a category (or one of its items), or
// 预约签到, whose code is typed on the on-screen keypad (kiosks have no keyboard); the slip shows the number, people ahead, the estimated wait and a QR code to follow it.
import { usePublicOrigin } from '../../lib/publicOrigin'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { dateTime } from '../../lib/format'
import { t } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import type { IssuedTicket, KioskInfo } from './hallTypes'
import { Keypad } from './Keypad'
import { QrCode } from './QrCode'
import { PriorityChoice } from './PriorityChoice'
import { LargeTypeToggle, useLargeType } from '../../lib/largeType'
import './hall.css'

export default function KioskPage() {
  const centerId = Number(useParams().centerId)
  const info = useLoad((s) => api.get<KioskInfo>(`/api/public/centers/${centerId}/kiosk`, undefined, s), [centerId])
  const [ticket, setTicket] = useState<IssuedTicket | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [code, setCode] = useState('')
  const [checkingIn, setCheckingIn] = useState(false)
  const [priority, setPriority] = useState(false)
  const [large] = useLargeType()

  useEffect(() => { const id = setInterval(info.reload, 20_000); return () => clearInterval(id) }, [info.reload])
  useEffect(() => {
    if (!ticket) return
    const id = setTimeout(() => setTicket(null), 60_000)
    return () => clearTimeout(id)
  }, [ticket])

  async function take(body: Record<string, unknown>) {
    setBusy(true); setError('')
    try {
      setTicket(await api.post<IssuedTicket>('/api/tickets', { centerId, ...body, ...(priority ? { priority: true } : {}) }))
      setCode(''); setCheckingIn(false); setPriority(false)
      info.reload()
    } catch (e) { setError(errorMessage(e)) } finally { setBusy(false) }
  }

  const k = info.data
  if (ticket) return <Slip ticket={ticket} onDone={() => setTicket(null)} />
  if (checkingIn) return (
    <main className="kiosk">
      <header className="kiosk-head"><h1>{t('kiosk.checkIn')}</h1></header>
      <form className="kiosk-checkin" onSubmit={(e) => { e.preventDefault(); void take({ bookingCode: code }) }}>
        <p>{t('kiosk.checkInHint')}</p>
        <Keypad label={t('kiosk.bookingCode')} value={code} length={6} onChange={setCode} />
        {error && <div className="kiosk-error" role="alert">{error}</div>}
        <div className="kiosk-actions">
          <button type="button" className="kiosk-secondary" onClick={() => { setCheckingIn(false); setCode(''); setError('') }}>{t('kiosk.back')}</button>
          <button type="submit" disabled={busy || code.length !== 6}>{busy ? t('kiosk.taking') : t('kiosk.checkInSubmit')}</button>
        </div>
      </form>
    </main>
  )
  return (
    <main className={large ? 'kiosk kiosk-large' : 'kiosk'}>
      <header className="kiosk-head">
        <h1>{k ? t('kiosk.title', { center: k.centerName }) : t('app.loading')}</h1>
        {k && <div className="kiosk-hours">{t('kiosk.hours', { hours: k.hours })}</div>}
      </header>
      {k && !k.open && <div className="kiosk-error" role="alert">{t('kiosk.closed', { reason: k.closedMessage ?? '' })}</div>}
      {info.error != null && <div className="kiosk-error" role="alert">{errorMessage(info.error)}</div>}
      {k && <div className="kiosk-choices"><PriorityChoice value={priority} onChange={setPriority} /><LargeTypeToggle className="kiosk-large-toggle" /></div>}
      {k && <h2>{t('kiosk.pick')}</h2>}
      <div className="kiosk-grid">
        {k?.categories.map((c) => (
          <div key={c.id} className="kiosk-cell">
            <button type="button" className="kiosk-tile" disabled={busy || !k.open || c.status !== 'open'} onClick={() => take({ categoryId: c.id })}>
              {c.prefix} {c.name}
              <small>{c.status === 'open' ? t('kiosk.waiting', { n: c.waiting }) : t('kiosk.paused')}</small>
            </button>
            {c.items.length > 0 && (
              <div className="kiosk-items" role="group" aria-label={t('kiosk.itemsOf', { category: c.name })}>
                {c.items.slice(0, 6).map((i) => (
                  <button key={i.id} type="button" disabled={busy || !k.open || c.status !== 'open'} onClick={() => take({ itemId: i.id })}>{i.name}</button>
                ))}
              </div>
            )}
          </div>
        ))}
        {k && (
          <div className="kiosk-cell">
            <button type="button" className="kiosk-tile kiosk-tile-checkin" disabled={busy || !k.open} onClick={() => { setCheckingIn(true); setError('') }}>
              {t('kiosk.checkIn')}
              <small>{t('kiosk.bookingCode')}</small>
            </button>
          </div>
        )}
      </div>
      {busy && <div>{t('kiosk.taking')}</div>}
      {error && <div className="kiosk-error" role="alert">{error}</div>}
    </main>
  )
}

function Slip({ ticket, onDone }: { ticket: IssuedTicket; onDone(): void }) {
  const follow = `${usePublicOrigin() ?? window.location.origin}/hall/t/${ticket.id}?k=${encodeURIComponent(ticket.token)}`
  return (
    <main className="kiosk">
      <section className="slip" aria-label={t('slip.title')}>
        <div>{ticket.centerName} · {ticket.categoryName}</div>
        <div>{t('slip.number')}</div>
        <div className="slip-number" data-testid="ticket-number">{ticket.number}</div>
        {ticket.appointment && <div>{t('slip.appointment')}</div>}
        <div style={{ fontSize: 28 }}>{t('slip.ahead', { n: ticket.ahead })}</div>
        <div>{t('slip.wait', { n: ticket.estimatedWaitMinutes })}</div>
        <QrCode text={follow} label={t('slip.scan')} />
        <div style={{ fontSize: 16 }}>{t('slip.scan')}</div>
        <div style={{ fontSize: 16 }}>{t('slip.issuedAt', { at: dateTime(ticket.issuedAt) })}</div>
        <div className="slip-actions">
          <button type="button" onClick={() => window.print()}>{t('slip.print')}</button>
          <button type="button" onClick={onDone} style={{ background: '#1f5fae' }}>{t('slip.done')}</button>
        </div>
      </section>
    </main>
  )
}
