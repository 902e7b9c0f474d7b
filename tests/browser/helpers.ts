// One real Yizhan per test file: a fresh database with the demo district, the server on a random port
// serving the built web pages, and the system Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { onTestFailed } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import { createDb, createPool, ensureDatabase, type Db } from '../../src/db/database.js'
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { loadDemo } from '../../src/demo/load.js'
import { buildApp, type App } from '../../src/server/app.js'
import type { Sender as SmsSender } from '../../src/features/messages/sender.js'
import type { Clock } from '../../src/domain/clock.js'
import { loginClient, type Client } from '../helpers/app.js'

export const DEMO_PASSWORD = 'demo-Pass-2026'
const quiet = { info: () => {}, warn: () => {} }
const webDist = path.resolve('web/dist')
const shots = path.resolve('.tmp/browser')

export interface BrowserEnv {
  baseUrl: string
  app: App
  db: Db
  browser: Browser
  /** A fresh browser context (own cookies) and page, 390×844 when `mobile`. */
  newPage(opts?: { mobile?: boolean }): Promise<Page>
  /** Logs in through the login form and waits for the staff frame. */
  login(page: Page, username: string, password?: string): Promise<void>
  /** The same user's API client (app.inject with the session cookie and CSRF header), to set up a scene quickly. */
  api(username: string): Promise<Client>
  close(): Promise<void>
}

/** Build the web pages once when web/dist is missing (CI builds them before the tests). */
function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(webDist, 'index.html'))) return
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** A fresh database: on TEST_DATABASE_URL's server when set, else an embedded PostgreSQL in a temp dir. */
async function freshDatabase(tmp: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (serverUrl) {
    const name = `yz_browser_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
    const url = await ensureDatabase(serverUrl, name)
    return {
      url,
      async drop() {
        const admin = new pg.Client({ connectionString: serverUrl })
        await admin.connect()
        await admin.query(`drop database if exists "${name}" with (force)`)
        await admin.end()
      },
    }
  }
  const embedded: EmbeddedServer = await startEmbedded({ dataDir: path.join(tmp, 'data'), port: await freePort(), log: quiet })
  const url = await ensureDatabase(embedded.url, 'yizhan')
  return { url, drop: () => embedded.stop() }
}

export async function startEnv(opts: { clock?: Clock; smsSender?: SmsSender; config?: Partial<Config> } = {}): Promise<BrowserEnv> {
  ensureWebBuilt()
  // What has been started, undone in reverse order by close() or when starting fails halfway.
  const undo: (() => Promise<unknown> | unknown)[] = []
  const close = async () => { for (const fn of undo.reverse()) await fn() }
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yz-browser-'))
    undo.push(() => fs.rmSync(tmp, { recursive: true, force: true }))
    fs.chmodSync(tmp, 0o755) // the embedded server may run as the `postgres` user (when we are root)
    const database = await freshDatabase(tmp)
    undo.push(() => database.drop())
    const db = createDb(createPool(database.url, 5))
    undo.push(() => db.destroy())
    await migrateToLatest(db)
    const config = { ...loadConfig(), webDist, logLevel: 'warn', demoPassword: DEMO_PASSWORD, dataDir: path.join(tmp, 'app'), ...opts.config }
    await loadDemo(db, config, quiet)
    const app = await buildApp({ db, config, clock: opts.clock, smsSender: opts.smsSender })
    undo.push(() => app.close())
    await app.listen({ port: 0, host: '127.0.0.1' })
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    })
    undo.push(() => browser.close().catch(() => undefined))
    let pageCount = 0

    return {
      baseUrl, app, db, browser, close,
      async newPage(opts = {}) {
        const context = await browser.newContext({
          baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
          viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1280, height: 860 },
          isMobile: opts.mobile, hasTouch: opts.mobile,
        })
        const page = await context.newPage()
        // A failing test leaves a picture of each of its pages: .tmp/browser/failed-<test>-<n>.png
        const n = ++pageCount
        onTestFailed(async ({ task }) => {
          if (page.isClosed()) return
          const file = await screenshot(page, `failed-${task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60)}-${n}`).catch(() => '')
          console.error(`页面 ${page.url()} 截图 screenshot: ${file}`)
        })
        return page
      },
      api: (username) => loginClient(app, username, DEMO_PASSWORD),
      async login(page, username, password = DEMO_PASSWORD) {
        await page.goto('/login')
        await page.getByLabel('用户名').fill(username)
        await page.getByLabel('密码').fill(password)
        await page.getByRole('button', { name: '登录' }).click()
        await page.waitForURL(/\/app(\/|$)/)
        await page.getByRole('button', { name: '退出' }).waitFor()
      },
    }
  } catch (e) {
    await close().catch(() => undefined)
    throw e
  }
}

/** Save a full-page screenshot to .tmp/browser/<name>.png (look at it: Chinese must not render as boxes). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(shots, { recursive: true })
  const file = path.join(shots, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** Click an action button on the case page, fill its dialog and confirm; with `status`, wait until the page shows it. */
export async function caseAction(page: Page, action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}, status?: string) {
  await page.locator('.case-actions').getByRole('button', { name: action, exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await fill(dialog)
  await dialog.getByRole('button', { name: action, exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
  if (status) await page.locator('.page-head .ant-tag', { hasText: status }).waitFor()
}

/**
 * Picks the option `option` of an antd Select until `chosen` (the choice shown in the select) appears, three tries at
 * most. Under load a dropdown whose options were still arriving closed or re-rendered under the pointer and the click
 * chose nothing (CI: the stand-in read 未指定, a bundle lost its first item), so the pick is checked, not assumed.
 * `open` opens the dropdown (a click, or typing the search).
 */
export async function choose(page: Page, open: () => Promise<unknown>, option: string, chosen: Locator): Promise<void> {
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first()
  for (let attempt = 0; !(await chosen.isVisible()); attempt++) {
    if (attempt === 3) throw new Error(`「${option}」选不上：选择框没有显示它`)
    if (!(await item.isVisible())) await open()
    await item.click({ timeout: 10_000 }).catch(() => undefined)
    await chosen.waitFor({ timeout: 3000 }).catch(() => undefined)
  }
}
