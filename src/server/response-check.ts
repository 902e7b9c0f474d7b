// Tests only (buildApp's `checkResponses`): every JSON answer is checked against the response schema its route
// declares for that status, before fast-json-stringify would quietly cut undeclared fields and coerce wrong types.
// A mismatch turns the answer into a 500 naming the route, the status and what is wrong, so the test fails.
//
// The check is stricter than the serializer in one way on purpose: an object schema that does not say otherwise is
// closed (additionalProperties: false), because a field the handler sends but the schema omits never reaches the web
// app and is the drift this check is for. Schemas that say `additionalProperties` or `patternProperties` keep theirs.
import { createRequire } from 'node:module'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface ResponseMismatch {
  method: string
  route: string
  status: number
  /** One line per problem: the JSON path and what is wrong (Ajv's words), or that the status has no schema. */
  problems: string[]
}

export interface ResponseCheckOptions {
  /** 'fail' (the default): the answer becomes a 500 response_mismatch; 'record': only onMismatch hears of it. */
  mode?: 'fail' | 'record'
  onMismatch?: (m: ResponseMismatch) => void
}

type Schema = Record<string, unknown>
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null }
interface AjvLike { compile(s: Schema): Validate; addSchema(s: Schema): unknown; getSchema(id: string): unknown }

/** Ajv and its formats, loaded only when a checking app is built (npm start never loads this). */
function newAjv(): AjvLike {
  const req = createRequire(import.meta.url)
  const formatsPath = req.resolve('ajv-formats')
  const Ajv = createRequire(formatsPath)('ajv') as { default: new (o: object) => AjvLike }
  const addFormats = req('ajv-formats') as { default: (a: AjvLike) => void }
  const ajv = new Ajv.default({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false })
  addFormats.default(ajv)
  return ajv
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The property names an allOf's object members declare (through nested allOf), or undefined when one is open. */
function allOfKeys(members: unknown[]): string[] | undefined {
  const keys: string[] = []
  for (const m of members) {
    if (!isObject(m)) return undefined
    if (Array.isArray(m.allOf)) {
      const inner = allOfKeys(m.allOf)
      if (!inner) return undefined
      keys.push(...inner)
      continue
    }
    if (m.additionalProperties !== undefined || m.patternProperties !== undefined || !isObject(m.properties)) return undefined
    keys.push(...Object.keys(m.properties))
  }
  return keys
}

/** A copy of the schema whose objects admit only the properties they declare (see the head of the file). `closeSelf`
 * is false for the members of an allOf: the allOf itself is closed over all its members' properties. */
export function closeObjects(schema: unknown, closeSelf = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s))
  if (!isObject(schema)) return schema
  const out: Schema = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$id') continue // nested copies must not claim the shared schemas' ids
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions' || k === '$defs') {
      out[k] = isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closeObjects(s)])) : v
    } else if (k === 'allOf' && Array.isArray(v)) out[k] = v.map((s) => closeObjects(s, false))
    else if (k === 'items' || k === 'additionalItems' || k === 'anyOf' || k === 'oneOf' || k === 'not' || k === 'additionalProperties') out[k] = closeObjects(v)
    else out[k] = v
  }
  if (!closeSelf || out.additionalProperties !== undefined || out.patternProperties !== undefined) return out
  if (Array.isArray(schema.allOf)) {
    const keys = allOfKeys(schema.allOf)
    if (keys && out.properties === undefined) return { ...out, properties: Object.fromEntries(keys.map((k) => [k, true])), additionalProperties: false }
    return out
  }
  if (out.type === 'object' || isObject(out.properties)) return { ...out, additionalProperties: false }
  return out
}

/** The schema Fastify's serializer would use for this status and content type (exact, then 1xx..5xx, then default),
 * or undefined: `content` maps a media type (or a wildcard) to a schema. */
