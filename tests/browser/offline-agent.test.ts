// The village agent without a signal (issue 20): on a phone-sized page the agent sets a PIN, the browser goes really
// offline (Playwright's offline switch, with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1 so the service worker's
// own fetches are cut too, checked by a request that fails and by no case reaching the server), records three intakes
// with photos, reloads the page offline (the PIN reopens it), goes online, and the three cases reach the server in
// order with their receipt times, photos and real numbers replacing the offline ones; the offline number still finds
// the case on the progress page; the town clerk sees the photos on the incoming hand-over before accepting the paper.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDigit } from '../../src/domain/id-number.js'
import { openAgencyReady, recordIntake } from './agency.js'
import { screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

const id = (n: number) => { const f = `4211221980051200${n}`; return f + checkDigit(f) }
const photo = (color: string) => sharp({ create: { width: 3000, height: 2000, channels: 3, background: color } }).jpeg({ quality: 90 }).toBuffer()
const cases = () => env.db.selectFrom('cases').select(['id', 'number', 'received_at', 'created_at']).where('applicant_name', 'like', '离线%').orderBy('id').execute()

async function record(agent: Page, name: string, n: number, color: string) {
  await recordIntake(agent, { name, idNumber: id(n), phone: '13907150001', photo: { name: `photo-${n}.jpg`, buffer: await photo(color) } })
  await agent.locator('.ant-message-info', { hasText: '已保存在本机' }).last().waitFor()
  // the toast of the previous intake may still be showing: the intake itself must be in the device's list
  await agent.locator('.offline-item', { hasText: name }).waitFor()
}

describe('offline agent page', () => {
  it('records three intakes offline, survives a reload, syncs them with photos, and the town clerk sees the photos', async () => {
    const agent = await env.newPage({ mobile: true })
    agent.on('pageerror', (e) => console.error('pageerror', e.message))
    await openAgencyReady(env, agent, 'agent.t03v02') // the room's items are on the device before the signal goes
    await agent.getByLabel('设置 4–6 位离线 PIN').fill('2468')
    await agent.getByRole('button', { name: '保存 PIN' }).click()
    await agent.getByLabel('设置 4–6 位离线 PIN').waitFor({ state: 'detached' })
    const before = (await cases()).length

    await agent.context().setOffline(true)
    expect(await agent.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'offline'))).toBe('offline')
    expect(await agent.evaluate(() => navigator.onLine)).toBe(false)
    await record(agent, '离线一', 1, '#c33')
    await record(agent, '离线二', 2, '#3c3')
    await record(agent, '离线三', 3, '#33c')
    await agent.reload()
    await agent.getByLabel('PIN').fill('2468')
    await agent.getByRole('button', { name: '打开' }).click()
    await agent.locator('[data-count="waiting"]', { hasText: '等待发送 3' }).waitFor()
    await screenshot(agent, 'offline-agent-waiting')
    const offlineNumbers = await agent.locator('.offline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-offline-number')!).reverse())
    expect(offlineNumbers).toHaveLength(3)
    expect((await cases()).length).toBe(before) // nothing reached the server while offline

    const online = Date.now()
    await agent.context().setOffline(false)
    await agent.locator('[data-count="sent"]', { hasText: '已发送 3' }).waitFor({ timeout: 60_000 })
    await screenshot(agent, 'offline-agent-sent')
    const made = (await cases()).slice(before)
    expect(made).toHaveLength(3)
    for (const c of made) {
      expect(c.received_at.getTime()).toBeLessThan(online) // the receipt time is when it was recorded offline
      expect(c.created_at.getTime()).toBeGreaterThanOrEqual(online - 1000) // the sync time is later and kept apart
      expect(c.number).not.toMatch(/^OFL-/)
    }
    const receipts = await env.db.selectFrom('offline_receipts').select(['case_id', 'offline_number']).where('case_id', 'in', made.map((c) => c.id)).orderBy('case_id').execute()
    expect(receipts.map((r) => r.offline_number)).toEqual(offlineNumbers) // sent in the order recorded
    const files = await env.db.selectFrom('case_files').select(['case_id', 'width', 'height']).where('case_id', 'in', made.map((c) => c.id)).execute()
    expect(files).toHaveLength(3)
    expect(files.every((f) => Math.max(f.width!, f.height!) <= 2480)).toBe(true)
    for (const c of made) await agent.locator('.offline-real', { hasText: c.number }).waitFor()
    // the photos are gone from the device once sent
    expect(await agent.evaluate(() => new Promise<number>((resolve) => {
      const r = indexedDB.open('yizhan-offline')
      r.onsuccess = () => { const g = r.result.transaction('queue').objectStore('queue').getAll(); g.onsuccess = () => { resolve(g.result.reduce((n: number, q: { photos: unknown[] }) => n + q.photos.length, 0)); r.result.close() } }
    }))).toBe(0)
    const code = (await agent.locator('.offline-item').first().textContent())!.match(/查询码 (\w{6})/)![1]
    const progress = await agent.evaluate(([n, c]) => fetch(`/api/public/progress?number=${n}&code=${c}`).then((r) => r.json()), [offlineNumbers[2], code])
    expect(progress.number).toBe(made[2].number)

    // the agent hands the first case to the town; the town clerk sees its photo before accepting the paper
    const handed = await agent.evaluate(async (caseId) => {
      const s = await (await fetch('/api/session')).json()
      const c = await (await fetch(`/api/cases/${caseId}/custody`)).json()
      const town = c.levels.find((l: { level: string }) => l.level === 'town').id
      const materials = c.materials.filter((m: { materialId: number | null }) => m.materialId).map((m: { materialId: number }) => ({ materialId: m.materialId, received: true }))
      return (await fetch(`/api/cases/${caseId}/actions/handover`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify({ toCenterId: town, materials }) })).status
    }, made[0].id)
    expect(handed).toBe(200)
    const town = await env.newPage()
    await env.login(town, 'zhaoshan.clerk1')
    await town.goto('/app/levels')
    const row = town.getByRole('row').filter({ hasText: made[0].number })
    await row.locator('.flow-files img').waitFor()
    await row.getByRole('button', { name: /受\s?理/ }).click()
    const thumb = town.locator('.material-check .case-file img')
    await thumb.waitFor()
    await town.waitForFunction(() => { const i = document.querySelector<HTMLImageElement>('.material-check .case-file img'); return !!i && i.complete && i.naturalWidth > 0 })
    await screenshot(town, 'offline-town-sees-photos')
    await town.locator('.material-check').getByRole('button', { name: '核对原件' }).click()
    await town.locator('.material-check').getByText('已核对原件').waitFor()
  }, 300_000)
})
