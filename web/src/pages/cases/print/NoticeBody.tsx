// The body of each printed document, by kind: what the law asks each to say (docs/LEGAL-DOCUMENTS.md lists the clauses).
import { t, type MessageKey } from '../../../i18n'
import { deniedWording, unitText, type CaseDetail, type NoticeKind } from '../caseTypes'

export const chinaDay = (iso: string | null | undefined) => {
  if (!iso) return '—'
  const [y, m, d] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)).split('-').map(Number)
  return `${y}年${m}月${d}日`
}
export const isoDay = (date: string | null) => (date ? chinaDay(`${date}T12:00:00+08:00`) : '—')

/** Every material the one-time notice listed, with what is wrong with it: the list while in correction, else the notice's note. */
function listed(d: CaseDetail): { name: string; problem: string | null }[] {
  if (d.missing?.length) return d.missing.map((m) => ({ name: m.name, problem: m.problem ?? null }))
  const note = [...d.events].reverse().find((e) => e.action === 'correct')?.note ?? ''
  return note.replace(/^一次性告知：/, '').split('、').filter(Boolean).map((x) => {
    const m = /^(.+?)（(.+)）$/.exec(x)
    return m ? { name: m[1], problem: m[2] } : { name: x, problem: null }
  })
}

function Appeal({ text }: { text?: string }) {
  return text ? <p className="notice-body notice-appeal">{text}</p> : null
}

function Provisional({ d }: { d: CaseDetail }) {
  return d.provisional ? <p className="notice-body notice-provisional">{t('notice.provisional')}</p> : null
}

export function NoticeBody({ d, kind }: { d: CaseDetail; kind: NoticeKind }) {
  const received = chinaDay(d.receivedAt)
  const decided = chinaDay(d.decidedAt)
  const body = d.notice.decidingBody
  const p = (key: MessageKey, vars: Record<string, string | number>) => <p className="notice-body">{t(key, vars)}</p>
  switch (kind) {
    case 'accept':
      return (
        <>
          {d.handlingKind === 'immediate' ? p('notice.acceptBodyImmediate', { received, item: d.itemName, body })
            : p('notice.acceptBody', { received, item: d.itemName, body, due: isoDay(d.dueDate), promised: d.promisedDays, unit: unitText(d.daysUnit), legal: isoDay(d.legalDueDate) })}
          <Provisional d={d} />
        </>
      )
    case 'correction':
      return (
        <>
          {p('notice.correctionBody', { received, item: d.itemName })}
          <ol className="notice-list">{listed(d).map((m) => <li key={m.name}>{m.name}：{m.problem ?? t('notice.materialMissing')}</li>)}</ol>
          <p className="notice-body">{t('notice.correctionBeforeAcceptance')}</p>
        </>
      )
    case 'refusal':
      return (
        <>
          {p('notice.refusalBody', { received, item: d.itemName })}
          <p className="notice-body notice-reasons">{d.refusal?.reason}</p>
          {d.refusal?.referTo && p('notice.referTo', { body: d.refusal.referTo })}
          <Appeal text={d.refusal?.appealRights} />
        </>
      )
    case 'denial':
      return (
        <>
          {p('notice.deniedBody', { received, item: d.itemName, decided, wording: deniedWording(d) })}
          <p className="notice-body notice-reasons">{d.decision?.reasons ?? d.decision?.note}</p>
          <Appeal text={d.decision?.appealRights} />
        </>
      )
    case 'decision': {
      const dec = d.decision
      if (dec?.outcome === 'answered') return p('notice.answeredBody', { item: d.itemName, decided, text: dec.note })
      const wording = dec?.wording || d.notice.outcomeWording
      if (!wording || wording === '已办结') return p('notice.doneBody', { item: d.itemName, decided, result: d.notice.result })
      const permit = d.notice.itemType === '行政许可' && d.handlingKind !== 'immediate'
      return (
        <>
          {p('notice.approvedBody', { received, item: d.itemName, decided, wording, result: d.notice.result })}
          {permit && p('notice.permitIssue', {})}
          <Appeal text={dec?.appealRights} />
        </>
      )
    }
    case 'extension': {
      const x = [...d.extensions].reverse().find((e) => e.status === 'approved')
      // within the legal limit the department approved; past it the head, for 联办 the government's head (§42)
      const approval = t(!x?.pastLegal ? 'notice.approvalDepartment' : x.attachmentId !== null ? 'notice.approvalGovernment' : 'notice.approvalHead')
      return (
        <>
          {p('notice.extensionBody', { item: d.itemName, reason: x?.reason ?? '', days: x?.days ?? 0, unit: unitText(d.daysUnit), due: isoDay(d.dueDate), approval })}
          {d.extendedLegalDueDate && p('notice.extensionPastLegal', { legal: isoDay(d.legalDueDate), extended: isoDay(d.extendedLegalDueDate) })}
          <Provisional d={d} />
        </>
      )
    }
    case 'special': {
      const pause = d.pauses.at(-1)
      const note = [...d.events].reverse().find((e) => e.action === 'suspend')?.note ?? pause?.reason ?? ''
      return p('notice.specialBody', { item: d.itemName, kind: pause ? t(`pauseKind.${pause.kind}` as MessageKey) : '', note })
    }
  }
}
