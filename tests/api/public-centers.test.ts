// The contract's GET /api/public/centers: no login, active centers only, district → towns → villages by code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await createTestApp({ demo: true }) })
afterAll(() => t.close())

const get = () => t.app.inject({ method: 'GET', url: '/api/public/centers' })

describe('GET /api/public/centers', () => {
  it('lists the demo network without a login, in contract shape and order', async () => {
    const res = await get()
    expect(res.statusCode).toBe(200)
    const { centers } = res.json() as { centers: Record<string, unknown>[] }
    expect(centers).toHaveLength(1 + 5 + 86)
    for (const c of centers) {
      expect(Object.keys(c).sort()).toEqual(['address', 'hours', 'id', 'level', 'name', 'parentId', 'phone'])
    }
    expect(centers[0]).toMatchObject({ name: '区行政服务中心', level: 'district', parentId: null })
    expect(centers.slice(1, 6).map((c) => c.name)).toEqual(expect.arrayContaining(['东沟镇便民服务中心', '梁子镇便民服务中心']))
    const levels = centers.map((c) => c.level)
    expect(levels).toEqual([...levels].sort((a, b) => rank(a) - rank(b)))
    const codes = await t.db.selectFrom('centers').select(['id', 'code']).execute()
    const code = new Map(codes.map((c) => [c.id, c.code]))
    const villageCodes = centers.filter((c) => c.level === 'village').map((c) => code.get(c.id as number)!)
    expect(villageCodes).toEqual([...villageCodes].sort())
  })

  it('leaves out retired centers', async () => {
    const v = await t.db.selectFrom('centers').select('id').where('code', '=', 'T05V01').executeTakeFirstOrThrow()
    await t.db.updateTable('centers').set({ status: 'retired' }).where('id', '=', v.id).execute()
    const { centers } = (await get()).json()
    expect(centers).toHaveLength(91)
    expect(centers.find((c: { id: number }) => c.id === v.id)).toBeUndefined()
  })
})

const rank = (level: unknown) => ({ district: 0, town: 1, village: 2 })[level as 'district']
