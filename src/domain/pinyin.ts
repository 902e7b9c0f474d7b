// Pinyin of item and place names for search by initials (最低生活保障 → zdshbz), via pinyin-pro.
import { pinyin } from 'pinyin-pro'

function clean(parts: string[]): string {
  return parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
}

export function pinyinInitials(text: string): string {
  return clean(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }))
}

export function pinyinFull(text: string): string {
  return clean(pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }))
}
