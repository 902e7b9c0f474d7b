// Run a write from a button: success toast, or the server's reason in a dialog; then refresh.
import { App } from 'antd'
import { errorMessage } from '../api'
import { t } from '../i18n'

export function useAction() {
  const { message, modal } = App.useApp()
  return async function run(fn: () => Promise<unknown>, opts: { success?: string | (() => string); failTitle?: string; then?: () => void } = {}): Promise<boolean> {
    try {
      await fn()
      message.success(typeof opts.success === 'function' ? opts.success() : opts.success ?? t('common.done')) // a function: text from what fn returned
      opts.then?.()
      return true
    } catch (e) {
      modal.error({ title: opts.failTitle ?? t('common.failed'), content: errorMessage(e) })
      return false
    }
  }
}
