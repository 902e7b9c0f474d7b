// How route schemas become code. One compiled serializer per response schema object, not per route and status: most
// routes answer their errors with the same ErrorResponse object under five or six status codes, and
// fast-json-stringify compiling each copy anew was most of the start-up's `ready` phase (710 compilations, 78
// different schemas). With `lazy` (npm start) validators and serializers are compiled on a route's first request
// instead of before listening: compiling all of them took seconds of a restart (Ajv ~1.4 s and fast-json-stringify
// ~0.8 s of CPU), while a request pays a few milliseconds once. Tests compile everything at ready(), so a schema that
// does not compile fails there.
import { createRequire } from 'node:module'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { ValidatorFactory } from '@fastify/ajv-compiler'
import type { FastifyInstance, FastifySerializerCompiler, FastifyServerOptions } from 'fastify'

export function shareSerializers(app: FastifyInstance, opts: { lazy?: boolean } = {}): void {
  const cache = new WeakMap<object, (data: unknown) => string>()
  let compile: ReturnType<ReturnType<typeof SerializerSelector>> | undefined
  const compiler: FastifySerializerCompiler<unknown> = (route) => {
    const schema = route.schema as object
    let fn = cache.get(schema)
    if (!fn) {
      // Fastify's own compiler with the schemas added by addSchema (ErrorResponse), built once they are all added.
      const build = () => {
        compile ??= SerializerSelector()(app.getSchemas(), {})
        return compile(route as Parameters<typeof compile>[0]) as (data: unknown) => string
      }
      if (opts.lazy) {
        let real: ((data: unknown) => string) | undefined
        fn = (data) => (real ??= build())(data)
      } else fn = build()
      cache.set(schema, fn)
    }
    return fn
  }
  app.setSerializerCompiler(compiler)
}

type Validate = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown }

/** Fastify's own validator compiler (@fastify/ajv-compiler, the copy fastify itself uses), compiling each route's
 * schema on its first request. The wrapper says it is an Ajv function (schemaEnv) so that Fastify passes the parent
 * object, which Ajv needs to coerce or default a whole request part; the errors of the last call are copied onto it. */
export function lazyValidators(): NonNullable<FastifyServerOptions['schemaController']> {
  const fromFastify = createRequire(import.meta.resolve('fastify'))
  const AjvCompiler = fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory
  const factory = AjvCompiler()
  const buildValidator: ValidatorFactory = (externalSchemas, options) => {
    const compile = factory(externalSchemas, options)
    return ((route: Parameters<typeof compile>[0]) => {
      let real: Validate | undefined
      const validate: Validate = (data, ctx) => {
        real ??= compile(route) as unknown as Validate
        const ok = real(data, ctx)
        validate.errors = real.errors
        return ok
      }
      validate.schemaEnv = true
      return validate
    }) as unknown as ReturnType<ValidatorFactory>
  }
  return { compilersFactory: { buildValidator } }
}
