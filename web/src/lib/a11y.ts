// What antd's generated markup lacks for screen readers and keyboards, mended once for every page (issue 24):
// - its icons carry English names ("left", "search", "down"): an icon beside text or inside a control that already
//   has a name is hidden from assistive technology; an icon that is a control's only content gets a Chinese name;
// - a table wider than the screen scrolls in a region the keyboard cannot reach: the region takes focus (tab stop).
import { t, type MessageKey } from '../i18n'

function iconName(english: string): string | undefined {
  const key = `a11y.icon.${english}` as MessageKey
  const text = t(key)
  return text === undefined || text === key ? undefined : text
}

function mendIcon(icon: Element): void {
  const label = icon.getAttribute('aria-label')
  if (!label || !/^[a-z][a-z-]*$/.test(label)) return
  const control = icon.closest('button, a[href], [role="button"], [role="tab"], li[tabindex]') // an <a> without href has no role that may take a name
  const otherText = (control ?? icon.parentElement)?.textContent?.trim()
  const named = control && (control.getAttribute('aria-label') || control.getAttribute('title'))
  if (!control || otherText || named) {
    icon.setAttribute('aria-hidden', 'true')
    icon.removeAttribute('aria-label')
  } else {
    const zh = iconName(label)
    if (zh) icon.setAttribute('aria-label', zh)
    else { icon.setAttribute('aria-hidden', 'true'); control.setAttribute('aria-label', t('a11y.icon.ellipsis')) }
  }
}

function mendScroller(el: HTMLElement): void {
  if (el.hasAttribute('tabindex')) return
  if (el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight) return
  el.tabIndex = 0
  el.setAttribute('role', 'region')
  el.setAttribute('aria-label', t('a11y.scrollRegion'))
}

function mend(root: ParentNode): void {
  root.querySelectorAll('.anticon[aria-label]').forEach(mendIcon)
  root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach(mendScroller)
  root.querySelectorAll('.ant-segmented[aria-label="segmented control"]').forEach((s) => s.setAttribute('aria-label', t('a11y.segmented')))
}

/** Watch the document and mend what antd renders, batched once per animation frame. */
export function mendAccessibility(): void {
  let queued = false
  const run = () => { queued = false; mend(document) }
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(run) }
  }).observe(document.body, { childList: true, subtree: true })
  window.addEventListener('resize', () => { if (!queued) { queued = true; requestAnimationFrame(run) } })
  run()
}
