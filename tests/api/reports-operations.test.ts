// GET /api/reports/operations on the demo district: the report's own figures, cases counted from cases and visits
// from the hall's tickets,
// the markdown and docx documents, bad dates and another town's figures refused.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { centerByName, offeredItem, recordCase } from '../helpers/supervision.js'
import { idNumber } from '../helpers/cases.js'

let t: TestApp
const clock = new SettableClock('2026-05-29T10:00:00+08:00')

beforeAll(async () => { t = await createTestApp({ demo: true, clock }) })
afterAll(() => t.close())

/** A .docx opened with JSZip: its body XML and text, footers, settings and images. */
async function openDocx(buf: Buffer) {
  expect(buf.subarray(0, 2).toString()).toBe('PK')
  const JSZip = (await import('jszip')).default
  const zip = await JSZip.loadAsync(buf)
  const xml = await zip.file('word/document.xml')!.async('string')
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('')
  const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((f) => f.async('string')))
  const images = await Promise.all(zip.file(/^word\/media\//).map((f) => f.async('nodebuffer')))
  return { xml, text, footers, images, settings: await zip.file('word/settings.xml')!.async('string') }
}

describe('GET /api/reports/operations', () => {
  it('states the network, the district center and each town as in the district report', async () => {
    const admin = await t.login('district.manager1')
    const res = await admin.get('/api/reports/operations?asOf=2026-05-29')
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r.network).toEqual({ districtCenters: 1, townCenters: 5, villageRooms: 86 })
    expect(r.district).toMatchObject({ requiredUnits: 16, enteredUnits: 9, windows: 9, items: 63, windowStaff: 8, managers: 2 })
    expect(r.district.itemsByDepartment.map((d: { department: string; items: number }) => `${d.department}${d.items}`)).toEqual(
      ['区经改局5', '区人社局10', '区国土分局8', '区民政局11', '区人口计生局1', '区卫生局4', '区住建交通局5', '区文体局15', '区安监局4'])
    const town = (name: string) => r.towns.find((x: { name: string }) => x.name === name)
    expect(r.towns.map((x: { name: string }) => x.name)).toEqual(['东沟镇', '梁子镇', '沼山镇', '涂家垴镇', '长岭镇'])
    expect(town('梁子镇')).toMatchObject({ windows: 8, staff: 8, items: 58, casesSince: { from: '2025-01-01', count: 0 } })
    expect(town('梁子镇').windowNames).toEqual(['政务值班', '综合服务', '劳动保障', '土地城建', '计划生育', '民政扶贫', '综治维稳', '农业服务'])
    expect(town('涂家垴镇')).toMatchObject({ windows: 8, staff: 10, items: 35, itemCategories: 11, visits: { from: '2026-01-01', to: '2026-05-29', count: 0 } })
    expect(town('东沟镇')).toMatchObject({ windows: 5, staff: 5 })
    expect(town('沼山镇')).toMatchObject({ windows: 5, staff: 8 })
  })

  it('counts cases accepted at a town and its visits (tickets taken at its hall, enquiries included) within the dates', async () => {
    const lz = await centerByName(t.db, '梁子镇便民服务中心')
    const clerk = await t.login('liangzi.clerk1')
    const item = await offeredItem(t.db, lz.id, 'immediate')
    const m = await t.login('district.manager1')
    const category = (await m.post('/api/hall/categories', { centerId: lz.id, prefix: 'A', name: '综合受理' })).json().id
    const ticket = async () => expect((await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: lz.id, categoryId: category } })).statusCode).toBe(201)
    clock.set('2026-05-28T09:00:00+08:00')
    await recordCase(clerk, lz.id, item, { complete: true })
    await recordCase(clerk, lz.id, item, { complete: true })
    await ticket(); await ticket(); await ticket() // two cases and an enquiry
    clock.set('2026-05-29T10:00:00+08:00')
    await recordCase(clerk, lz.id, item, { complete: true })
    await recordCase(clerk, lz.id, item, { complete: true }) // a case recorded without a ticket is no visit
    await ticket()
    const town = async (q: string) => (await m.get(`/api/reports/operations?${q}`)).json().towns.find((x: { name: string }) => x.name === '梁子镇')
    expect((await town('asOf=2026-05-29')).casesSince.count).toBe(4)
    expect((await town('asOf=2026-05-28')).casesSince.count).toBe(2)
    expect((await town('asOf=2026-05-29&casesFrom=2026-05-29')).casesSince).toEqual({ from: '2026-05-29', count: 2 })
    expect((await town('asOf=2026-05-29')).visits).toEqual({ from: '2026-01-01', to: '2026-05-29', count: 4 })
    expect((await town('asOf=2026-05-28')).visits.count).toBe(3)
    expect((await town('asOf=2026-05-29&visitsFrom=2026-05-29')).visits).toEqual({ from: '2026-05-29', to: '2026-05-29', count: 1 })
    const r = (await m.get('/api/reports/operations?asOf=2026-05-29')).json()
    expect(r.measures).toMatchObject({ decided: 4, onTimeRate: 1, villageRooms: 86 })
    const md = (await m.get('/api/reports/operations?asOf=2026-05-29&format=markdown')).body
    expect(md).toContain('2026年1月1日至2026年5月29日，各窗口累计接待4人次（按大厅取号计，含咨询和补正后再次到厅）')
  })

  it('defaults asOf to today on the clock', async () => {
    const res = await (await t.login('district.supervisor')).get('/api/reports/operations')
    expect(res.json().asOf).toBe('2026-05-29')
    expect(res.json().towns[0].casesSince.from).toBe('2025-01-01')
  })

  it('markdown reads like section 一 of the district report', async () => {
    const res = await (await t.login('district.manager1')).get('/api/reports/operations?asOf=2026-05-29&format=markdown')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/markdown')
    const md = res.body
    expect(md).toContain('## 一、全区行政服务体系建设运行情况')
    expect(md).toContain('全区16家行政单位须进中心设立服务窗口')
    expect(md).toContain('已进驻9家单位，设立9个服务窗口，行政审批事项63项，分别是区经改局（5项）、区人社局（10项）')
    expect(md).toContain('中心现有窗口工作人员8名，管理人员2名')
    expect(md).toContain('涂家垴镇便民服务中心设有政务值班、综治维稳、计生、财政、新农合农保、民政、土地城建、农业等8个服务窗口，服务事项11类35项，窗口工作人员10人')
    expect(md).toContain('按时办结率')
    expect(md).toContain('图1 各镇便民服务中心受理办件数')
  })

  it('docx is a 公文: title, 主送, official fonts by name, charts as images, 落款, page numbers, rows and headings kept together', async () => {
    const res = await (await t.login('district.manager1')).get('/api/reports/operations?asOf=2026-05-29&format=docx')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain('operations-2026-05-29.docx')
    const docx = await openDocx(res.rawPayload)
    expect(docx.text).toContain('关于全区行政服务体系运行情况的报告')
    expect(docx.text).toContain('区人民政府：')
    expect(docx.text).toContain('一、全区行政服务体系建设运行情况')
    expect(docx.text).toContain('二、存在的问题')
    expect(docx.text).toContain('三、意见建议')
    expect(docx.text).toContain('类58项，窗口工作人员8人')
    expect(docx.text).toContain('特此报告。')
    expect(docx.text).toMatch(/附件：1\. 主要指标及统计口径.*2\. 各镇便民服务中心主要数据/)
    expect(docx.text).toMatch(/特此报告。.*区行政服务中心2026年5月29日.*附件1/) // 落款: the office over the date, before the attachments
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) expect(docx.xml).toContain(`w:eastAsia="${f}"`)
    expect(docx.xml).toContain('w:sz w:val="44"') // 2号 title
    expect(docx.xml).toContain('w:sz w:val="32"') // 3号 body
    expect(docx.xml).toMatch(/<w:keepNext\/>/)
    expect(docx.xml).toMatch(/<w:cantSplit\/>/)
    expect(docx.xml).toMatch(/<w:pgMar w:top="2098"[^>]*w:left="1588"/)
    // the charts: PNG images drawn on the server (ECharts → resvg), referenced from the body
    expect(docx.images.length).toBeGreaterThanOrEqual(1)
    for (const png of docx.images) expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect((docx.xml.match(/<w:drawing>/g) ?? []).length).toBe(docx.images.length)
    // page numbers “— n —” on odd and even pages
    expect(docx.footers.length).toBe(2)
    for (const f of docx.footers) expect(f).toMatch(/PAGE/)
    expect(docx.settings).toContain('w:evenAndOddHeaders')
  })

  it('converts cleanly with LibreOffice where it is installed', async (ctx) => {
    const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p))
    if (!soffice) { ctx.skip(); return } // LibreOffice not installed (apt-get install libreoffice-writer-nogui)
    const res = await (await t.login('district.manager1')).get('/api/reports/operations?asOf=2026-05-29&format=docx')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yz-docx-'))
    writeFileSync(path.join(dir, 'report.docx'), res.rawPayload)
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'report.docx')], { timeout: 120_000, stdio: 'ignore' })
    const pdf = readFileSync(path.join(dir, 'report.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(3) // body pages and the two attachments
    rmSync(dir, { recursive: true, force: true })
  }, 180_000)

  it('states trips per case with 容缺, with 一件事 and with neither, as the channels measure counts them', async () => {
    const m = await t.login('district.manager1')
    expect((await m.get('/api/reports/operations?asOf=2026-05-29&format=markdown')).body).not.toContain('推行容缺受理') // none yet: no paragraph
    clock.set('2026-05-29T10:00:00+08:00')
    const d01 = await centerByName(t.db, '区行政服务中心')
    const clerk = await t.login('district.clerk1')
    const bundle = await t.db.selectFrom('bundles').select('id').where('name', '=', '新生儿出生一件事').executeTakeFirstOrThrow()
    const names = await t.db.selectFrom('bundle_items as b').innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'b.item_id').on('v.status', '=', 'published'))
      .innerJoin('item_materials as im', 'im.version_id', 'v.id').select('im.name').distinct().where('b.bundle_id', '=', bundle.id).execute()
    const res = await clerk.post(`/api/bundles/${bundle.id}/intake`, {
      requestId: 'report-trips-1', centerId: d01.id, applicant: { kind: 'person', name: '李春梅', idNumber: idNumber(901), phone: '13900139000' },
      fields: { childName: '李小满', birthDate: '2026-05-20' },
      materials: names.map((x) => ({ name: x.name, received: x.name !== '结婚证' })), commitment: { materials: ['结婚证'] },
    })
    expect(res.statusCode).toBe(201)
    const part = res.json().parts.find((p: { commitment?: unknown }) => p.commitment)
    clock.set('2026-05-29T15:00:00+08:00')
    expect((await clerk.post(`/api/cases/${part.id}/actions/hand_in`, { materials: [{ materialId: part.commitment.materials[0].materialId, received: true }], via: 'window' })).statusCode).toBe(200)

    const r = (await m.get('/api/reports/operations?asOf=2026-05-29')).json()
    const ch = (await m.get('/api/statistics/channels?from=2025-01-01&to=2026-05-29')).json()
    expect(r.trips).toEqual({ total: ch.total, withCommitment: ch.withCommitment, bundled: ch.bundled, withoutEither: ch.withoutEither })
    expect(r.trips.withCommitment.cases).toBe(1)
    expect(r.trips.bundled.cases).toBe(2)
    expect(r.trips.withCommitment.trips).toBe(r.trips.bundled.trips) // the bundle's trips (the hand-in at the window among them) counted once
    expect(r.trips.withCommitment.trips).toBeGreaterThanOrEqual(2)
    expect(r.trips.withoutEither.cases).toBeGreaterThan(0)
    const per = (x: { tripsPerCase: number }) => `${x.tripsPerCase}次`
    const line = `同期容缺受理1件，件均跑动${per(r.trips.withCommitment)}；“一件事一次办”2件，件均跑动${per(r.trips.bundled)}；其余办件${r.trips.withoutEither.cases}件，件均跑动${per(r.trips.withoutEither)}。`
    expect((await m.get('/api/reports/operations?asOf=2026-05-29&format=markdown')).body).toContain(line)
    const docx = await openDocx((await m.get('/api/reports/operations?asOf=2026-05-29&format=docx')).rawPayload)
    expect(docx.text).toContain(line)
    expect(docx.text).toContain('件均跑动次数（按办理渠道）')
  })
})

