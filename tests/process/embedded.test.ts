// The embedded server's start-up edge cases: a busy port, and a data directory reused across starts.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbedded } from '../../src/db/embedded.js'

const dirs: string[] = []
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yizhan-emb-')); dirs.push(d); return d }
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }) })

function occupy(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(port, '127.0.0.1', () => resolve(s))
  })
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('embedded PostgreSQL', () => {
  it('names the variable to change when the chosen port is busy', async () => {
    const blocker = await occupy()
    const port = (blocker.address() as net.AddressInfo).port
    const warnings: string[] = []
    await expect(startEmbedded({ dataDir: tmp(), port, log: { info: () => {}, warn: (m) => warnings.push(m) } }))
      .rejects.toThrow(/EMBEDDED_PG_PORT=\d+ is in use/)
    blocker.close()
  }, 60_000)

  it('moves to a free port when the default one is busy, and says so', async () => {
    const blocker = await occupy(5433).catch(() => undefined) // already busy is fine too
    const warnings: string[] = []
    const dir = tmp()
    const server = await startEmbedded({ dataDir: dir, log: { info: () => {}, warn: (m) => warnings.push(m) } })
    try {
      expect(server.port).not.toBe(5433)
      expect(warnings.join('\n')).toMatch(/5433.*busy|被占用/)
      const client = new pg.Client({ connectionString: server.url })
      await client.connect()
      await client.query('create table kept (v text)')
      await client.query(`insert into kept values ('上次的数据')`)
      await client.end()
    } finally {
      await server.stop()
      blocker?.close()
    }
    // A second start on the same directory keeps the data (no second initdb).
    const again = await startEmbedded({ dataDir: dir, log: { info: () => {}, warn: () => {} } })
    try {
      const client = new pg.Client({ connectionString: again.url })
      await client.connect()
      expect((await client.query('select v from kept')).rows).toEqual([{ v: '上次的数据' }])
      await client.end()
    } finally {
      await again.stop()
    }
  }, 60_000)
})
