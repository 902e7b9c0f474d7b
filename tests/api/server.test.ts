import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await createTestApp() })
afterAll(() => t.close())

describe('running', () => {
  it('GET /healthz is ok once migrations ran', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('serves the OpenAPI document of the API routes and the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/tokens', '/healthz']))
    expect(doc.paths['/api/session'].post.requestBody).toBeDefined()
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(docs.statusCode).toBe(200)
    expect(docs.body).toContain('swagger')
  })

  it('the OpenAPI document is valid OpenAPI 3', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBeDefined()
  })
})

describe('bad input', () => {
  it('unknown routes are 404 in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('not_found')
  })

  it('oversized bodies are 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }) })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('payload_too_large')
  })

  it('malformed JSON is 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toBeDefined()
  })

  it('a wrong content type is 415, a bad id parameter is 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/xml' }, payload: '<a/>' })
    expect(res.statusCode).toBe(415)
    const c = await t.app.inject({ method: 'DELETE', url: '/api/tokens/abc' })
    expect(c.statusCode).toBe(400)
    expect(c.json().error.details[0].field).toBe('params.id')
  })

  it('a NUL character is a 400, not a database 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'a\u0000b', password: 'x' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('invalid_value')
  })

  it('writes without a login are 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'x' } })
    expect(res.statusCode).toBe(401)
  })
})
