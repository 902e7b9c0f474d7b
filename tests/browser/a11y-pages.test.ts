// Accessibility of a working day's pages (issue 24): axe-core on every page a citizen, a clerk, an agent (on a
// phone), a supervisor and the hall use, failing on any serious or critical violation; no English accessible name
// ("left", "search", "segmented control") on these Chinese pages; every /app page has a level-one heading; the
// hall's hours screen, the centers list, 延期审批 and the 连续办理 dialog too.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { centerByName, consecutiveItem, offeredItem, recordCase } from '../helpers/supervision.js'
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

  it('the hours and the one-dialog steps: 大厅设置 and 中心管理 (administrator), 延期审批 (head), the 连续办理 dialog open', async () => {
    const page = await env.newPage()
    await env.login(page, 'admin')
    for (const url of ['/app/hall/setup', `/app/hall/setup?centerId=${district}`, '/app/centers']) await audit(page, url, { app: true })
    const head = (await env.db.selectFrom('users').select('username').where('username', 'like', 'head.%').orderBy('id').executeTakeFirstOrThrow()).username
    const manager = await env.newPage()
    await env.login(manager, head)
    await audit(manager, '/app/extensions', { app: true })
    // a town item one approver may do in one go: the dialog itself is checked
    const town = await centerByName(env.db, '梁子镇便民服务中心')
    const c = await recordCase(await env.api('liangzi.clerk1'), town.id, await consecutiveItem(env.db, town.id))
    const approver = (await env.db.selectFrom('users').select('username').where('center_id', '=', town.id).where('department_id', 'is', null)
      .where(({ eb }) => eb.fn('array_position', [eb.ref('roles'), eb.val('approver')]), 'is not', null).orderBy('id').executeTakeFirstOrThrow()).username
    const townPage = await env.newPage()
    await env.login(townPage, approver)
    await audit(townPage, `/app/cases/${c.id}`, { app: true })
    await townPage.getByRole('button', { name: /^连续办理/ }).click()
    await townPage.getByRole('dialog', { name: '连续办理' }).waitFor()
    await townPage.waitForTimeout(400)
    expect(await seriousViolations(townPage), 'the 连续办理 dialog').toEqual([])
    expect(await englishNames(townPage), 'the 连续办理 dialog').toEqual([])
    for (const p of [page, manager, townPage]) await p.context().close()
  }, 240_000)
})
