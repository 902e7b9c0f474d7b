// 数据交换 in the browser: two cases taken at 梁子镇 go to the stand-in province, which refuses one record; the
// district supervisor opens the reconciliation from the menu and sees what was acknowledged and the refusal with the
// province's reason; the administrator sends it again and the day's figures show it acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mappingFrom } from '../../src/domain/exchange-mapping.js'
import { pushAdapter } from '../../src/features/exchange/push.js'
import { sendDue } from '../../src/features/exchange/sender.js'
import { systemClock } from '../../src/domain/clock.js'
import { loadExchangeConfig } from '../../src/features/exchange/exchange.config.js'
import { signRatingFields } from '../../src/features/exchange/exchange.service.js'
import { creditCheckChar } from '../../src/domain/credit-code.js'
import { centerByName, offeredItem } from '../helpers/supervision.js'
import { idNumber } from '../helpers/cases.js'
import { startProvinceStandin } from '../helpers/province-standin.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
const mapping = mappingFrom({ builtin: 'national' })
let province: Awaited<ReturnType<typeof startProvinceStandin>>
const RATING_PAGE = 'https://zwfw.hubei.example/pj/evaluate'
beforeAll(async () => {
  // province-page mode of 好差评 on: the rating link opens the province's page
  env = await startEnv({ config: { exchange: { ...loadExchangeConfig({}), ratingPageUrl: RATING_PAGE, ratingPageKey: 'province-key' } } })
  province = await startProvinceStandin({ mapping })
})
afterAll(async () => { await province?.close(); await env?.close() })

async function recordImmediate(centerId: number, item: { id: number; materials: number[] }, n: number): Promise<{ number: string; queryCode: string }> {
  const res = await fetch(`${env.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'liangzi.clerk1', password: DEMO_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const { csrfToken } = await res.json() as { csrfToken: string }
  const r = await fetch(`${env.baseUrl}/api/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ requestId: `exchange-browser-${n}`, itemId: item.id, centerId, complete: true,
      applicant: { kind: 'person', name: '陈晓东', idNumber: idNumber(800 + n), phone: '13900139000' }, materials: item.materials.map((materialId) => ({ materialId, received: true })) }),
  })
  expect(r.status).toBe(201)
  return r.json() as Promise<{ number: string; queryCode: string }>
}

