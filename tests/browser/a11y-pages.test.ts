// Accessibility of a working day's pages (issue 24): axe-core on every page a citizen, a clerk, an agent (on a
// phone), a supervisor and the hall use, failing on any serious or critical violation; no English accessible name
// ("left", "search", "segmented control") on these Chinese pages; every /app page has a level-one heading.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'
import { seriousViolations } from './a11y.js'
import { startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
let district: number
let caseRow: { id: number; number: string; queryCode: string }
let itemId: number

beforeAll(async () => {
  env = await startEnv()
  district = (await centerByName(env.db, '区行政服务中心')).id
  const item = await offeredItem(env.db, district, 'promised')
  itemId = item.id
  caseRow = await recordCase(await env.api('district.clerk1'), district, item)
})
afterAll(async () => { await env?.close() })

/** The page has drawn its data: no loading spinner left (the display board keeps an event stream open, so no networkidle). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  await page.waitForFunction(() => !document.querySelector('.page-loading, .ant-spin-spinning'), null, { timeout: 30_000 })
  await page.waitForTimeout(400)
}

/** aria-labels still in English (antd's icon names and defaults), outside what is hidden from assistive technology. */
function englishNames(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('[aria-label]')]
    .filter((e) => /^[a-z][a-z -]*$/i.test(e.getAttribute('aria-label') ?? '') && !e.closest('[aria-hidden="true"]'))
    .map((e) => e.getAttribute('aria-label')!))
}

async function audit(page: Page, url: string, opts: { app?: boolean } = {}): Promise<void> {
  await page.goto(url)
  await settle(page)
  expect(await seriousViolations(page), url).toEqual([])
  expect(await englishNames(page), url).toEqual([])
  if (opts.app) expect(await page.getByRole('heading', { level: 1 }).count(), url).toBeGreaterThanOrEqual(1)
}

describe('axe-core: no serious or critical violation', () => {
  it('public pages: home, guide, an item, progress with a result, booking, kiosk, display board', async () => {
    const page = await env.newPage()
    for (const url of ['/', `/guide?q=${encodeURIComponent('登记')}`, `/guide/items/${itemId}`, `/progress?number=${caseRow.number}&code=${caseRow.queryCode}`, '/hall/book']) {
      await audit(page, url)
      expect(await page.getByRole('heading', { level: 1 }).count(), url).toBeGreaterThanOrEqual(1)
    }
    await audit(page, `/hall/kiosk/${district}`)
    await audit(page, `/hall/display/${district}`)
    await page.context().close()
  }, 240_000)

  it('a clerk\'s pages: workbench, intake, the case page (正常 tag readable), cases, window panel, levels, 委托登记', async () => {
    const page = await env.newPage()
    await env.login(page, 'district.clerk1')
    for (const url of ['/app', '/app/intake', `/app/cases/${caseRow.id}`, '/app/cases', '/app/hall/window', '/app/levels', '/app/proxies']) await audit(page, url, { app: true })
    // the light tag of an open case is on the page the axe check just passed
    await page.goto(`/app/cases/${caseRow.id}`)
    await page.locator('.light-green').first().waitFor()
    await page.context().close()
  }, 240_000)

  it('an agent on a phone: the agency page (the item combobox is named), 委托登记', async () => {
    const page = await env.newPage({ mobile: true })
    await env.login(page, 'agent.t01v01')
    await audit(page, '/app/agency', { app: true })
    await page.getByRole('combobox', { name: '办理事项' }).waitFor()
    await audit(page, '/app/proxies', { app: true })
    await page.context().close()
  }, 240_000)

  it('a supervisor and an approver: supervision, statistics (scrolling table reachable by keyboard), inbox', async () => {
    const page = await env.newPage()
    await env.login(page, 'district.supervisor')
    for (const url of ['/app/supervision', '/app/statistics', '/app/followups']) await audit(page, url, { app: true })
    const approver = await env.newPage()
    await env.login(approver, 'approver.mz')
    for (const url of ['/app', '/app/inbox']) await audit(approver, url, { app: true })
    await page.context().close()
    await approver.context().close()
  }, 240_000)
})
