// 好差评 to the national form: every finished service is rated once (a refused case, a 即办 case at the window, a
// denied case once delivered, a served hall ticket, a consultation recorded at a window); the indicators and 差评
// options are stored by code and returned; 追评 once; the published 附录B values and the export agree with SQL.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettableClock } from '../../src/domain/clock.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { act, intakeBody, makeCaseWorld, type CaseWorld } from '../helpers/cases.js'
import { queueRatingInvites } from '../../src/features/ratings/invitations.js'

let t: TestApp
let w: CaseWorld
const clock = new SettableClock('2026-03-02T09:00:00+08:00') // a Monday

beforeAll(async () => {
  t = await createTestApp({ clock })
  w = await makeCaseWorld(t)
  await t.db.updateTable('centers').set({ area_code: '420702' }).where('id', '=', w.tree.district.id).execute()
})
afterAll(() => t.close())

let applicants = 0 // each request from its own address: the per-address limits are tested elsewhere
const post = (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, payload, remoteAddress: `10.79.0.${++applicants % 250}` })
const rate = (body: Record<string, unknown>) => post('/api/public/ratings', body)
async function open(item: { id: number; materials: number[] }, over: Record<string, unknown> = {}) {
  const res = await w.clerk.client.post('/api/cases', intakeBody(w, item, over))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; number: string; queryCode: string; status: string }
}
const ratingsOf = (column: 'case_id' | 'ticket_id' | 'consultation_id', id: number) =>
  t.db.selectFrom('ratings').select(['score', 'options', 'indicators', 'source', 'addendum']).where(column, '=', id).execute()

/** Rated once: 201, then a second rating → 409 already_rated with the first one kept. */
async function ratedOnce(body: { number: string; code: string }, column: 'case_id' | 'consultation_id', id: number, extra: Record<string, unknown> = {}) {
  const first = await rate({ ...body, score: 4, ...extra })
  expect(first.statusCode, first.body).toBe(201)
  const again = await rate({ ...body, score: 1 })
  expect(again.statusCode).toBe(409)
  expect(again.json().error.code).toBe('already_rated')
  expect(await ratingsOf(column, id)).toEqual([expect.objectContaining({ score: 4 })])
}

