// How route schemas become code. One compiled serializer per response schema object, not per route and status: most
// routes answer their errors with the same ErrorResponse object under five or six status codes, and
// fast-json-stringify compiling each copy anew was most of the start-up's `ready` phase (710 compilations, 78
// different schemas). With `lazy` (npm start) validators and serializers are compiled on a route's first request
// instead of before listening: compiling all of them took seconds of a restart (Ajv ~1.4 s and fast-json-stringify
// ~0.8 s of CPU), while a request pays a few milliseconds once. Tests compile everything at ready(), so a schema that
// does not compile fails there.
import { createRequire } from 'node:module'
import type { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { ValidatorFactory } from '@fastify/ajv-compiler'
import type { FastifyInstance, FastifySerializerCompiler, FastifyServerOptions } from 'fastify'

/** Fastify's own compilers (the copies fastify itself uses), loaded when first needed: with `lazy` not before the first
 * request (Ajv and fast-json-stringify take ~1 s of CPU to load and set up on a busy machine). */
const fromFastify = () => createRequire(createRequire(import.meta.url).resolve('fastify'))
let serializerSelector: typeof SerializerSelector | undefined
let ajvCompiler: (() => ValidatorFactory) | undefined

export function shareSerializers(app: FastifyInstance, opts: { lazy?: boolean } = {}): void {
  const cache = new WeakMap<object, (data: unknown) => string>()
  let compile: ReturnType<ReturnType<typeof SerializerSelector>> | undefined
  const compiler: FastifySerializerCompiler<unknown> = (route) => {
    const schema = route.schema as object
    let fn = cache.get(schema)
    if (!fn) {
      // Fastify's own compiler with the schemas added by addSchema (ErrorResponse), built once they are all added.
      const build = () => {
        serializerSelector ??= fromFastify()('@fastify/fast-json-stringify-compiler') as typeof SerializerSelector
        compile ??= serializerSelector()(app.getSchemas(), {})
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
  let factory: ValidatorFactory | undefined
  const buildValidator: ValidatorFactory = (externalSchemas, options) => {
    let compile: ReturnType<ValidatorFactory> | undefined
    return ((route: Parameters<ReturnType<ValidatorFactory>>[0]) => {
      let real: Validate | undefined
      const validate: Validate = (data, ctx) => {
        ajvCompiler ??= fromFastify()('@fastify/ajv-compiler') as () => ValidatorFactory
        factory ??= ajvCompiler()
        compile ??= factory(externalSchemas, options)
        real ??= compile(route) as unknown as Validate
        const ok = real(data, ctx)
        validate.errors = real.errors
        return ok
      }
      validate.schemaEnv = true
      return validate
    }) as unknown as ReturnType<ValidatorFactory>
  }
  // Fastify's default serializer factory, loaded on first use too (the app's own compiler is shareSerializers'; this one
  // serves a plugin's context that adds schemas of its own), so that Fastify does not load fast-json-stringify itself.
  type SerializerFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
  const buildSerializer = ((externalSchemas: unknown, options: unknown) => {
    let compile: ((route: unknown) => (data: unknown) => string) | undefined
    return (route: unknown) => {
      let real: ((data: unknown) => string) | undefined
      return (data: unknown) => {
        serializerSelector ??= fromFastify()('@fastify/fast-json-stringify-compiler') as typeof SerializerSelector
        compile ??= serializerSelector()(externalSchemas as never, options as never) as unknown as (route: unknown) => (data: unknown) => string
        return (real ??= compile(route))(data)
      }
    }
  }) as unknown as SerializerFactory
  return { compilersFactory: { buildValidator, buildSerializer } }
}
