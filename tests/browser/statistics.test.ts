// 统计分析 in the browser: the demo district's supervisor opens the page from the menu after two cases were taken at
// 梁子镇, sees the charts and the town's numbers in the table, switches the dimension, and downloads the Excel file;
// the workbench shows this month's card.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDate } from '../../src/domain/clock.js'
import { centerByName, offeredItem } from '../helpers/supervision.js'
import { idNumber } from '../helpers/cases.js'
import { DEMO_PASSWORD, screenshot, startEnv, type BrowserEnv } from './helpers.js'

let env: BrowserEnv
beforeAll(async () => { env = await startEnv() })
afterAll(async () => { await env?.close() })

async function recordImmediate(username: string, centerId: number, item: { id: number; materials: number[] }, n: number) {
  const res = await fetch(`${env.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })
  const cookie = res.headers.get('set-cookie')!.split(';')[0]
  const { csrfToken } = await res.json() as { csrfToken: string }
  const r = await fetch(`${env.baseUrl}/api/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ requestId: `stats-browser-${n}`, itemId: item.id, centerId, complete: true,
      applicant: { kind: 'person', name: '陈晓东', idNumber: idNumber(700 + n), phone: '13900139000' }, materials: item.materials.map((materialId) => ({ materialId, received: true })) }),
  })
  expect(r.status).toBe(201)
}

describe('统计分析', () => {
  it('the supervisor sees charts and the town\'s figures, changes the dimension and exports Excel', { timeout: 240_000 }, async () => {
    const lz = await centerByName(env.db, '梁子镇便民服务中心')
    const item = await offeredItem(env.db, lz.id, 'immediate')
    await recordImmediate('liangzi.clerk1', lz.id, item, 1)
    await recordImmediate('liangzi.clerk1', lz.id, item, 2)

    const page = await env.newPage()
    await env.login(page, 'district.supervisor')
    await page.getByTestId('statistics-card').getByText('接件').waitFor()
    await page.getByRole('menuitem', { name: '统计分析' }).click()
    await page.waitForURL(/\/app\/statistics$/)
    await page.getByRole('heading', { name: '统计分析', exact: true }).waitFor()
    await page.getByTestId('counts-chart').locator('canvas').waitFor()
    await page.getByTestId('rates-chart').locator('canvas').waitFor()
    const row = page.getByTestId('stats-table').getByRole('row', { name: /梁子镇便民服务中心/ })
    await row.waitFor()
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('2') // 接件
    await expect(row.getByRole('cell').nth(4).textContent()).resolves.toBe('2') // 办结
    await expect(row.getByRole('cell').nth(10).textContent()).resolves.toBe('100.0%') // 一次办结率
    await screenshot(page, 'statistics-center')
    // each measure's written definition (口径) is its tooltip; the charts show one level of centers at a time
    await page.getByTestId('measure-satisfaction').first().hover()
    await page.getByRole('tooltip').getByText(/基本满意/).waitFor()
    await page.getByTestId('chart-level').getByText('村级服务室').click()
    await page.getByTestId('counts-chart').locator('canvas').waitFor()
    const coverage = /（([\d.]+%|—)）/.exec((await page.getByTestId('coverage').textContent()) ?? '')![1]

    // the report for the same period shows the same coverage, its charts and the problems it names
    await page.getByRole('menuitem', { name: '运行情况报告' }).click()
    await page.getByTestId('report-problems').waitFor()
    const from = page.getByLabel('起始日期（办件）')
    await from.click()
    await from.fill(`${chinaDate(new Date()).slice(0, 4)}-01-01`)
    await from.press('Enter')
    await page.getByText(`主要指标（${chinaDate(new Date()).slice(0, 4)}-01-01 至`).waitFor()
    await expect(page.getByTestId('report-coverage').textContent()).resolves.toContain(coverage)
    await page.getByTestId('towns-chart').locator('canvas').waitFor()
    await expect(page.getByTestId('report-problems').textContent()).resolves.toContain('尚有 7 家应进驻单位未进驻')
    expect(await page.getByTestId('download-docx').getAttribute('href')).toContain(`casesFrom=${chinaDate(new Date()).slice(0, 4)}-01-01`)
    await screenshot(page, 'report-period')
    // the download is the 公文: a Word document with its charts as images, the 落款 and page numbers
    const download = page.waitForEvent('download')
    await page.getByTestId('download-docx').click()
    const docx = await download
    expect(docx.suggestedFilename()).toMatch(/\.docx$/)
    const zip = await (await import('jszip')).default.loadAsync(fs.readFileSync((await docx.path())!))
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))
    expect(media.length).toBeGreaterThanOrEqual(1)
    for (const f of media) expect((await zip.file(f)!.async('nodebuffer')).subarray(1, 4).toString()).toBe('PNG')
    const body = await zip.file('word/document.xml')!.async('string')
    expect((body.match(/<w:drawing>/g) ?? []).length).toBe(media.length)
    expect(body).toContain('区行政服务中心')
    expect(body).toContain(`${chinaDate(new Date()).slice(0, 4)}年`)
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')))
    expect(footers.some((f) => f.includes('PAGE'))).toBe(true)
    await page.getByRole('menuitem', { name: '统计分析' }).click()
    await page.getByRole('heading', { name: '统计分析', exact: true }).waitFor()

    await page.getByRole('combobox', { name: '统计维度' }).click()
    await page.getByTitle('按月份').click()
    const month = chinaDate(new Date()).slice(0, 7)
    await page.getByTestId('stats-table').getByRole('row', { name: new RegExp(month) }).waitFor()

    const href = await page.getByTestId('export-xlsx').getAttribute('href')
    expect(href).toContain('format=xlsx')
    expect(href).toContain('groupBy=month')
    const file = await page.request.get(href!)
    expect(file.status()).toBe(200)
    expect(file.headers()['content-type']).toContain('spreadsheetml')
    await page.context().close()
  })
})