describe('数据交换', () => {
  it('the supervisor sees the day\'s reconciliation and a refusal with its reason; the administrator sends it again', { timeout: 240_000 }, async () => {
    await env.db.updateTable('centers').set({ area_code: '420702000000' }).where('code', '=', 'D01').execute()
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const item = await offeredItem(env.db, lz.id, 'immediate')
    await recordImmediate(lz.id, item, 1)
    await recordImmediate(lz.id, item, 2)
    const adapter = pushAdapter({ url: province.url, mapping, dataSource: 'YIZHAN' })
    province.script('ok', 'refuse')
    await sendDue(env.db, adapter, systemClock)
    const total = (await env.db.selectFrom('exchange_records').select('id').execute()).length
    expect(province.refused).toHaveLength(1)

    const page = await env.newPage()
    await env.login(page, 'district.supervisor')
    await page.getByRole('menuitem', { name: '数据交换' }).click()
    await page.waitForURL(/\/app\/exchange$/)
    await page.getByRole('heading', { name: '省平台数据交换对账', exact: true }).waitFor()
    await expect(page.getByTestId('total-created').textContent()).resolves.toContain(String(total))
    await expect(page.getByTestId('total-refused').textContent()).resolves.toContain('1')
    await expect(page.getByTestId('total-acknowledged').textContent()).resolves.toContain(String(total - 1))
    await page.getByTestId('refused').getByText('省平台拒收 (scripted)').waitFor()
    await page.getByTestId('refused').getByRole('cell', { name: '新增', exact: true }).waitFor() // cd_operation I, in words
    expect(await page.getByRole('button', { name: '重新发送' }).count()).toBe(0) // supervisors see, administrators act
    await screenshot(page, 'exchange-reconciliation')
    await page.context().close()

    const admin = await env.newPage()
    await env.login(admin, 'admin')
    await admin.goto('/app/exchange')
    await admin.getByRole('button', { name: '重新发送' }).click()
    await admin.getByText('已重新排队发送').waitFor()
    await sendDue(env.db, adapter, systemClock)
    await admin.reload()
    await expect(admin.getByTestId('total-refused').textContent()).resolves.toContain('0')
    await expect(admin.getByTestId('total-acknowledged').textContent()).resolves.toContain(String(total))
    expect(province.received).toHaveLength(total)
    await admin.context().close()
  })

  it('province-page mode: the applicant\'s rating link (phone) opens the province\'s page with the case\'s fields signed', { timeout: 120_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const c = await recordImmediate(lz.id, await offeredItem(env.db, lz.id, 'immediate'), 3)
    const page = await env.newPage({ mobile: true })
    await page.goto(`/rate?number=${c.number}&code=${c.queryCode}`)
    const link = page.getByTestId('province-rating')
    await link.waitFor()
    const u = new URL((await link.getAttribute('href'))!)
    expect(u.origin + u.pathname).toBe(RATING_PAGE)
    expect(u.searchParams.get('project_no')).toBe(c.number)
    const fields = Object.fromEntries([...u.searchParams].filter(([k]) => k !== 'sign'))
    expect(u.searchParams.get('sign')).toBe(signRatingFields('province-key', fields))
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0) // no local form: the province collects it
    await screenshot(page, 'exchange-province-rating')
    await page.context().close()
  })

  it('the administrator keeps the identifiers (a wrong 区划代码 refused, naming it) and imports the claimed 实施清单 from a file', { timeout: 180_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const dept = await env.db.selectFrom('departments').select(['id', 'name']).where('center_id', '=', lz.id).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow()
    const f17 = `11420702MB${String(dept.id).padStart(7, '0')}`
    const credit = f17 + creditCheckChar(f17)
    const page = await env.newPage()
    await env.login(page, 'admin')
    await page.goto('/app/exchange')
    const ids = page.getByTestId('identifiers')
    await ids.getByLabel('按中心或部门名称筛选').fill('梁子镇')
    const area = ids.getByLabel('梁子镇便民服务中心 行政区划代码')
    await area.fill('4207')
    await area.locator('xpath=..').getByRole('button', { name: '保存' }).click()
    await page.getByText('区划代码应为 6、9 或 12 位数字').waitFor()
    await page.getByRole('dialog').getByRole('button', { name: /知道了|确\s?定|OK/ }).click()
    await area.fill('420702101')
    await area.locator('xpath=..').getByRole('button', { name: '保存' }).click()
    await ids.getByRole('cell', { name: '420702101000', exact: true }).waitFor() // what its records carry
    const code = ids.getByLabel(`${dept.name} 统一社会信用代码`).first()
    await code.fill(credit)
    await code.locator('xpath=..').getByRole('button', { name: '保存' }).click()
    await expect.poll(async () => (await env.db.selectFrom('departments').select('credit_code').where('id', '=', dept.id).executeTakeFirstOrThrow()).credit_code).toBe(credit)

    const item = (over: Record<string, unknown> = {}) => ({
      task_code: `${credit}000510401099`, task_version: 1, catalog_code: '000510401099', task_name: '小餐饮登记', task_type: '行政许可', dept_code: credit,
      legal_days: 20, promised_days: 10, town_accept: 'Y', village_accept: 'N', update_time: '2026-12-01T08:00:00+08:00', materials: [{ material_name: '申请书', material_form: '原件' }], ...over,
    })
    const upload = (items: unknown[]) => page.getByTestId('catalog-import').locator('input[type=file]')
      .setInputFiles({ name: 'claimed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ items })) })
    await upload([item(), item({ task_code: '12345' })])
    await page.getByTestId('import-problems').getByText('items.1.task_code', { exact: false }).waitFor()
    await screenshot(page, 'exchange-admin-import-refused')
    expect(await env.db.selectFrom('service_items').select('id').where('code', '=', item().task_code).execute()).toEqual([])
    await upload([item()])
    await page.getByTestId('import-result').getByText('新增 1').waitFor()
    const v = await env.db.selectFrom('service_items as i').innerJoin('item_versions as v', 'v.item_id', 'i.id').select(['v.version', 'v.status']).where('i.code', '=', item().task_code).execute()
    expect(v).toEqual([{ version: 1, status: 'published' }])
    await screenshot(page, 'exchange-admin')
    await page.context().close()
  })
})
