// Pinyin of item and place names for search by initials (最低生活保障 → zdshbz), via pinyin-pro. Its dictionaries are
// loaded on the first name (a catalog save, a search index built): loading them at start-up cost ~0.2–0.4 s.
import { createRequire } from 'node:module'
import type { pinyin as Pinyin } from 'pinyin-pro'

let lib: typeof Pinyin | undefined
const pinyin: typeof Pinyin = ((text: string, options: object) =>
  (lib ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof Pinyin }).pinyin)(text, options as never)) as typeof Pinyin

function clean(parts: string[]): string {
  return parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
}

export function pinyinInitials(text: string): string {
  return clean(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }))
}

export function pinyinFull(text: string): string {
  return clean(pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }))
}