export function schemaFor(response: Schema, status: number, contentType: string | undefined): Schema | undefined {
  const def = response[status] ?? response[`${String(status)[0]}xx`] ?? response.default
  if (!isObject(def)) return undefined
  if (isObject(def.content)) {
    const media = (contentType ?? 'application/json').split(';', 1)[0].trim().toLowerCase()
    const entry = def.content[media] ?? def.content['*/*']
    return isObject(entry) && isObject(entry.schema) ? entry.schema : undefined
  }
  return def
}

/** The answers the server gives around any route rather than the route itself: a body refused before the route sees
 * it (413 too large, 415 unsupported type) and the faults of the one error handler (500 internal; 503 database away or
 * disk full). A route that does not declare them is held to the shared ErrorResponse; any other undeclared status is a
 * mismatch. */
const SERVER_WIDE = new Set([413, 415, 500, 503])
const declares = (response: Schema, status: number) => [String(status), `${String(status)[0]}xx`, 'default'].some((k) => k in response)

/** JSON as it will be sent: Dates as ISO strings, toJSON applied, undefined dropped; bigint as the number it is. */
const asJson = (payload: unknown): unknown => JSON.parse(JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? 'null')

export function installResponseCheck(app: FastifyInstance, opts: ResponseCheckOptions = {}): void {
  let ajv: AjvLike | undefined
  const validators = new WeakMap<Schema, Validate>()
  const checked = new WeakSet<FastifyReply>()
  const validatorFor = (schema: Schema): Validate => {
    let v = validators.get(schema)
    if (!v) {
      if (!ajv) {
        ajv = newAjv()
        for (const shared of Object.values(app.getSchemas())) {
          const id = (shared as Schema).$id as string
          if (!ajv.getSchema(id)) ajv.addSchema({ ...(closeObjects(shared) as Schema), $id: id })
        }
      }
      v = ajv.compile(closeObjects(schema) as Schema)
      validators.set(schema, v)
    }
    return v
  }

  /** The problems of this answer, or undefined when it matches (or its route declares no response schema). */
  const problems = (req: FastifyRequest, reply: FastifyReply, payload: unknown): string[] | undefined => {
    const response = req.routeOptions.schema?.response as Schema | undefined
    if (!isObject(response) || Object.keys(response).length === 0) return undefined
    const status = reply.statusCode
    const schema = schemaFor(response, status, reply.getHeader('content-type') as string | undefined)
      ?? (SERVER_WIDE.has(status) && !declares(response, status) ? app.getSchema('ErrorResponse') as Schema | undefined : undefined)
    if (!schema) return [`status ${status} has no response schema (declared: ${Object.keys(response).join(', ')})`]
    const validate = validatorFor(schema)
    if (validate(asJson(payload))) return undefined
    return (validate.errors ?? []).map((e) => {
      const extra = e.params.additionalProperty as string | undefined
      return extra ? `${e.instancePath || '/'} has a property the schema does not declare: ${extra}` : `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`
    })
  }

  /** Report a mismatch; in 'fail' mode the payload that replaces the answer. */
  const judge = (req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    checked.add(reply)
    const found = problems(req, reply, payload)
    if (!found) return payload
    const m: ResponseMismatch = { method: req.method, route: req.routeOptions.url ?? req.url, status: reply.statusCode, problems: found }
    opts.onMismatch?.(m)
    if (opts.mode === 'record') return payload
    const message = `response check: ${m.method} ${m.route} answered ${m.status} not matching its declared schema: ${found.join('; ')}`
    req.log.error({ mismatch: m }, message)
    reply.code(500)
    return { error: { code: 'response_mismatch', message, details: m } }
  }

  app.addHook('preSerialization', async (req, reply, payload) => judge(req, reply, payload))
  // A JSON text the handler made itself skips the serializer (and preSerialization): check what it says too.
  app.addHook('onSend', async (req, reply, payload) => {
    if (checked.has(reply) || typeof payload !== 'string') return payload
    const type = String(reply.getHeader('content-type') ?? '')
    if (!type.includes('json')) return payload
    let parsed: unknown
    try { parsed = JSON.parse(payload) } catch { return payload }
    const out = judge(req, reply, parsed)
    return out === parsed ? payload : JSON.stringify(out)
  })
}