describe('GET /api/public/ratings/options', () => {
  it('the 差评 options by stable code and the four indicators', async () => {
    const res = await t.app.inject({ url: '/api/public/ratings/options' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.options.map((o: { text: string }) => o.text)).toEqual(['办事指南不清楚', '多次跑动', '超时办理', '服务态度差', '不规范收费', '系统不好用', '其他'])
    expect(body.options[1]).toEqual({ code: 'many_trips', text: '多次跑动' })
    expect(body.indicators.map((i: { name: string }) => i.name)).toEqual(['overall', 'efficiency', 'quality', 'attitude'])
    expect(body.commentReaders).toContain('负责人')
  })
})

describe('every finished service is rated once', () => {
  it('a case refused at the window (不予受理): rated once, a second → 409', async () => {
    const c = await open(w.items.promised, { refuse: { reason: '不属于本机关职权范围' } })
    expect(c.status).toBe('refused')
    await ratedOnce({ number: c.number, code: c.queryCode }, 'case_id', c.id)
  })

  it('a 即办 case approved at the window (not yet closed) is rated on the window pad', async () => {
    const c = await open(w.items.immediate)
    expect((await act(w.clerk.client, c.id, 'approve', {})).json().status).toBe('approved')
    await ratedOnce({ number: c.number, code: c.queryCode }, 'case_id', c.id, { source: 'pad' })
    expect((await ratingsOf('case_id', c.id))[0].source).toBe('pad')
  })

  it('a case being handled → 409; denied, then rated once the decision is delivered', async () => {
    const c = await open(w.items.promised)
    const early = await rate({ number: c.number, code: c.queryCode, score: 5 })
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('case_not_closed')
    await act(w.approver.client, c.id, 'advance', { opinion: '承办' })
    await act(w.reviewer.client, c.id, 'advance', { opinion: '审核' })
    expect((await act(w.approver.client, c.id, 'deny', { reasons: '不符合规划' })).json().status).toBe('denied')
    expect((await rate({ number: c.number, code: c.queryCode, score: 5 })).statusCode).toBe(409) // not delivered yet
    const state = async () => (await t.app.inject({ url: `/api/public/ratings/state?number=${c.number}&code=${c.queryCode}` })).json()
    expect(await state()).toEqual({ ratable: false, rated: false, addendumAllowed: false })
    expect((await act(w.clerk.client, c.id, 'deliver', { method: 'mail', trackingNumber: 'EMS1234567' })).statusCode).toBe(200)
    expect(await state()).toEqual({ ratable: true, rated: false, addendumAllowed: false })
    await ratedOnce({ number: c.number, code: c.queryCode }, 'case_id', c.id)
    expect(await state()).toEqual({ ratable: false, rated: true, addendumAllowed: false })
  })

  it('a served hall ticket: rated once by its token, a second → 409', async () => {
    const cat = (await w.manager.client.post('/api/hall/categories', { centerId: w.tree.district.id, prefix: 'Q', name: '综合受理' })).json().id
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { centerId: w.tree.district.id, categoryId: cat } })).json()
    const called = await w.clerk.client.post(`/api/windows/${w.windowId}/call-next`)
    expect(called.json().ticket.id).toBe(ticket.id)
    expect((await w.clerk.client.post(`/api/tickets/${ticket.id}/actions/start`)).statusCode).toBe(200)
    expect((await w.clerk.client.post(`/api/tickets/${ticket.id}/actions/finish`)).statusCode).toBe(200)
    const first = await post(`/api/public/tickets/${ticket.id}/rating`, { token: ticket.token, score: 5, indicators: { attitude: 5 } })
    expect(first.statusCode, first.body).toBe(201)
    const again = await post(`/api/public/tickets/${ticket.id}/rating`, { token: ticket.token, score: 2 })
    expect(again.statusCode).toBe(409)
    expect(await ratingsOf('ticket_id', ticket.id)).toEqual([expect.objectContaining({ score: 5, indicators: { attitude: 5, overall: 5 } })])
  })

  it('a consultation recorded at the window: its slip (ZX- number, query code) rates it once; 追评 on a bad one once', async () => {
    const res = await w.clerk.client.post('/api/consultations', { itemId: w.items.promised.id, topic: '开办餐饮店需要哪些材料' })
    expect(res.statusCode, res.body).toBe(201)
    const q = res.json()
    expect(q).toMatchObject({ number: expect.stringMatching(/^ZX-/), queryCode: expect.stringMatching(/^[0-9A-Z]{6}$/), windowName: '综合窗口' })
    expect((await w.clerk.client.get(`/api/consultations/${q.id}`)).json().number).toBe(q.number)
    expect((await w.townBClerk.client.get(`/api/consultations/${q.id}`)).statusCode).toBe(403) // a sibling's
    const bad = await rate({ number: q.number, code: q.queryCode, score: 2, options: ['guide_unclear', 'other'], comment: '没讲清楚' })
    expect(bad.statusCode, bad.body).toBe(201)
    expect(bad.json().followupId).toBeGreaterThan(0)
    expect((await rate({ number: q.number, code: q.queryCode, score: 5 })).statusCode).toBe(409)
    const add = await post('/api/public/ratings/followup', { number: q.number, code: q.queryCode, comment: '后来打电话也没人接' })
    expect(add.statusCode, add.body).toBe(201)
    const twice = await post('/api/public/ratings/followup', { number: q.number, code: q.queryCode, comment: '再补充' })
    expect(twice.statusCode).toBe(409)
    expect(await ratingsOf('consultation_id', q.id)).toEqual([expect.objectContaining({ score: 2, options: ['guide_unclear', 'other'], addendum: '后来打电话也没人接' })])
    const f = (await w.manager.client.get(`/api/ratings/followups/${bad.json().followupId}`)).json()
    expect(f).toMatchObject({ case: { number: q.number }, rating: { options: ['guide_unclear', 'other'], addendum: '后来打电话也没人接' } })
  })

  it('a consultation needs a window clerk or agent; an unknown item → 400 naming body.itemId', async () => {
    expect((await w.manager.client.post('/api/consultations', {})).statusCode).toBe(403)
    const res = await w.clerk.client.post('/api/consultations', { itemId: 999999 })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details[0].field).toBe('body.itemId')
  })
})

