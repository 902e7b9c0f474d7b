// The 应进必进 board against the district report: 16 required units, 9 entered, 63 items in the 9.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, supervisor: Client, donggou: Client, clerk: Client
const center: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  ;[admin, supervisor, donggou, clerk] = await Promise.all(
    ['admin', 'district.supervisor', 'donggou.manager', 'district.clerk1'].map((u) => t.login(u)),
  )
})
afterAll(() => t.close())

type BoardDepartment = { code: string; name: string; required: boolean; entered: boolean; enteredOn: string | null; windows: { number: string }[]; items: number }

describe('GET /api/boards/entry', () => {
  it('shows the district: 16 required, 9 entered, rate 9/16, and each entered unit\'s items and window', async () => {
    const res = await admin.get('/api/boards/entry')
    expect(res.statusCode).toBe(200)
    const board = res.json()
    expect(board.center).toEqual({ id: center.D01, name: '区行政服务中心', level: 'district' })
    expect(board.required).toBe(16)
    expect(board.entered).toBe(9)
    expect(board.rate).toBe(9 / 16)
    const deps = board.departments as BoardDepartment[]
    expect(deps).toHaveLength(16)
    const entered = deps.filter((d) => d.entered)
    const items = Object.fromEntries(entered.map((d) => [d.name, d.items]))
    expect(items).toEqual({
      区经改局: 5, 区人社局: 10, 区国土分局: 8, 区民政局: 11, 区人口计生局: 1, 区卫生局: 4, 区住建交通局: 5, 区文体局: 15, 区安监局: 4,
    })
    expect(entered.reduce((n, d) => n + d.items, 0)).toBe(63)
    expect(entered.every((d) => d.enteredOn !== null && d.windows.length === 1)).toBe(true)
    const waiting = deps.filter((d) => !d.entered)
    expect(waiting).toHaveLength(7)
    expect(waiting.every((d) => d.required && d.enteredOn === null && d.windows.length === 0 && d.items === 0)).toBe(true)
    expect(deps.slice(0, 9).every((d) => d.entered)).toBe(true) // entered units first
  })

  it('follows a unit entering the center', async () => {
    const ga = await t.db.selectFrom('departments').select('id').where('code', '=', 'D-GA').executeTakeFirstOrThrow()
    expect((await admin.patch(`/api/departments/${ga.id}`, { enteredOn: '2026-03-02' })).statusCode).toBe(200)
    const board = (await supervisor.get(`/api/boards/entry?centerId=${center.D01}`)).json()
    expect(board).toMatchObject({ required: 16, entered: 10, rate: 10 / 16 })
    await admin.patch(`/api/departments/${ga.id}`, { enteredOn: null })
  })

  it('shows a town center, by default the manager\'s own', async () => {
    const res = await donggou.get('/api/boards/entry')
    expect(res.statusCode).toBe(200)
    const board = res.json()
    expect(board.center).toMatchObject({ id: center.T01, level: 'town' })
    expect(board.required).toBeGreaterThan(0)
    expect(board.rate).toBe(board.entered / board.required)
    const sf = (board.departments as BoardDepartment[]).find((d) => d.code === 'T01-SF')
    expect(sf?.windows.map((w) => w.number)).toEqual(['1'])
  })

  it('refuses a village room (400) and an unknown center (404)', async () => {
    const village = await admin.get(`/api/boards/entry?centerId=${center.T01V01}`)
    expect(village.statusCode).toBe(400)
    expect(village.json().error.details[0].field).toBe('querystring.centerId')
    expect((await admin.get('/api/boards/entry?centerId=999999')).statusCode).toBe(404)
    expect((await admin.get('/api/boards/entry?centerId=abc')).statusCode).toBe(400)
  })
})

describe('permissions', () => {
  it('a town manager cannot see the district\'s or a sibling town\'s board', async () => {
    for (const code of ['D01', 'T02']) {
      const res = await donggou.get(`/api/boards/entry?centerId=${center[code]}`)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('outside_jurisdiction')
    }
  })

  it('a clerk has no board (board.read), and nobody without a login', async () => {
    expect((await clerk.get('/api/boards/entry')).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/boards/entry' })).statusCode).toBe(401)
  })
})
