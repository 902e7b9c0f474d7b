// Named components for a generated client: every schema carrying a `title` (given next to the TypeBox schema that a
// feature shares, e.g. `Case`) moves to components.schemas under that name, and every other copy of the same shape
// anywhere in the document becomes a $ref to it. Only the document changes; the route schemas stay as they are.
type Json = Record<string, any>

/** Values, not schemas: never searched for schemas to hoist. */
const VALUES = new Set(['example', 'examples', 'default', 'enum', 'const'])

const isSchema = (node: Json) => 'type' in node || 'properties' in node || 'allOf' in node || 'anyOf' in node || 'oneOf' in node

/** The shape of a schema: its JSON with sorted keys, without its name. */
export function shape(node: unknown): string {
  return JSON.stringify(node, (key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.keys(value).sort().filter((k) => k !== 'title').map((k) => [k, value[k]]))
    }
    return value
  })
}

/** Post-order: children first, so a named schema inside another is already a $ref when the outer one is compared. */
function walk(node: unknown, visit: (schema: Json) => Json): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, visit))
  if (!node || typeof node !== 'object') return node
  const out = walkChildren(node as Json, visit)
  return isSchema(out) ? visit(out) : out
}

function walkChildren(node: Json, visit: (schema: Json) => Json): Json {
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) {
    // `properties` maps names to schemas: the map itself is no schema, even with a property called `type`
    out[k] = VALUES.has(k) ? v
      : k === 'properties' && v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, walk(s, visit)]))
        : walk(v, visit)
  }
  return out
}

export function hoistNamedSchemas(doc: Json): void {
  const schemas: Record<string, Json> = (doc.components.schemas ??= {})
  // A nullable copy (a union with null, merged by @fastify/swagger) refers to the same component, or null.
  const ref = (name: string, nullable?: boolean) => nullable
    ? { anyOf: [{ $ref: `#/components/schemas/${name}` }, { type: 'object', nullable: true, enum: [null] }] }
    : { $ref: `#/components/schemas/${name}` }
  // 1. every titled schema becomes a component (two different schemas under one name are a mistake)
  const hoist = (s: Json): Json => {
    if (typeof s.title !== 'string') return s
    const name = s.title.replace(/[^A-Za-z0-9._-]/g, '_')
    const { nullable, ...base } = s
    if (schemas[name] && shape(schemas[name]) !== shape(base)) throw new Error(`two different schemas are named ${name}`)
    schemas[name] = base
    return ref(name, nullable === true)
  }
  doc.paths = walk(doc.paths, hoist)
  for (const name of Object.keys(schemas)) schemas[name] = walkChildren(schemas[name], hoist)
  // 2. every untitled copy of a component's shape refers to it
  const byShape = new Map(Object.entries(schemas).map(([name, s]) => [shape(s), name]))
  const replace = (root?: string) => (s: Json): Json => {
    const { nullable, ...base } = s
    const name = byShape.get(shape(base))
    return name && name !== root ? ref(name, nullable === true) : s
  }
  doc.paths = walk(doc.paths, replace())
  for (const name of Object.keys(schemas)) schemas[name] = walkChildren(schemas[name], replace(name))
}
