// A confirmation that asks for a reason (revoke a proxy, give up an offline intake): a danger button, a text box, the
// write run with the reason (or a default when left empty), its success toast or the server's refusal.
import { App, Input } from 'antd'
import type { ReactNode } from 'react'
import { useAction } from './useAction'

export function useReasonConfirm() {
  const { modal } = App.useApp()
  const run = useAction()
  return (o: { title: string; okText: string; label: string; fallback: string; before?: ReactNode; write(reason: string): Promise<unknown>; success: string; then?(): void }) => {
    let reason = ''
    modal.confirm({
      title: o.title, okText: o.okText, okButtonProps: { danger: true },
      content: <>{o.before}<Input.TextArea aria-label={o.label} placeholder={o.label} onChange={(e) => { reason = e.target.value }} /></>,
      onOk: () => run(() => o.write(reason.trim() || o.fallback), { success: o.success, then: o.then }),
    })
  }
}
