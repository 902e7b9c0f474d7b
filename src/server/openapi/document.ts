// The API document as a contract: @fastify/swagger builds it from the routes' TypeBox schemas; finishDocument() then
// names every operation (operation-ids.ts), says which security each needs (the same rule as src/server/auth.ts: a
// session cookie, with the x-csrf-token header on writes, or a bearer token; none for the public routes), describes
// every answer, declares the non-JSON ones (media.ts), adds request examples (examples.ts) and hoists the named
// schemas into components (components.ts). It works on the generated document only: validation and serialization
// still use the route schemas untouched.
import type { FastifyInstance } from 'fastify'
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import { PERMISSIONS } from '../../domain/jurisdiction.js'
import { SESSION_COOKIE } from '../../kernel/guards.js'
import { hoistNamedSchemas } from './components.js'
import { EXAMPLES } from './examples.js'
import { MEDIA } from './media.js'
import { OPERATIONS } from './operation-ids.js'

type Json = Record<string, any>

const UNSAFE = new Set(['post', 'put', 'patch', 'delete'])
const STAFF_SECURITY = [{ cookie: [] }, { bearer: [] }]

/** The answer of each status code unless the route says otherwise. */
export const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the request will be carried out',
  204: 'No content',
  304: 'Not modified: the ETag sent in If-None-Match still matches',
  400: 'Invalid input: `error.details` lists each bad field (`field`, `message`)',
  401: 'Not signed in, or the session or token is no longer valid',
  403: 'Forbidden: the role, the jurisdiction, the holder of the case or the CSRF token does not allow it',
  404: 'Not found',
  409: 'Conflict with the current state (`error.code` says which)',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests: retry after the seconds in `Retry-After`',
  503: 'Unavailable: `database_unavailable` or `storage_low`; retry after the seconds in `Retry-After`',
}

/** Route-specific answers, by `operationId status`. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'cases.intake 200': 'The case already recorded under this requestId (an idempotent retry)',
  'cases.intake 201': 'The case recorded: accepted, in correction with the missing materials listed, received (an agent), or closed (即办 with complete: true)',
  'cases.act 200': 'The case after the action',
  'cases.act 409': 'invalid_transition (the allowed actions in `details`), case_busy or stale_case',
  'bundles.intake 200': 'The cases already opened under this requestId (an idempotent retry)',
  'hall.callNext 204': 'Nobody waits',
  'session.login 200': 'Signed in: the session cookie is set; the answer carries the CSRF token for writes',
  'session.login 401': 'Wrong username or password (the same answer for both)',
  'session.login 429': 'Locked out after too many failed attempts',
  'progress.query 404': 'No case with this number and query code',
  'ratings.rate 409': 'The service is not finished yet, or it is already rated',
  'running.health 503': 'The database is away (database_unavailable)',
}

const CSRF_PARAMETER = {
  name: 'x-csrf-token', in: 'header', required: false, schema: { type: 'string' },
  description: 'Required on writes signed in with the session cookie: the `csrfToken` of POST/GET /api/session. Not needed with a bearer token.',
}

/** The Fastify route key of an OpenAPI path: `/api/cases/{id}` → `/api/cases/:id`. */
const routePath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1')

export function finishDocument(doc: Json): Json {
  doc.servers = [{ url: '/' }] // relative: docs/openapi.json stays the same whatever PUBLIC_URL says
  doc.components.parameters = { CsrfToken: CSRF_PARAMETER }
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      const name = OPERATIONS[`${method.toUpperCase()} ${routePath(path)}`]
      if (!name) throw new Error(`${method.toUpperCase()} ${path} has no operationId in src/server/openapi/operation-ids.ts`)
      op.operationId = name.id
      op.security = name.public ? [] : STAFF_SECURITY
      if (name.permission) {
        const roles = PERMISSIONS[name.permission].join(', ')
        op.description = [op.description, `Roles: ${roles} (permission \`${name.permission}\`).`].filter(Boolean).join('\n\n')
      }
      if (UNSAFE.has(method)) (op.parameters ??= []).push({ $ref: '#/components/parameters/CsrfToken' })
      impliedErrors(op, !name.public)
      describeResponses(name.id, op)
      addExamples(name.id, op)
    }
  }
  hoistNamedSchemas(doc)
  return doc
}

function addExamples(id: string, op: Json): void {
  const { body, query } = EXAMPLES[id] ?? {}
  if (body) {
    const media = op.requestBody?.content?.['application/json']
    if (!media) throw new Error(`${id}: a body example for a request without a JSON body`)
    media.examples = body
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    const param = (op.parameters ?? []).find((p: Json) => p.in === 'query' && p.name === name)
    if (!param) throw new Error(`${id}: an example for a query parameter ${name} it does not have`)
    param.example = value
  }
}

/** The errors every route may answer whether or not its schema lists them: 401 without a login (requireActor), 404 for
 * an id that names nothing, 503 while the database is away or the disk is full (the storage guard). */
function impliedErrors(op: Json, staff: boolean): void {
  const responses: Json = (op.responses ??= {})
  const error = () => ({ description: 'Default Response', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } })
  if (staff) responses[401] ??= error()
  if ((op.parameters ?? []).some((p: Json) => p.in === 'path')) responses[404] ??= error()
  responses[503] ??= error()
}

function describeResponses(id: string, op: Json): void {
  const responses: Json = (op.responses ??= {})
  for (const [status, answer] of Object.entries(MEDIA[id] ?? {})) {
    const existing = responses[status]
    const json = answer.keepJson ? existing?.content?.['application/json'] : undefined
    responses[status] = { description: answer.description, content: { ...(json ? { 'application/json': json } : {}), ...answer.content } }
  }
  for (const [status, response] of Object.entries(responses as Record<string, Json>)) {
    const override = RESPONSE_OVERRIDES[`${id} ${status}`]
    if (override) response.description = override
    else if (response.description === 'Default Response') {
      const text = RESPONSE_DESCRIPTIONS[status]
      if (!text) throw new Error(`${id}: no description for status ${status} (RESPONSE_DESCRIPTIONS in src/server/openapi/document.ts)`)
      response.description = text
    }
  }
}

/** The options of @fastify/swagger for buildApp(). */
export function swaggerOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Yizhan 一站 API', version: '0.1.0', description: '区行政服务中心 · 镇便民服务中心 · 村便民服务室',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    // A schema added with an $id (ErrorResponse) keeps its name instead of def-N.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (documentObject) => finishDocument((documentObject as { openapiObject: Json }).openapiObject) as never,
  }
}

/** While buildApp() registers the app's routes, a documented one without a name in operation-ids.ts stops the start (as
 * does a name used twice); call the returned function once they are registered (a test may add a route of its own
 * afterwards). A route registered later still has to be named: finishDocument() refuses to build the document. */
export function checkOperationIds(app: FastifyInstance): () => void {
  const seen = new Map<string, string>()
  for (const [key, { id }] of Object.entries(OPERATIONS)) {
    if (seen.has(id)) throw new Error(`operationId ${id} is used by both ${seen.get(id)} and ${key}`)
    seen.set(id, key)
  }
  let building = true
  app.addHook('onRoute', (route) => {
    if (!building || route.method === 'HEAD' || (route.schema as { hide?: boolean } | undefined)?.hide) return
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`
      if (!OPERATIONS[key]) throw new Error(`${key} has no operationId in src/server/openapi/operation-ids.ts`)
    }
  })
  return () => { building = false }
}
