// 显示屏 /hall/display/:centerId: the latest calls, waiting counts and the scrolling notice, each call spoken in
// Chinese. Server-Sent Events: the browser reconnects by itself with Last-Event-ID; if the stream fails outright
// (e.g. while the server restarts) a new one resumes from the last id it saw, without reloading the page.
import { useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { latestCallPerTicket } from '../../../../src/domain/ticket-rules.js'
import { t } from '../../i18n'
import type { CallData } from './hallTypes'
import './hall.css'

interface Count { id: number; prefix: string; name: string; waiting: number }
interface State { centerName: string; hours?: string; notice: string; calls: CallData[]; categories: Count[] }

function speak(text: string) {
  const synth = window.speechSynthesis
  if (!synth) return
  const u = new SpeechSynthesisUtterance(text)
  u.lang = 'zh-CN'
  u.rate = 0.9
  synth.speak(u)
}

export default function DisplayPage() {
  const centerId = Number(useParams().centerId)
  const [state, setState] = useState<State | null>(null)
  const [online, setOnline] = useState(false)
  const [voice, setVoice] = useState(false)
  const voiceRef = useRef(false)
  voiceRef.current = voice

  useEffect(() => {
    let lastId = ''
    let source: EventSource | undefined
    let retry: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const open = () => {
      const url = `/api/centers/${centerId}/display/events${lastId ? `?lastEventId=${encodeURIComponent(lastId)}` : ''}`
      const es = (source = new EventSource(url))
      const remember = (e: MessageEvent) => { if (e.lastEventId) lastId = e.lastEventId }
      es.onopen = () => setOnline(true)
      es.onerror = () => {
        setOnline(false)
        // Closed (the server restarted, or refused with 429/503 when too many boards are open): try again after 3–10 s,
        // spread so that a hall's boards do not all come back in the same instant.
        if (es.readyState === EventSource.CLOSED && !stopped) { retry = setTimeout(open, 3000 + Math.random() * 7000) }
      }
      es.addEventListener('state', (e) => { remember(e); setState(JSON.parse(e.data)) })
      es.addEventListener('call', (e) => {
        remember(e)
        const call: CallData = JSON.parse(e.data)
        setState((s) => s && { ...s, calls: latestCallPerTicket([call, ...s.calls], 8) })
        if (voiceRef.current) { speak(call.text); speak(call.text) }
      })
      es.addEventListener('counts', (e) => { const { categories } = JSON.parse(e.data); setState((s) => s && { ...s, categories }) })
      es.addEventListener('notice', (e) => { remember(e); const { notice } = JSON.parse(e.data); setState((s) => s && { ...s, notice }) })
    }
    open()
    return () => { stopped = true; clearTimeout(retry); source?.close() }
  }, [centerId])

  const latest = state?.calls[0]
  return (
    <main className="display">
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{state?.centerName ?? t('display.connecting')}</h1>
        {state?.hours && <span className="display-hours">{t('kiosk.hours', { hours: state.hours })}</span>}
        <span className="display-status" data-testid="display-online">{online ? '' : t('display.offline')}</span>
        {!voice && <button type="button" onClick={() => { setVoice(true); speak('') }}>{t('display.voiceOn')}</button>}
      </header>
      <div className="display-main">
        <section aria-label={t('display.latest')}>
          <div className="display-current" data-testid="current-call">{latest ? latest.number : t('display.none')}</div>
          {latest && <div className="display-call-text" data-testid="call-text">{latest.text}</div>}
          <h2 style={{ color: '#fff' }}>{t('display.recent')}</h2>
          <ul className="display-list">
            {state?.calls.map((c, i) => <li key={`${c.at}-${c.number}-${i}`}><span>{c.number}</span><span>{t('display.window', { n: c.windowNumber })}</span></li>)}
          </ul>
        </section>
        <section aria-label={t('display.waiting')}>
          <h2 style={{ color: '#fff' }}>{t('display.waiting')}</h2>
          <ul className="display-list" data-testid="waiting-counts">
            {state?.categories.map((c) => <li key={c.id}><span>{c.prefix} {c.name}</span><span>{c.waiting}</span></li>)}
          </ul>
        </section>
      </div>
      {state?.notice && <div className="display-notice" data-testid="notice"><span>{state.notice}</span></div>}
    </main>
  )
}
