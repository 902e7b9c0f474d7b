// The API document as a contract (issue 25): every operation named and secured as the auth rule says, every answer
// described, no schema inlined twice where a named component would do, the served document equal to docs/openapi.json.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../src/server/openapi/operation-ids.js'
import { shape } from '../../src/server/openapi/components.js'
import { createTestApp, type TestApp } from '../helpers/app.js'

type Json = Record<string, any>

let t: TestApp
let doc: Json
const operations: { method: string; path: string; op: Json }[] = []
beforeAll(async () => {
  t = await createTestApp()
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) operations.push({ method, path, op })
  }
})
afterAll(() => t.close())

describe('the API document', () => {
  it('names every operation once, with the name of operation-ids.ts, and names no route that is not there', () => {
    const ids = operations.map((o) => o.op.operationId)
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    const documented = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`))
    expect(Object.keys(OPERATIONS).filter((key) => !documented.has(key))).toEqual([])
    expect(operations.find((o) => o.path === '/api/cases' && o.method === 'post')?.op.operationId).toBe('cases.intake')
    expect(operations.find((o) => o.path === '/api/cases/{id}/actions/{action}')?.op.operationId).toBe('cases.act')
  })

  it('describes every answer (no "Default Response"), and has a relative server', () => {
    expect(JSON.stringify(doc)).not.toContain('Default Response')
    expect(doc.servers).toEqual([{ url: '/' }])
  })

  it('declares the security of each operation, and the CSRF header on writes', () => {
    for (const { method, op } of operations) {
      const name = Object.values(OPERATIONS).find((n) => n.id === op.operationId)!
      expect(op.security).toEqual(name.public ? [] : [{ cookie: [] }, { bearer: [] }])
      const csrf = (op.parameters ?? []).some((p: Json) => p.$ref === '#/components/parameters/CsrfToken')
      expect(csrf).toBe(method !== 'get')
    }
    expect(doc.components.parameters.CsrfToken).toMatchObject({ in: 'header', name: 'x-csrf-token' })
  })

  it('declares the non-JSON answers with their media types', () => {
    const content = (path: string, status = '200') => Object.keys(doc.paths[path].get.responses[status].content)
    expect(content('/api/items/export.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
    expect(content('/api/reports/operations')).toEqual(['application/json', 'text/markdown', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
    expect(content('/api/centers/{id}/display/events')).toEqual(['text/event-stream'])
    expect(content('/api/cases/{id}/files/{fileId}')).toContain('application/pdf')
  })

  it('names the shared schemas as components, and inlines no object schema twice', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Case', 'CaseDetail', 'CaseItem', 'ErrorResponse', 'Ticket', 'ItemDetail']))
    expect(doc.paths['/api/cases'].post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Case' })
    const seen = new Map<string, string[]>()
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`))
      if (!node || typeof node !== 'object') return
      for (const [k, v] of Object.entries(node)) if (!['example', 'examples', 'default', 'enum'].includes(k)) walk(v, `${at}/${k}`)
      const s = node as Json
      if (s.type === 'object' && s.properties && Object.keys(s.properties).length > 2) {
        const key = shape(s)
        seen.set(key, [...(seen.get(key) ?? []), at])
      }
    }
    walk(doc.paths, '#/paths')
    walk(doc.components, '#/components')
    expect([...seen.values()].filter((at) => at.length > 1)).toEqual([])
  })

  it('is the file docs/openapi.json (npm run openapi writes it)', () => {
    expect(JSON.parse(fs.readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'))).toEqual(doc)
  })
})

describe('security as the auth hook has it', () => {
  const sample = (path: string) => path.replace(/\{(\w+)\}/g, (_, p: string) => (p === 'date' ? '2026-01-01' : p === 'year' ? '2026' : p === 'key' ? 'x' : '2147483647'))
  it('a staff operation without credentials is refused (401, or 400 when its input is checked first); a public one is not 401', async () => {
    const wrong: string[] = []
    for (const { method, path, op } of operations) {
      if (op.responses['200']?.content?.['text/event-stream']) continue // a stream: its public route is the display board's
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url: sample(path) })
      const ok = op.security.length === 0 ? res.statusCode !== 401 : res.statusCode === 401 || res.statusCode === 400
      if (!ok) wrong.push(`${method.toUpperCase()} ${path}: ${res.statusCode}`)
    }
    expect(wrong).toEqual([])
  })
})