describe('on the seed date', () => {
  it('as of the last May 31 the report states the district report\'s facts: founded in May, 5 towns, 86 rooms, 16 units, 9 entered', async () => {
    const m = await t.login('district.manager1')
    const r = (await m.get('/api/reports/operations?asOf=2026-05-31')).json()
    expect(r.district.foundedOn).toBe('2025-05-12')
    expect(r.problems.unitsNotEntered).toHaveLength(7)
    expect(r.problems.leastUsedTown.name).toBeDefined()
    const md = (await m.get('/api/reports/operations?asOf=2026-05-31&format=markdown')).body
    expect(md).toContain('我区于2025年5月成立了区级行政服务中心，陆续建成镇级便民服务中心5个、村级便民服务室86个。')
    expect(md).toContain('全区16家行政单位须进中心设立服务窗口。目前，区级行政服务中心已进驻9家单位')
    expect(md).toContain(`尚有7家未进驻区行政服务中心，分别是${r.problems.unitsNotEntered.join('、')}`)
    expect(md).toContain('## 二、存在的问题')
    expect(md).toContain('## 三、意见建议')
  })
})

describe('bad input', () => {
  it.each([
    ['asOf=2026-02-30', 'querystring.asOf'], ['asOf=2026-5-1', 'querystring.asOf'], ['asOf=yesterday', 'querystring.asOf'],
    ['asOf=2026-05-01&casesFrom=2026-06-01', 'querystring.casesFrom'], ['asOf=2026-05-01&visitsFrom=2026-05-02', 'querystring.visitsFrom'],
    ['asOf=2026-05-01&format=pdf', 'querystring.format'],
  ])('%s → 400 naming %s', async (q, field) => {
    const res = await (await t.login('district.manager1')).get(`/api/reports/operations?${q}`)
    expect(res.statusCode).toBe(400)
    expect(JSON.stringify(res.json().error)).toContain(field.split('.')[1])
  })
})

