// Steps of the agent's offline page shared by its browser tests: open it signed in until the service worker controls
// it and the device holds what it needs offline; record an intake by hand with the written authorisation.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { BrowserEnv } from './helpers.js'

/** Whether the device store holds `key` in its meta store (never creates the database). */
export const onDevice = (page: Page, key: string) => page.evaluate(async (k) => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'yizhan-offline')) return false
  return new Promise<boolean>((resolve) => {
    const r = indexedDB.open('yizhan-offline')
    r.onsuccess = () => {
      const db = r.result
      if (!db.objectStoreNames.contains('meta')) { db.close(); resolve(false); return }
      const g = db.transaction('meta').objectStore('meta').get(k)
      g.onsuccess = () => { db.close(); resolve(g.result !== undefined) }
    }
    r.onerror = () => resolve(false)
  })
}, key)

/** The agent's page (signed in as `username` first, unless null), controlled by the service worker, once the device holds `keys`. */
export async function openAgencyReady(env: BrowserEnv, page: Page, username: string | null, keys = ['packAt']): Promise<void> {
  if (username) await env.login(page, username)
  await page.goto('/app/agency')
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 })
  for (let i = 0; !(await Promise.all(keys.map((k) => onDevice(page, k)))).every(Boolean); i++) { expect(i).toBeLessThan(240); await page.waitForTimeout(500) }
}

/** Pick the demo's 临时救助审批 in the item picker (typed again if its list closed under load). */
export async function pickItem(page: Page): Promise<void> {
  const input = page.locator('.agency-item input')
  const option = page.locator('.ant-select-item-option', { hasText: '临时救助审批' })
  for (let i = 0; ; i++) {
    await input.fill('')
    await input.fill('临时救助')
    try { await option.click({ timeout: 8000 }); return } catch (e) { if (i === 2) throw e }
  }
}

/** An intake with a new signed authorisation: the item, the applicant, optionally a photo; saved on the device when offline. */
export async function recordIntake(page: Page, a: { name: string; idNumber: string; phone: string; photo?: { name: string; buffer: Buffer } }): Promise<void> {
  await pickItem(page)
  await page.getByLabel('申请人姓名').fill(a.name)
  await page.getByLabel('身份证号码').fill(a.idNumber)
  await page.getByLabel('手机号码').fill(a.phone)
  if (a.photo) {
    await page.locator('.agency-photos input[type=file]').setInputFiles({ ...a.photo, mimeType: 'image/jpeg' })
    await page.locator('.agency-photo-count').waitFor()
  }
  await page.getByText('已收到申请人签署的授权委托书').click()
  await page.getByRole('button', { name: '登记并打印交接单' }).click()
}
