// The web app's API types (web/src/lib/api.gen.ts) are generated from docs/openapi.json: the committed file is current,
// and the generator reads what the document will grow into (named components by $ref, 3.0's nullable, a null type).
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiTypes } from '../../scripts/openapi-types.js'

describe('npm run openapi:types', () => {
  it('web/src/lib/api.gen.ts is the one generated from docs/openapi.json', async () => {
    const doc = JSON.parse(fs.readFileSync('docs/openapi.json', 'utf8'))
    expect(await apiTypes(doc)).toBe(fs.readFileSync('web/src/lib/api.gen.ts', 'utf8'))
  }, 60_000)

  it('names components, keeps null and reads a schema equal to a component as that component', async () => {
    const error = { type: 'object', required: ['error'], properties: { error: { type: 'string' } }, title: 'ErrorResponse' }
    const ts = await apiTypes({
      components: { schemas: { Case: { type: 'object', required: ['id', 'closedAt'], properties: { id: { type: 'integer' }, closedAt: { type: 'string', nullable: true } } }, 'def-0': error } },
      paths: {
        '/api/cases/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: {
              200: { description: 'the case', content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } } },
              404: { description: 'not found', content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } } } },
            },
          },
        },
      },
    })
    expect(ts).toContain('export interface Case {')
    expect(ts).toMatch(/closedAt: string \| null/)
    expect(ts).toMatch(/'200': \{\s+content: \{\s+'application\/json': Case/)
    expect(ts).toMatch(/'404': \{\s+content: \{\s+'application\/json': ErrorResponse/)
  })
})
