// t(): every interface string comes from the locale file; `{name}` placeholders are filled from `vars`.
import zhCN from './locales/zh-CN'

export type MessageKey = keyof typeof zhCN

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = zhCN[key]
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all))
}
