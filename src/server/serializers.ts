// One compiled serializer per response schema object, not per route and status: most routes answer their errors
// with the same ErrorResponse object under five or six status codes, and fast-json-stringify compiling each copy
// anew was most of the start-up's `ready` phase (710 compilations, 78 different schemas).
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyInstance, FastifySerializerCompiler } from 'fastify'

export function shareSerializers(app: FastifyInstance): void {
  const cache = new WeakMap<object, (data: unknown) => string>()
  let compile: ReturnType<ReturnType<typeof SerializerSelector>> | undefined
  const compiler: FastifySerializerCompiler<unknown> = (route) => {
    const schema = route.schema as object
    let fn = cache.get(schema)
    if (!fn) {
      // Fastify's own compiler with the schemas added by addSchema (ErrorResponse), built once they are all added.
      compile ??= SerializerSelector()(app.getSchemas(), {})
      fn = compile(route as Parameters<typeof compile>[0]) as (data: unknown) => string
      cache.set(schema, fn)
    }
    return fn
  }
  app.setSerializerCompiler(compiler)
}
