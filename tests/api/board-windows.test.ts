// The 应进必进 board counts windows once (issue 12 item 1): 梁子镇's 民政扶贫 and 综治维稳 windows serve three
// departments each, and the town has 8 windows, not 14.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client
beforeAll(async () => {
  t = await createTestApp({ demo: true })
  admin = await t.login('admin')
})
afterAll(() => t.close())

describe('GET /api/boards/entry windows', () => {
  it('counts each window of 梁子镇 once, matching the windows the town has', async () => {
    const town = await t.db.selectFrom('centers').select('id').where('code', '=', 'T02').executeTakeFirstOrThrow()
    const own = await t.db.selectFrom('windows').select('id').where('center_id', '=', town.id).where('status', '<>', 'retired').execute()
    const board = (await admin.get(`/api/boards/entry?centerId=${town.id}`)).json()
    const perDepartment = board.departments.reduce((n: number, d: { windows: unknown[] }) => n + d.windows.length, 0)
    expect(own).toHaveLength(8)
    expect(perDepartment).toBeGreaterThan(8) // what the board used to show
    expect(board.windows).toBe(8)
    expect(board.windowsOfEntered).toBeLessThanOrEqual(8)
    const centers = (await admin.get('/api/centers')).json()
    const listed = (centers.centers ?? centers).find((c: { id: number }) => c.id === town.id)
    expect(listed.windowCount).toBe(8)
  })
})

describe('refusal texts', () => {
  it('separate the name from the reasons and put spaces around numbers', async () => {
    const mz = await t.db.selectFrom('departments').select('id').where('code', '=', 'D-MZ').executeTakeFirstOrThrow()
    const res = await admin.post(`/api/departments/${mz.id}/retire`, {})
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toMatch(/^区民政局：\d+ 个窗口仍在为其服务，仍有 \d+ 个在用事项，不能停用$/)
    const village = await t.db.selectFrom('centers').select('id').where('code', '=', 'T01V01').executeTakeFirstOrThrow()
    const busy = await admin.post(`/api/centers/${village.id}/retire`, {})
    expect(busy.statusCode).toBe(409)
    expect(busy.json().error.message).toMatch(/：仍有 \d+ /)
  })
})
