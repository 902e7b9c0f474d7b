// Memory figures of a running Yizhan: Node's resident set, and the embedded PostgreSQL's (RSS, and PSS: each shared
// page divided among the processes that map it, so the postmaster's shared buffers count once).
import fs from 'node:fs'
import path from 'node:path'

/** Memory of the postmaster of `pgData` and its children: RSS, and PSS (each shared page divided among its users). */
export function pgMemory(pgData: string): { rss: number; pss: number } {
  const master = fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0].trim()
  let rss = 0; let pss = 0
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8')
      if (p !== master && /PPid:\s+(\d+)/.exec(status)?.[1] !== master) continue
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
      pss += Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) / 1024
    } catch { /* gone */ }
  }
  return { rss, pss }
}
export const nodeRss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