describe('the national form', () => {
  const closed = async () => open(w.items.immediate, { complete: true })

  it('a bad rating stores its 差评 options and indicators, returned in the ratings list', async () => {
    const c = await closed()
    const res = await rate({ number: c.number, code: c.queryCode, score: 1, comment: '跑了三趟', options: ['many_trips', 'overdue'], indicators: { efficiency: 1, quality: 2, attitude: 3 } })
    expect(res.statusCode, res.body).toBe(201)
    const list = (await w.manager.client.get('/api/ratings?from=2026-03-01&to=2026-03-31')).json().ratings
    expect(list.find((r: { number: string }) => r.number === c.number)).toMatchObject({
      score: 1, options: ['many_trips', 'overdue'], indicators: { overall: 1, efficiency: 1, quality: 2, attitude: 3 }, addendum: null,
    })
  })

  it('an unknown option code, options on a good rating, an unknown indicator → 400 naming the field, nothing stored', async () => {
    const c = await closed()
    const cases = [
      [{ score: 2, options: ['many_trips', 'no_such_code'] }, 'body.options.1'],
      [{ score: 5, options: ['many_trips'] }, 'body.options'],
      [{ score: 4, indicators: { speed: 4 } }, 'body.indicators.speed'],
      [{ score: 4, indicators: { attitude: 9 } }, 'body.indicators.attitude'],
    ] as const
    for (const [body, field] of cases) {
      const res = await rate({ number: c.number, code: c.queryCode, ...body })
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field)
    }
    expect(await ratingsOf('case_id', c.id)).toEqual([])
  })

  it('追评 on a good rating → 409; on an unrated service → 409; an empty one → 400', async () => {
    const c = await closed()
    expect((await post('/api/public/ratings/followup', { number: c.number, code: c.queryCode, comment: '补充' })).json().error.code).toBe('not_rated')
    await rate({ number: c.number, code: c.queryCode, score: 5 })
    expect((await post('/api/public/ratings/followup', { number: c.number, code: c.queryCode, comment: '补充' })).json().error.code).toBe('not_bad_rating')
    expect((await post('/api/public/ratings/followup', { number: c.number, code: c.queryCode, comment: '  ' })).statusCode).toBe(400)
  })
})

