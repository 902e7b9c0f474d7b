// `npm run openapi`: writes the API document the server serves at /api/openapi.json to docs/openapi.json (the
// contract the web app's types are generated from; `npm run openapi -- --check` fails when the file is stale).
// The app is built without a database: building it runs no query (the pool connects lazily and never does here).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/config.js'
import { createDb, createPool } from '../src/db/database.js'
import { buildApp } from '../src/server/app.js'
import { writeOrCheck } from './generated-file.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'docs', 'openapi.json')

export async function openApiDocument(): Promise<string> {
  const pool = createPool('postgres://openapi@127.0.0.1:1/none', 1)
  const app = await buildApp({ db: createDb(pool), config: { ...loadConfig({}), webDist: '/nonexistent' }, logger: false, pool })
  await app.ready()
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  const doc = res.statusCode === 200 ? res.json() : undefined
  if (!doc) app.swagger() // throws the reason (a route without an operationId, two schemas under one name …)
  await app.close()
  await pool.end()
  return JSON.stringify(doc, null, 2) + '\n'
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await openApiDocument()
  writeOrCheck(out, text, { root, from: 'the server', command: 'npm run openapi', summary: `${Object.keys(JSON.parse(text).paths).length} paths` })
}
