// The window form seats staff (issue 12 item 10) and the AB岗 stand-in is one of the center's window clerks (item 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../src/features/audit/audit.repository.js'
import { createTestApp, type Client, type TestApp } from '../helpers/app.js'

let t: TestApp
let admin: Client, donggou: Client
const user: Record<string, number> = {}
const center: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id
  for (const c of await t.db.selectFrom('centers').select(['id', 'code']).execute()) center[c.code] = c.id
  ;[admin, donggou] = await Promise.all(['admin', 'donggou.manager'].map((u) => t.login(u)))
})
afterAll(() => t.close())

const seatOf = async (id: number) => (await t.db.selectFrom('users').select('window_id').where('id', '=', id).executeTakeFirstOrThrow()).window_id

describe('窗口人员 from the window form', () => {
  it('a new window seats the staff named, moving them from their old window', async () => {
    const before = await seatOf(user['donggou.clerk1'])
    const res = await donggou.post('/api/windows', { centerId: center.T01, number: '31', name: '测试窗口', staffIds: [user['donggou.clerk1']] })
    expect(res.statusCode).toBe(201)
    expect(res.json().staff).toEqual([{ id: user['donggou.clerk1'], name: expect.any(String) }])
    expect(await seatOf(user['donggou.clerk1'])).toBe(res.json().id)
    if (before) expect((await donggou.get(`/api/windows/${before}`)).json().staff.map((s: { id: number }) => s.id)).not.toContain(user['donggou.clerk1'])
  })

  it('an edit sets exactly the staff listed, and the audit row says so', async () => {
    const win = (await donggou.post('/api/windows', { centerId: center.T01, number: '32', name: '测试窗口二' })).json()
    const two = [user['donggou.clerk1'], user['donggou.manager']].sort((a, b) => a - b)
    expect((await donggou.patch(`/api/windows/${win.id}`, { staffIds: two })).json().staff.map((s: { id: number }) => s.id).sort((a: number, b: number) => a - b)).toEqual(two)
    const one = await donggou.patch(`/api/windows/${win.id}`, { staffIds: [user['donggou.manager']] })
    expect(one.statusCode).toBe(200)
    expect(one.json().staff.map((s: { id: number }) => s.id)).toEqual([user['donggou.manager']])
    expect(await seatOf(user['donggou.clerk1'])).toBeNull()
    const audit = await listAudit(t.db, 'window', win.id)
    expect(audit.some((a) => a.action === 'window.update' && JSON.stringify(a.data).includes('staffIds'))).toBe(true)
  })

  it('refuses staff of another center, naming body.staffIds', async () => {
    const res = await donggou.post('/api/windows', { centerId: center.T01, number: '33', name: '测试窗口三', staffIds: [user['liangzi.clerk1']] })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.staffIds'])
  })
})

describe('AB岗 stand-in', () => {
  it('is a window clerk of the center, not a manager or an approver', async () => {
    const res = await donggou.post('/api/windows', { centerId: center.T01, number: '34', name: '测试窗口四', standInUserId: user['donggou.manager'] })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details).toEqual([{ field: 'body.standInUserId', message: expect.stringContaining('窗口人员') }])
    const ok = await admin.post('/api/windows', { centerId: center.T01, number: '34', name: '测试窗口四', standInUserId: user['donggou.clerk1'] })
    expect(ok.statusCode).toBe(201)
  })
})
