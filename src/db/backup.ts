// Backup and restore of the embedded database with nothing but PostgreSQL's own SQL and Node: an online physical
// copy. The npm package ships no pg_dump or pg_basebackup, and Debian's pg_dump 15 refuses PostgreSQL 17, so:
// a temporary replication slot keeps the WAL, pg_backup_start (fast checkpoint), the data files are copied into a
// .tar.gz while the server keeps serving, pg_backup_stop gives the backup_label, then the WAL written meanwhile is
// added. Restored, PostgreSQL replays that WAL on its first start: the copy is consistent as of pg_backup_stop, so
// it holds every transaction committed before the backup began (and those committed during it, up to the stop).
// The rest of DATA_DIR goes along (pg-password, demo-accounts.json, any files stored there); material files are
// in the database itself (table files).
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import pg from 'pg'
import tar from 'tar-stream'
import { runAs } from './embedded.js'

/** Left out of the copy: files PostgreSQL rebuilds or that belong to the running server (PostgreSQL docs, "Making
 * a Base Backup Using the Low Level API"); the directories themselves are kept. */
const SKIP_CONTENTS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans'])
const SKIP_FILES = /^(postmaster\.pid|postmaster\.opts|pg_internal\.init|\.s\.PGSQL\..*|backup_label(\.old)?|tablespace_map)$/
/** DATA_DIR files that belong to a running process, not to the data. */
const SKIP_TOP = new Set(['pg', 'server.json', 'postgres.log'])

export const MANIFEST = 'yizhan-backup.json'
export interface Manifest { format: 1; createdAt: string; serverVersion: string; startLsn: string; stopLsn: string; bytes: number }

type Pack = ReturnType<typeof tar.pack>

/** One file into the archive, exactly `size` bytes (the size seen at stat: a file that grows meanwhile is cut
 * there, one that shrinks is padded; WAL replay repairs such pages, as for any online copy). */
async function addFile(pack: Pack, abs: string, name: string, st: fs.Stats): Promise<number> {
  const size = st.size
  let finished!: Promise<void>
  const entry = pack.entry({ name, size, mode: st.mode & 0o7777, mtime: st.mtime, type: 'file' }, (err) => { settle(err) })
  let settle: (err?: Error | null) => void = () => {}
  finished = new Promise<void>((resolve, reject) => { settle = (err) => (err ? reject(err) : resolve()) })
  let sent = 0
  try {
    if (size > 0) for await (const chunk of fs.createReadStream(abs, { start: 0, end: size - 1 }) as AsyncIterable<Buffer>) {
      const part = chunk.subarray(0, size - sent)
      sent += part.length
      if (!entry.write(part)) await new Promise<void>((r) => entry.once('drain', () => r()))
      if (sent >= size) break
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e // a file dropped meanwhile: its WAL recreates it
  }
  while (sent < size) { const pad = Buffer.alloc(Math.min(65536, size - sent)); sent += pad.length; entry.write(pad) }
  entry.end(Buffer.alloc(0))
  await finished
  return size
}

/** A folder's files into the archive under `prefix`, depth first; `skip` decides by relative path. */
async function addTree(pack: Pack, root: string, prefix: string, skip: (rel: string, dir: boolean) => boolean): Promise<number> {
  let bytes = 0
  const walk = async (rel: string): Promise<void> => {
    let names: string[]
    try { names = fs.readdirSync(path.join(root, rel)) } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; throw e }
    for (const n of names.sort()) {
      const r = rel ? `${rel}/${n}` : n
      const abs = path.join(root, r)
      let st: fs.Stats
      try { st = fs.lstatSync(abs) } catch { continue }
      if (st.isDirectory()) {
        if (skip(r, true)) continue
        pack.entry({ name: `${prefix}${r}/`, type: 'directory', mode: st.mode & 0o7777, mtime: st.mtime })
        if (!SKIP_CONTENTS.has(r)) await walk(r)
      } else if (st.isFile() && !skip(r, false)) bytes += await addFile(pack, abs, `${prefix}${r}`, st)
    }
  }
  await walk('')
  return bytes
}

function addText(pack: Pack, name: string, text: string, mode = 0o600): void {
  pack.entry({ name, mode, type: 'file' }, text)
}

