// Every environment variable the code reads is in the README's configuration table.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const files = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|mjs)$/.test(e.name) ? [path.join(dir, e.name)] : []))

describe('README configuration table', () => {
  it('lists every variable src/ and scripts/ read', () => {
    const read = new Set<string>()
    for (const f of [...files('src'), ...files('scripts')]) {
      const text = fs.readFileSync(path.join(root, f), 'utf8')
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\bneed\('([A-Z][A-Z0-9_]+)'\)/g)) read.add(m[1] ?? m[2])
    }
    expect(read.size).toBeGreaterThan(20)
    const table = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('## Configuration')[1].split('\n## ')[0]
    const listed = (v: string) => table.includes(`\`${v}\``) || (v.startsWith('SMS_TEMPLATE_') && table.includes('`SMS_TEMPLATE_ACCEPTED`'))
    expect([...read].filter((v) => !listed(v))).toEqual([])
    // names made at run time: RATE_LIMIT_<NAME> and SMS_TEMPLATE_<KIND>
    expect(table).toContain('`RATE_LIMIT_LOGIN`')
    expect(table).toContain('`_CODE`')
  })
})
