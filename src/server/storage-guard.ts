// Refuses writes before the disk under the embedded PostgreSQL fills up (a full disk PANICs the server and can take
// recent work with it): while DATA_DIR's free space is under the floor, or for a while after an external database
// answered "disk full" (SQLSTATE 53100), requests that write get 503 storage_low with Retry-After; reads go on.
// The state is checked again every few seconds, so service resumes by itself when space returns.
import fs from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import { faultReply } from './errors.js'

const MiB = 1024 * 1024
/** Without STORAGE_FLOOR_MB: 1 GiB, or 5 % of the file system when that is smaller (a small data disk). */
export function storageFloorBytes(totalBytes: number, floorMb: number | undefined): number {
  if (floorMb !== undefined) return floorMb * MiB
  return Math.min(1024 * MiB, Math.floor(totalBytes * 0.05))
}

export interface FreeSpace { free: number; total: number }
export async function freeSpaceOf(dir: string): Promise<FreeSpace> {
  const s = await fs.statfs(dir)
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize }
}

/** After a disk-full answer from the database, writes stay refused this long before the next one is tried. */
export const FULL_HOLD_MS = 30_000

export interface StorageGuard {
  writable(): boolean
  /** The database said its disk is full (53100). */
  reportFull(): void
  /** Read the free space now (also done every `checkMs`). */
  check(): Promise<void>
  stop(): void
}

export function createStorageGuard(opts: {
  /** The directory whose file system holds the database (the embedded server's DATA_DIR); none for an external one. */
  dir?: string
  floorMb?: number
  checkMs?: number
  freeSpace?: (dir: string) => Promise<FreeSpace>
  /** How long a disk-full answer refuses writes (FULL_HOLD_MS). */
  fullHoldMs?: number
  log: { warn(m: string): void; info(m: string): void }
}): StorageGuard {
  const read = opts.freeSpace ?? freeSpaceOf
  let low = false
  let fullUntil = 0
  let stopped = false
  const check = async () => {
    if (!opts.dir || stopped) return
    let space: FreeSpace
    try { space = await read(opts.dir) } catch { return } // the directory is being made, or gone: nothing to say
    const floor = storageFloorBytes(space.total, opts.floorMb)
    const nowLow = space.free < floor
    if (nowLow && !low) opts.log.warn(`存储空间不足, 暂停写入 (free ${Math.round(space.free / MiB)} MiB under the floor of ${Math.round(floor / MiB)} MiB in ${opts.dir}): writes answer 503 storage_low`)
    if (!nowLow && low) opts.log.info(`存储空间已恢复, 恢复写入 (free ${Math.round(space.free / MiB)} MiB)`)
    low = nowLow
  }
  const timer = opts.dir ? setInterval(() => { void check() }, opts.checkMs ?? 5_000) : undefined
  timer?.unref()
  return {
    writable: () => !low && Date.now() >= fullUntil,
    reportFull() {
      const hold = opts.fullHoldMs ?? FULL_HOLD_MS
      if (Date.now() >= fullUntil) opts.log.warn(`数据库磁盘已满 (SQLSTATE 53100): writes answer 503 storage_low for ${hold / 1000} s, then are tried again`)
      fullUntil = Date.now() + hold
    },
    check,
    stop() { stopped = true; if (timer) clearInterval(timer) },
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Logging in and out stay possible (a session row is tiny) so that people can go on reading. */
const ALWAYS = new Set(['POST /api/session', 'DELETE /api/session'])

/** Refuse writes while the guard says so, before any work is done for them. */
export function installStorageGuard(app: FastifyInstance, guard: StorageGuard): void {
  app.addHook('onRequest', async (req, reply) => {
    if (SAFE.has(req.method) || guard.writable()) return
    if (ALWAYS.has(`${req.method} ${req.url.split('?')[0]}`)) return
    return faultReply(reply, 'storage')
  })
}
