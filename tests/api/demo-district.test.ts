// The demo district, read back through the API, against the facts of ../shared/seed/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client
type Center = { id: number; name: string; level: string; parentId: number | null }
let centers: Center[]
const byName = (name: string) => centers.find((c) => c.name.startsWith(name))!

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  admin = await t.login('admin')
  centers = (await t.app.inject({ method: 'GET', url: '/api/public/centers' })).json().centers
})
afterAll(() => t.close())

const publicItems = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/public/items?pageSize=100&${query}` })).json()

describe('the network', () => {
  it('has 1 district center, 5 town centers and 86 village rooms', () => {
    const count = (level: string) => centers.filter((c) => c.level === level).length
    expect([count('district'), count('town'), count('village')]).toEqual([1, 5, 86])
    for (const town of ['东沟镇', '梁子镇', '沼山镇', '涂家垴镇']) expect(byName(town)).toBeDefined()
    const district = centers.find((c) => c.level === 'district')!
    expect(centers.filter((c) => c.level === 'town').every((c) => c.parentId === district.id)).toBe(true)
  })

  it('has one town whose center sits in a remote cultural-activity building', async () => {
    const towns = (await admin.get('/api/centers?level=town')).json().centers as { note: string; address: string }[]
    expect(towns.filter((c) => /文化活动中心/.test(c.address + c.note))).toHaveLength(1)
  })
})

describe('the district center', () => {
  it('requires 16 units, 9 of which have entered with 5/10/8/11/1/4/5/15/4 = 63 items', async () => {
    const board = (await admin.get('/api/boards/entry')).json()
    expect([board.required, board.entered]).toEqual([16, 9])
    const entered = board.departments.filter((d: { entered: boolean }) => d.entered)
    const items = Object.fromEntries(entered.map((d: { name: string; items: number }) => [d.name, d.items]))
    expect(items).toEqual({
      区经改局: 5, 区人社局: 10, 区国土分局: 8, 区民政局: 11, 区人口计生局: 1, 区卫生局: 4, 区住建交通局: 5, 区文体局: 15, 区安监局: 4,
    })
    const district = centers.find((c) => c.level === 'district')!
    const total = await publicItems(`centerId=${district.id}`)
    const districtOwn = (await admin.get(`/api/departments?centerId=${district.id}`)).json().departments
      .reduce((n: number, d: { itemCount: number }) => n + d.itemCount, 0)
    expect(districtOwn).toBe(63)
    expect(total.total).toBeGreaterThanOrEqual(63)
  })

  it('has 9 windows, 8 window staff and 2 managers', async () => {
    const district = centers.find((c) => c.level === 'district')!
    expect((await admin.get(`/api/windows?centerId=${district.id}`)).json().windows).toHaveLength(9)
    expect((await admin.get(`/api/staff?centerId=${district.id}&role=clerk`)).json().staff).toHaveLength(8)
    expect((await admin.get(`/api/staff?centerId=${district.id}&role=manager`)).json().staff).toHaveLength(2)
  })
})

describe('the towns', () => {
  const towns = [
    { name: '东沟镇', windows: ['司法信访', '民政残联', '劳动保障', '财政查询', '计划生育'], staff: 5 },
    { name: '梁子镇', windows: ['政务值班', '综合服务', '劳动保障', '土地城建', '计划生育', '民政扶贫', '综治维稳', '农业服务'], staff: 8, items: 58 },
    { name: '沼山镇', windows: ['民政', '城建', '综治信访', '农业', '新农保新医保'], staff: 8 },
    { name: '涂家垴镇', windows: ['政务值班', '综治维稳', '计生', '财政', '新农合农保', '民政', '土地城建', '农业'], staff: 10, items: 35, categories: 11 },
  ]
  for (const town of towns) {
    it(`${town.name}: windows ${town.windows.join('、')}, ${town.staff} window staff${town.items ? `, ${town.items} items` : ''}`, async () => {
      const center = byName(town.name)
      const windows = (await admin.get(`/api/windows?centerId=${center.id}`)).json().windows.map((w: { name: string }) => w.name)
      expect(windows.sort()).toEqual([...town.windows].sort())
      expect((await admin.get(`/api/staff?centerId=${center.id}&role=clerk`)).json().staff).toHaveLength(town.staff)
      if (town.items) {
        const all = []
        for (let page = 1; ; page++) {
          const r = await publicItems(`centerId=${center.id}&page=${page}`)
          all.push(...r.items)
          if (all.length >= r.total) { expect(r.total).toBe(town.items); break }
        }
        if (town.categories) expect(new Set(all.map((i: { category: string }) => i.category)).size).toBe(town.categories)
      }
    })
  }

  it('the 86 village rooms spread over all five towns', () => {
    const towns = centers.filter((c) => c.level === 'town')
    const perTown = towns.map((tw) => centers.filter((c) => c.parentId === tw.id).length)
    expect(perTown.every((n) => n > 0)).toBe(true)
    expect(perTown.reduce((a, b) => a + b, 0)).toBe(86)
  })
})

describe('the catalog and the accounts', () => {
  it('uses all five handling rules (即办, 承诺, 联办, 上报, 控制)', async () => {
    const kinds = new Set<string>()
    for (let page = 1; page <= 20; page++) {
      const r = await publicItems(`page=${page}`)
      r.items.forEach((i: { handlingKind: string }) => kinds.add(i.handlingKind))
      if (page * 100 >= r.total) break
    }
    expect([...kinds].sort()).toEqual(['controlled', 'forward', 'immediate', 'joint', 'promised'])
  })

  it('has an account for every role, at the district, two towns and two village rooms, all able to log in', async () => {
    const staff = (await admin.get('/api/staff')).json().staff as { username: string; roles: string[]; centerId: number }[]
    const level = (id: number) => centers.find((c) => c.id === id)!.level
    for (const role of ['admin', 'manager', 'clerk', 'approver', 'agent', 'supervisor']) {
      expect(staff.some((s) => s.roles.includes(role)), role).toBe(true)
    }
    const townsWithStaff = new Set(staff.filter((s) => level(s.centerId) === 'town').map((s) => s.centerId))
    const villagesWithStaff = new Set(staff.filter((s) => level(s.centerId) === 'village').map((s) => s.centerId))
    expect(townsWithStaff.size).toBeGreaterThanOrEqual(2)
    expect(villagesWithStaff.size).toBeGreaterThanOrEqual(2)
    for (const username of ['admin', 'district.manager1', 'district.clerk1', 'approver.mz', 'district.supervisor', 'donggou.manager', 'liangzi.clerk1', 'agent.t01v01', 'agent.t02v01']) {
      const me = await (await t.login(username)).get('/api/session')
      expect(me.statusCode, username).toBe(200)
    }
  })
})
