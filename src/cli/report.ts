// `npm run yizhan -- report --as-of YYYY-MM-DD`: the operations report from the shell, as the district administrator
// sees it (the whole district), through the same service as GET /api/reports/operations.
import { writeFile } from 'node:fs/promises'
import type { Db } from '../db/database.js'
import { systemClock } from '../domain/clock.js'
import { errors } from '../domain/errors.js'
import type { Actor } from '../domain/jurisdiction.js'
import type { AppContext } from '../kernel/context.js'
import { toDocx, toMarkdown } from '../features/reports/operations.document.js'
import { operationsReport } from '../features/reports/operations.service.js'

export async function printReport(db: Db, opts: { asOf?: string; format?: string; out?: string }): Promise<number> {
  const format = opts.format ?? 'markdown'
  if (!['markdown', 'docx', 'json'].includes(format)) throw errors.validation([{ field: '--format', message: '应为 markdown、docx 或 json' }])
  if (format === 'docx' && !opts.out) throw errors.validation([{ field: '--out', message: 'docx 须用 --out 指定文件' }])
  const district = await db.selectFrom('centers').select(['id', 'path']).where('level', '=', 'district').orderBy('id').executeTakeFirst()
  if (!district) throw errors.notFound('区级服务中心')
  const actor: Actor = { userId: 0, username: 'cli', name: '命令行', roles: ['admin'], centerId: district.id, centerPath: district.path, centerLevel: 'district', windowId: null }
  const ctx = { db, clock: systemClock } as AppContext
  let report
  try {
    report = await operationsReport(ctx, actor, { asOf: opts.asOf })
  } catch (e) {
    const d = (e as { details?: { field: string; message: string }[] }).details
    if (Array.isArray(d)) throw new Error(d.map((x) => `${x.field.replace('querystring.asOf', '--as-of')}: ${x.message}`).join('; '))
    throw e
  }
  const body = format === 'docx' ? await toDocx(report) : format === 'json' ? JSON.stringify(report, null, 2) : toMarkdown(report)
  if (opts.out) {
    await writeFile(opts.out, body)
    console.error(`已写入 wrote ${opts.out}`)
  } else process.stdout.write(body + '\n')
  return 0
}
