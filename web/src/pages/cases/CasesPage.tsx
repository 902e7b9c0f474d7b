// `/app/cases`: today's work at the window (cases I recorded today, corrections waiting, results to hand over) and
// every case in the user's jurisdiction, searchable by number or applicant, 50 at a time (keyset cursor).
import { Button, Input, Segmented, Select, Space } from 'antd'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { t, type MessageKey } from '../../i18n'
import { useLoad } from '../../lib/useLoad'
import { CaseTable } from './CaseTable'
import type { CaseList, CaseSummary } from './caseTypes'

type View = 'today' | 'correction' | 'toDeliver' | 'all'
const VIEWS: View[] = ['today', 'correction', 'toDeliver', 'all']
const STATUSES = ['correction', 'accepted', 'in_review', 'approved', 'denied', 'answered', 'closed', 'refused'] as const

const todayInChina = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const dayOf = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso))

async function load(view: View, q: string, status: string | undefined, cursor: string | undefined, signal: AbortSignal): Promise<CaseList> {
  const get = (query: Record<string, string | boolean | undefined>) => api.get<CaseList>('/api/cases', query, signal)
  if (view === 'today') {
    const r = await get({ mine: true, limit: '200' })
    const today = todayInChina()
    return { cases: r.cases.filter((c) => dayOf(c.receivedAt) === today), nextCursor: null }
  }
  if (view === 'correction') return get({ status: 'correction', cursor })
  if (view === 'toDeliver') {
    const lists = await Promise.all(['approved', 'denied', 'answered'].map((s) => get({ status: s, limit: '200' })))
    return { cases: lists.flatMap((l) => l.cases).sort((a, b) => b.id - a.id), nextCursor: null }
  }
  return get({ q: q || undefined, status, cursor })
}

export default function CasesPage() {
  const [params, setParams] = useSearchParams()
  const view = (VIEWS.includes(params.get('view') as View) ? params.get('view') : 'today') as View
  const q = params.get('q') ?? ''
  const status = params.get('status') ?? undefined
  const [more, setMore] = useState<{ cases: CaseSummary[]; cursor: string | null } | null>(null)
  const list = useLoad((s) => { setMore(null); return load(view, q, status, undefined, s) }, [view, q, status])
  // each tab's count, like every work list (read again with the list: a case recorded or handed over moves them)
  const counts = useLoad((s) => api.get<Record<View, number>>('/api/cases/counts', undefined, s), [view, q, status])
  const set = (k: string, v: string | undefined) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); setParams(p) }
  const cases = [...(list.data?.cases ?? []), ...(more?.cases ?? [])]
  const cursor = more ? more.cursor : list.data?.nextCursor ?? null

  async function loadMore() {
    const r = await load(view, q, status, cursor ?? undefined, new AbortController().signal)
    setMore({ cases: [...(more?.cases ?? []), ...r.cases], cursor: r.nextCursor })
  }

  return (
    <div>
      <PageHead title={counts.data ? t('list.counted', { label: t('cases.title'), n: counts.data[view] }) : t('cases.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented value={view} onChange={(v) => set('view', v as string)} options={VIEWS.map((v) => {
          const label = t(`cases.${v}` as MessageKey)
          return { value: v, label: counts.data ? t('list.counted', { label, n: counts.data[v] }) : label }
        })} />
        {view === 'all' && (
          <>
            <Input.Search allowClear defaultValue={q} placeholder={t('cases.search')} aria-label={t('cases.search')} style={{ width: 240 }} onSearch={(v) => set('q', v.trim() || undefined)} />
            <Select allowClear value={status} placeholder={t('case.status')} style={{ width: 140 }} onChange={(v?: string) => set('status', v)}
              options={STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))} />
          </>
        )}
      </Space>
      <CaseTable cases={cases} loading={list.loading} />
      {cursor && <Button style={{ marginTop: 12 }} onClick={() => void loadMore()}>{t('cases.more')}</Button>}
    </div>
  )
}
