// Starts one PostgreSQL for the whole run (embedded by default, TEST_DATABASE_URL when set) and builds two
// template databases: migrated, and migrated + demo district. Each test file clones one (fast, isolated).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../../src/config.js'
import { createDb, createPool, ensureDatabase } from '../../src/db/database.js'
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { loadDemo } from '../../src/demo/load.js'

export const DEMO_PASSWORD = 'demo-Pass-2026'
const quiet = { info: () => {}, warn: () => {} }

declare module 'vitest' {
  export interface ProvidedContext { serverUrl: string; templates: { plain: string; demo: string }; demoPassword: string }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined
  let dir: string | undefined
  let serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-test-pg-')) // under /tmp: reachable by the postgres user when run as root
    embedded = await startEmbedded({ dataDir: dir, log: quiet })
    serverUrl = embedded.url
  }
  const suffix = `${process.pid}`
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-test-demo-')) // demo-accounts.json goes here
  const templates = { plain: `yz_tpl_${suffix}`, demo: `yz_tpl_demo_${suffix}` }
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const dropOurs = async (pattern: string) => {
    const { rows } = await admin.query(`select datname from pg_database where datname like $1`, [pattern])
    for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`)
  }
  await dropOurs(`yz_%_${suffix}`)

  for (const [name, withDemo] of [[templates.plain, false], [templates.demo, true]] as const) {
    const url = await ensureDatabase(serverUrl, name)
    const pool = createPool(url, 2)
    const db = createDb(pool)
    await migrateToLatest(db)
    if (withDemo) {
      const config = { ...loadConfig({}), demoPassword: DEMO_PASSWORD, dataDir: demoDir }
      await loadDemo(db, config, quiet)
    }
    await db.destroy()
  }
  project.provide('serverUrl', serverUrl)
  project.provide('templates', templates)
  project.provide('demoPassword', DEMO_PASSWORD)

  return async () => {
    await dropOurs(`yz_%_${suffix}`)
    await dropOurs(`yz_t_${suffix}_%`)
    await admin.end()
    await embedded?.stop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(demoDir, { recursive: true, force: true })
  }
}