/** Writes the backup of the running embedded server `url` whose DATA_DIR is `dataDir` into `file` (.tar.gz). */
export async function backupEmbedded(url: string, dataDir: string, file: string): Promise<Manifest> {
  const pgData = path.join(dataDir, 'pg')
  const client = new pg.Client({ connectionString: url, application_name: 'yizhan backup' })
  await client.connect()
  const tmp = `${file}.partial`
  try {
    const version = (await client.query<{ v: string }>('show server_version')).rows[0].v
    // Keeps every WAL segment from here on until this session ends, however long the copy takes.
    await client.query(`select pg_create_physical_replication_slot($1, true, true)`, [`yizhan_backup_${process.pid}`])
    const start = (await client.query<{ lsn: string }>(`select pg_backup_start('yizhan backup', true) as lsn`)).rows[0].lsn
    const pack = tar.pack()
    const written = pipeline(pack, zlib.createGzip({ level: 1 }), fs.createWriteStream(tmp, { mode: 0o600 }))
    let stop: { lsn: string; labelfile: string; spcmapfile: string | null }
    let bytes = 0
    try {
      bytes += await addTree(pack, pgData, 'pg/', (rel, dir) => {
        const top = rel.split('/')[0]
        if (SKIP_CONTENTS.has(top) && rel !== top) return true
        return !dir && SKIP_FILES.test(path.basename(rel))
      })
      stop = (await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
        'select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)')).rows[0]
    } catch (e) {
      pack.destroy(e as Error)
      await written.catch(() => undefined)
      throw e
    }
    addText(pack, 'pg/backup_label', stop.labelfile)
    if (stop.spcmapfile) addText(pack, 'pg/tablespace_map', stop.spcmapfile)
    // The WAL from the start of the backup to (at least) its stop: pg_backup_stop has switched segments.
    bytes += await addTree(pack, path.join(pgData, 'pg_wal'), 'pg/pg_wal/', (rel) => rel.startsWith('archive_status/'))
    const self = path.relative(dataDir, path.resolve(tmp))
    bytes += await addTree(pack, dataDir, '', (rel) => SKIP_TOP.has(rel.split('/')[0]) || rel === self)
    const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), serverVersion: version, startLsn: start, stopLsn: stop.lsn, bytes }
    addText(pack, MANIFEST, JSON.stringify(manifest, null, 2) + '\n', 0o644)
    pack.finalize()
    await written
    fs.renameSync(tmp, file)
    return manifest
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  } finally {
    await client.end().catch(() => undefined) // ends the backup if it is still running, drops the temporary slot
  }
}

/** Unpacks `file` into `dataDir`, which must have no database yet; PostgreSQL finishes the restore (WAL replay) on
 * its next start. Returns the manifest. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<Manifest> {
  const pgData = path.join(dataDir, 'pg')
  if (fs.existsSync(pgData) && fs.readdirSync(pgData).length > 0) {
    throw new Error(`DATA_DIR=${dataDir} 已有数据库 (pg/ is not empty): 恢复只能写入空的 DATA_DIR (restore into an empty DATA_DIR)`)
  }
  if (!fs.existsSync(file)) throw new Error(`找不到备份文件 backup file not found: ${file}`)
  fs.mkdirSync(dataDir, { recursive: true })
  const owner = await runAs()
  let manifest: Manifest | undefined
  const extract = tar.extract()
  extract.on('entry', (header, stream, next) => {
    const name = path.normalize(header.name)
    if (path.isAbsolute(name) || name.startsWith('..')) { stream.resume(); next(new Error(`备份文件中有不安全的路径: ${header.name}`)); return }
    const abs = path.join(dataDir, name)
    const own = (p: string) => { if (owner.uid !== undefined) fs.chownSync(p, owner.uid, owner.gid!) }
    if (header.type === 'directory') {
      fs.mkdirSync(abs, { recursive: true, mode: header.mode ?? 0o700 })
      own(abs)
      stream.resume()
      stream.on('end', () => next())
      return
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    const chunks: Buffer[] = []
    const collect = name === MANIFEST
    if (collect) stream.on('data', (c: unknown) => { chunks.push(c as Buffer) })
    const sink = collect ? null : fs.createWriteStream(abs, { mode: header.mode ?? 0o600 })
    const done = sink ? pipeline(stream, sink) : new Promise<void>((r) => stream.on('end', () => r()))
    done.then(() => {
      if (collect) manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest
      else own(abs)
      next()
    }, next)
  })
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), extract)
  if (!manifest || manifest.format !== 1 || !fs.existsSync(path.join(pgData, 'backup_label'))) {
    fs.rmSync(pgData, { recursive: true, force: true })
    throw new Error(`不是一站的备份文件 (not a Yizhan backup): ${file}`)
  }
  fs.chmodSync(pgData, 0o700)
  if (owner.uid !== undefined) for (const d of [dataDir, pgData]) fs.chownSync(d, owner.uid, owner.gid!)
  return manifest
}
