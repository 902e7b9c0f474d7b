// A fresh database per test file, cloned from a template built by global-setup.ts.
import crypto from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { createDb, createPool, type Db } from '../../src/db/database.js'

export interface TestDb { db: Db; pool: pg.Pool; url: string; close(): Promise<void> }

export async function createTestDb(opts: { demo?: boolean } = {}): Promise<TestDb> {
  const serverUrl = inject('serverUrl')
  const templates = inject('templates')
  const ppid = templates.plain.split('_').pop()
  const name = `yz_t_${ppid}_${crypto.randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database "${name}" template "${opts.demo ? templates.demo : templates.plain}"`)
  await admin.end()
  const u = new URL(serverUrl)
  u.pathname = '/' + name
  const url = u.toString()
  const pool = createPool(url, 5)
  const db = createDb(pool)
  return {
    db, pool, url,
    async close() {
      await db.destroy()
      const a = new pg.Client({ connectionString: serverUrl })
      await a.connect()
      await a.query(`drop database if exists "${name}" with (force)`)
      await a.end()
    },
  }
}
