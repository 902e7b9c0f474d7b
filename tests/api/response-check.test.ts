// buildApp's `checkResponses` (src/server/response-check.ts), on for every API test through createTestApp: an answer
// that does not match the response schema its route declares for that status fails the request with a 500 naming the
// route, the status and what is wrong, instead of being cut or coerced to the schema by the serializer.
import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/server/app.js'
import type { ResponseMismatch } from '../../src/server/response-check.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

const Thing = Type.Object({
  name: Type.String(),
  count: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }),
  tags: Type.Optional(Type.Array(Type.Object({ label: Type.String() }))),
})
const good = () => ({ name: 'a', count: 1, note: null, at: new Date('2026-01-02T03:04:05Z') })

/** Routes whose handler answers `body` (a function of the query's `case`) under the schemas below. */
const answers: Record<string, { status?: number; body: unknown }> = {
  good: { body: good() },
  goodNested: { body: { ...good(), tags: [{ label: 'x' }] } },
  extra: { body: { ...good(), secret: 'not declared' } },
  extraNested: { body: { ...good(), tags: [{ label: 'x', colour: 'red' }] } },
  missing: { body: { name: 'a', count: 1, at: new Date() } },
  wrongType: { body: { ...good(), count: '7' } },
  nullNotNullable: { body: { ...good(), name: null } },
  badFormat: { body: { ...good(), at: 'yesterday' } },
  undeclaredStatus: { status: 202, body: good() },
  error: { status: 404, body: { error: { code: 'not_found', message: '没有' } } },
  badError: { status: 404, body: { error: { code: 'not_found' } } },
  fault: { status: 503, body: { error: { code: 'database_unavailable', message: '数据库暂时不可用' } } },
  badFault: { status: 503, body: { oops: 1 } },
}

function addRoutes(app: App): void {
  const handler = async (req: { query: unknown }, reply: { code(n: number): unknown }) => {
    const a = answers[(req.query as { case: string }).case]
    if (a.status) reply.code(a.status)
    return a.body as never // on purpose whatever the case says, matching the schema or not
  }
  const querystring = Type.Object({ case: Type.String() })
  const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }) })
  app.get('/check/exact', { schema: { querystring, response: { 200: Thing, 404: ErrorBody } } }, handler)
  app.get('/check/fallback', { schema: { querystring, response: { '2xx': Thing, default: ErrorBody } } }, handler)
  app.get('/check/content', { schema: { querystring, response: { 200: { description: 'a thing', content: { 'application/json': { schema: Thing } } }, 404: ErrorBody } } }, handler)
  app.get('/check/intersect', { schema: { querystring, response: { 200: Type.Intersect([Type.Object({ name: Type.String() }), Type.Object({ count: Type.Integer() })]) } } }, async (req) =>
    (req.query as { case: string }).case === 'good' ? { name: 'a', count: 1 } : { name: 'a', count: 1, extra: true } as never)
  app.get('/check/text', { schema: { querystring, response: { 200: Thing } } }, async (req, reply) =>
    reply.type('application/json').send(JSON.stringify(answers[(req.query as { case: string }).case].body) as never))
}

let t: TestApp
const apps: Record<string, App> = {}
const recorded: ResponseMismatch[] = []

beforeAll(async () => {
  t = await createTestApp()
  const build = async (opts: Partial<Parameters<typeof buildApp>[0]>) => {
    const app = await buildApp({ db: t.db, config: t.config, logger: false, ...opts })
    addRoutes(app)
    await app.ready()
    return app
  }
  apps.checked = await build({ checkResponses: true })
  apps.lazy = await build({ checkResponses: true, lazySchemas: true })
  apps.record = await build({ checkResponses: { mode: 'record', onMismatch: (m) => recorded.push(m) } })
  apps.unchecked = await build({})
})
afterAll(async () => {
  for (const app of Object.values(apps)) await app.close()
  await t.close()
})

const get = (app: App, url: string) => app.inject({ method: 'GET', url })

describe.each(['checked', 'lazy'])('an app checking responses (%s schemas)', (name) => {
  const app = () => apps[name]

  it('passes answers that match the declared schema, dates as date-time strings', async () => {
    for (const url of ['/check/exact?case=good', '/check/exact?case=goodNested', '/check/fallback?case=good', '/check/content?case=good', '/check/intersect?case=good', '/check/text?case=good']) {
      const res = await get(app(), url)
      expect(res.statusCode, url).toBe(200)
      expect(res.json().name).toBe('a')
    }
    expect((await get(app(), '/check/exact?case=good')).json().at).toBe('2026-01-02T03:04:05.000Z')
    const notFound = await get(app(), '/check/exact?case=error')
    expect(notFound.statusCode).toBe(404)
    expect(notFound.json()).toEqual({ error: { code: 'not_found', message: '没有' } })
    expect((await get(app(), '/check/fallback?case=error')).statusCode).toBe(404) // `default` covers it
    expect((await get(app(), '/check/exact?case=fault')).statusCode).toBe(503) // a server-wide fault: ErrorResponse covers it
    expect((await get(app(), '/check/fallback?case=undeclaredStatus')).statusCode).toBe(202) // `2xx` covers it
  })

  it.each([
    ['extra', '/check/exact', '/ has a property the schema does not declare: secret'],
    ['extraNested', '/check/exact', '/tags/0 has a property the schema does not declare: colour'],
    ['missing', '/check/exact', "must have required property 'note'"],
    ['wrongType', '/check/exact', '/count must be integer'],
    ['nullNotNullable', '/check/exact', '/name must be string'],
    ['badFormat', '/check/exact', '/at must match format "date-time"'],
    ['undeclaredStatus', '/check/exact', 'status 202 has no response schema (declared: 200, 404)'],
    ['badError', '/check/exact', "/error must have required property 'message'"],
    ['badFault', '/check/exact', "/ must have required property 'error'"],
    ['extra', '/check/fallback', 'secret'],
    ['badError', '/check/fallback', "must have required property 'message'"],
    ['extra', '/check/content', 'secret'],
    ['bad', '/check/intersect', '/ has a property the schema does not declare: extra'],
    ['extra', '/check/text', 'secret'],
    ['wrongType', '/check/text', '/count must be integer'],
  ])('fails an answer that does not match (%s on %s) with a 500 naming route, status and problem', async (which, route, problem) => {
    const res = await get(app(), `${route}?case=${which}`)
    expect(res.statusCode).toBe(500)
    const err = res.json().error
    expect(err.code).toBe('response_mismatch')
    expect(err.message).toContain(`GET ${route} answered`)
    expect(err.message).toContain(problem)
    expect(err.details.route).toBe(route)
  })
})

describe('without the check (npm start) and in record mode', () => {
  it('the serializer cuts and coerces silently: this drift is what the check catches', async () => {
    const extra = await get(apps.unchecked, '/check/exact?case=extra')
    expect(extra.statusCode).toBe(200)
    expect(extra.json()).not.toHaveProperty('secret')
    const wrong = await get(apps.unchecked, '/check/exact?case=wrongType')
    expect(wrong.statusCode).toBe(200)
    expect(wrong.json().count).toBe(7)
  })

  it('record mode reports the mismatch and leaves the answer alone', async () => {
    const res = await get(apps.record, '/check/exact?case=extra')
    expect(res.statusCode).toBe(200)
    expect(recorded).toEqual([{ method: 'GET', route: '/check/exact', status: 200, problems: ['/ has a property the schema does not declare: secret'] }])
  })
})
