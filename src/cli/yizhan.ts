// npm run yizhan -- <command>: administration from the shell, on the same database as npm start.
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { openDatabase, type Opened } from '../db/connect.js'
import { migrateDown } from '../db/migrate.js'
import { busyReason } from '../db/running.js'
import { backupCommand, restoreCommand } from './backup.js'
import { loadDemo } from '../demo/load.js'
import { createAdmin } from './admin.js'
import { printReport } from './report.js'

const HELP = `一站 Yizhan 命令 (npm run yizhan -- <command>)
  migrate                      运行数据库迁移 run migrations to the latest version
  migrate down                 回退一个迁移 undo the last migration
  admin create --username U --password P [--name N] [--center-name C]
                               新装系统创建管理员 create an administrator (and the district center on an empty database)
  demo                         加载演示区 load the demo district (no-op when it is already loaded)
  report --as-of YYYY-MM-DD [--format markdown|docx|json] [--out FILE]
                               运行情况报告 the operations report (markdown to stdout unless --out)
  backup FILE                  备份内置数据库 back up the embedded database (online: the server keeps running)
  restore FILE                 恢复到空的 DATA_DIR restore a backup into an empty DATA_DIR (no server running on it)
环境变量 DATA_DIR / DATABASE_URL 与 npm start 相同. 服务器在运行时, 命令使用它的数据库并让它继续运行
(with a server running on DATA_DIR, commands use its database and leave it running).`

const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) }

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv
  if (!cmd || cmd === 'help' || cmd === '--help') { console.log(HELP); return 0 }
  const config = loadConfig()
  let opened: Opened | undefined
  try {
    if (cmd === 'backup') return await backupCommand(config, sub, log)
    if (cmd === 'restore') return await restoreCommand(config, sub, log)
    if (cmd === 'migrate' && sub === 'down') {
      const busy = busyReason(config.dataDir, !config.databaseUrl)
      if (busy) { console.error(`不能回退迁移 cannot migrate down: ${busy}`); return 1 }
    }
    // A server's database is used as it runs (and left running); otherwise one is started and stopped again.
    opened = await openDatabase(config, log, { attach: true }) // migrates to the latest version
    if (cmd === 'migrate' && !sub) { console.log('数据库已是最新 migrations up to date'); return 0 }
    if (cmd === 'migrate' && sub === 'down') {
      const r = await migrateDown(opened.db)
      console.log(`已回退 reverted: ${r.results?.map((x) => x.migrationName).join(', ') || '(nothing)'}`)
      return 0
    }
    if (cmd === 'demo') { await loadDemo(opened.db, config, log); return 0 }
    if (cmd === 'report') {
      const { values } = parseArgs({ args: argv.slice(1), options: { 'as-of': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } })
      return await printReport(opened.db, { asOf: values['as-of'], format: values.format, out: values.out })
    }
    if (cmd === 'admin' && sub === 'create') {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, 'center-name': { type: 'string' } } })
      const u = await createAdmin(opened.db, { username: values.username, password: values.password, name: values.name, centerName: values['center-name'] })
      console.log(`已创建管理员 created administrator "${u.username}" at ${u.centerName}`)
      return 0
    }
    console.error(`未知命令 unknown command: ${argv.join(' ')}\n\n${HELP}`)
    return 2
  } catch (e) {
    console.error(`失败 failed: ${(e as Error).message}`)
    return 1
  } finally {
    await opened?.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