describe('permissions', () => {
  it('a town supervisor sees its own town, and gets 403 for another town\'s figures', async () => {
    const sup = await t.login('liangzi.supervisor')
    const own = await sup.get('/api/reports/operations?asOf=2026-05-29')
    expect(own.statusCode).toBe(200)
    expect(own.json().towns.map((x: { name: string }) => x.name)).toEqual(['梁子镇'])
    const other = await centerByName(t.db, '涂家垴镇便民服务中心')
    const res = await sup.get(`/api/reports/operations?asOf=2026-05-29&centerId=${other.id}`)
    expect(res.statusCode).toBe(403)
  })

  it('a window clerk may not read the report; no login → 401', async () => {
    expect((await (await t.login('liangzi.clerk1')).get('/api/reports/operations')).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/operations' })).statusCode).toBe(401)
  })
})

describe('npm run yizhan -- report', () => {
  it('writes the markdown report for --as-of and refuses a date that does not exist', async () => {
    const { printReport } = await import('../../src/cli/report.js')
    const { mkdtemp, readFile } = await import('node:fs/promises')
    const dir = await mkdtemp('/tmp/yz-report-')
    expect(await printReport(t.db, { asOf: '2026-05-29', out: `${dir}/r.md` })).toBe(0)
    const md = await readFile(`${dir}/r.md`, 'utf8')
    expect(md).toContain('截至2026年5月29日')
    expect(md).toContain('设立9个服务窗口，行政审批事项63项')
    await expect(printReport(t.db, { asOf: '2026-02-30' })).rejects.toThrow(/--as-of/)
  })
})