describe('published: the 附录B values and the export agree with SQL', () => {
  it('GET /api/public/ratings/summary counts what SQL counts for the center and its month', async () => {
    const res = await t.app.inject({ url: `/api/public/ratings/summary?centerId=${w.tree.district.id}&month=2026-03` })
    expect(res.statusCode, res.body).toBe(200)
    const s = res.json()
    const path = `${w.tree.district.path}%`
    const r = await sql<{ all: number; good: number; bad: number; closed: number }>`
      select count(*)::int as all, (count(*) filter (where score in (3, 4, 5)))::int as good, (count(*) filter (where score in (1, 2)))::int as bad,
        (count(*) filter (where score in (1, 2) and exists (select 1 from rating_followups f where f.rating_id = r.id and f.status = 'closed')))::int as closed
      from ratings r where center_path like ${path} and rated_on between '2026-03-01' and '2026-03-31' and not set_aside`.execute(t.db)
    const f = await sql<{ finished: number; rated: number }>`
      with done as (
        select k.id, 'c' as kind from cases k join centers c on c.id = k.accepting_center_id where c.path like ${path}
          and (k.status in ('closed', 'refused') or (k.status in ('denied', 'answered') and jsonb_typeof(k.delivery) = 'object')
            or (k.handling_kind = 'immediate' and k.status in ('approved', 'denied')))
        union all select t.id, 't' from tickets t join centers c on c.id = t.center_id where c.path like ${path} and t.status = 'done'
        union all select q.id, 'q' from consultations q where q.center_path like ${path})
      select count(*)::int as finished, (count(*) filter (where exists (select 1 from ratings r where not r.set_aside and
        ((kind = 'c' and r.case_id = done.id) or (kind = 't' and r.ticket_id = done.id) or (kind = 'q' and r.consultation_id = done.id)))))::int as rated from done`.execute(t.db)
    const { all, good, bad, closed } = r.rows[0]
    expect(all).toBeGreaterThanOrEqual(7)
    expect(s).toMatchObject({ ratings: all, good, bad, badCount: bad, badClosed: closed, finished: f.rows[0].finished, rated: f.rows[0].rated })
    expect(s.goodRate).toBeCloseTo(good / all, 10)
    expect(s.ratedRate).toBeCloseTo(f.rows[0].rated / f.rows[0].finished, 10)
    expect(s.badFixedRate).toBe(closed / bad)
    expect(s.definitions.goodRate).toContain('好评率')
  })

  it('a month with nothing shows no rate (null, never 0%); a bad month or an unknown center → 400 / 404', async () => {
    const none = (await t.app.inject({ url: `/api/public/ratings/summary?centerId=${w.tree.district.id}&month=2025-01` })).json()
    expect(none).toMatchObject({ ratings: 0, goodRate: null, badFixedRate: null, ratedRate: null })
    const bad = await t.app.inject({ url: `/api/public/ratings/summary?centerId=${w.tree.district.id}&month=2026-13` })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('month')
    expect((await t.app.inject({ url: '/api/public/ratings/summary?centerId=999999&month=2026-03' })).statusCode).toBe(404)
  })

  it('the export: one record per rating with number, item code and area code, as many as SQL finds; CSV the same', async () => {
    const res = await w.manager.client.get('/api/ratings/export?from=2026-03-01&to=2026-03-31')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    const count = await t.db.selectFrom('ratings').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('center_path', 'like', `${w.tree.district.path}%`).where('rated_on', '>=', '2026-03-01').where('rated_on', '<=', '2026-03-31').executeTakeFirstOrThrow()
    expect(body.records).toHaveLength(Number(count.n))
    const numbers = await t.db.selectFrom('ratings as r').innerJoin('cases as k', 'k.id', 'r.case_id').innerJoin('service_items as i', 'i.id', 'k.item_id')
      .select(['k.number', 'i.code']).where('r.center_path', 'like', `${w.tree.district.path}%`).execute()
    for (const n of numbers) {
      expect(body.records.find((x: { number: string }) => x.number === n.number)).toMatchObject({ serviceKind: 'case', itemCode: n.code, areaCode: '420702' })
    }
    const bad = body.records.find((x: { options: string }) => x.options === 'many_trips;overdue')
    expect(bad).toMatchObject({ score: 1, level: '非常不满意', efficiency: 1, quality: 2, attitude: 3 })
    const csv = await w.manager.client.get('/api/ratings/export?from=2026-03-01&to=2026-03-31&format=csv')
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe(body.columns.join(','))
    expect(lines).toHaveLength(body.records.length + 1)
    expect((await w.clerk.client.get('/api/ratings/export?from=2026-03-01&to=2026-03-31')).statusCode).toBe(403)
  })

  it('the CSV makes a hostile comment and 追评 inert (a leading apostrophe), the JSON keeps them as typed', async () => {
    const c = await open(w.items.immediate, { complete: true })
    const hostile = '=HYPERLINK("http://evil.example","点我")'
    expect((await rate({ number: c.number, code: c.queryCode, score: 1, options: ['other'], comment: hostile })).statusCode).toBe(201)
    expect((await post('/api/public/ratings/followup', { number: c.number, code: c.queryCode, comment: '@SUM(1+1)' })).statusCode).toBe(201)
    const json = (await w.manager.client.get('/api/ratings/export?from=2026-03-01&to=2026-03-31')).json()
    expect(json.records.find((x: { number: string }) => x.number === c.number)).toMatchObject({ comment: hostile, addendum: '@SUM(1+1)' })
    const csv = (await w.manager.client.get('/api/ratings/export?from=2026-03-01&to=2026-03-31&format=csv')).body
    const line = csv.split('\r\n').find((l: string) => l.includes(c.number))!
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
    expect(line).toContain(`,'@SUM(1+1),`)
    expect(csv).not.toMatch(/(^|,)[=+@]/m)
  })
})

describe('the invitation to rate (评价邀请)', () => {
  it('a case unrated 3 days after it finished gets one message, once; a rated one none; none before 3 days', async () => {
    const unrated = await open(w.items.immediate, { complete: true })
    const rated = await open(w.items.immediate, { complete: true })
    expect((await rate({ number: rated.number, code: rated.queryCode, score: 5 })).statusCode).toBe(201)
    const invites = (id: number) => t.db.selectFrom('messages').select(['body', 'params', 'phone']).where('case_id', '=', id).where('template_key', '=', 'rating_invite').execute()
    try {
      clock.set('2026-03-04T10:00:00+08:00') // 2 days on: not yet
      await queueRatingInvites({ db: t.db, clock })
      expect(await invites(unrated.id)).toEqual([])
      clock.set('2026-03-05T10:00:00+08:00') // 3 days on
      expect(await queueRatingInvites({ db: t.db, clock })).toBeGreaterThanOrEqual(1)
      const sent = await invites(unrated.id)
      expect(sent).toEqual([expect.objectContaining({ phone: '13800138000', params: expect.objectContaining({ number: unrated.number, code: unrated.queryCode }) })])
      expect(sent[0].body).toContain(unrated.queryCode)
      expect(await invites(rated.id)).toEqual([])
      clock.set('2026-03-06T10:00:00+08:00')
      await queueRatingInvites({ db: t.db, clock })
      expect(await invites(unrated.id)).toHaveLength(1) // once
    } finally { clock.set('2026-03-02T09:00:00+08:00') }
  })
})
