// Display boards for bench:hall, in processes of their own (the load generator must not share an event loop with the
// calls it times, nor with the server). Each process holds its share of the SSE connections, parses the frames and
// stamps every `call` event with the machine's monotonic clock (process.hrtime, the same clock in every process), so
// the benchmark can subtract the moment it sent the call.
import { spawn, type ChildProcess } from 'node:child_process'

/** Monotonic milliseconds, comparable across processes on one machine (CLOCK_MONOTONIC). */
export const monoMs = () => Number(process.hrtime.bigint()) / 1e6

const SOURCE = `
const http = require('node:http')
const [port, path, n] = [Number(process.argv[1]), process.argv[2], Number(process.argv[3])]
const mono = () => Number(process.hrtime.bigint()) / 1e6
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
const reqs = []; let got = []; let ready = 0
for (let k = 0; k < n; k++) {
  let started = false
  const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
    let buf = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => {
      const at = mono()
      buf += chunk
      let i
      while ((i = buf.indexOf('\\n\\n')) >= 0) {
        const block = buf.slice(0, i); buf = buf.slice(i + 2)
        if (block.includes('event: call')) got.push([/"number":"([^"]+)"/.exec(block)[1], at])
        else if (!started && (block.includes('event: state') || block.startsWith('retry'))) { started = true; if (++ready === n) process.send({ ready: true }) }
      }
    })
    res.on('error', () => undefined)
  })
  req.on('error', (e) => { process.send({ error: e.message }) })
  reqs.push(req)
}
process.on('message', (m) => {
  if (m === 'collect') { process.send({ got }); got = [] }
  if (m === 'close') { for (const r of reqs) r.destroy(); process.disconnect() }
})`

export interface Boards { count: number; processes: ChildProcess[] }

/** `n` boards on `path`, spread over `processes` child processes; resolves when every board has its first event. */
export async function connectBoards(port: number, path: string, n: number, processes: number): Promise<Boards> {
  const children = Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(n / processes) + (i < n % processes ? 1 : 0)
    return spawn(process.execPath, ['-e', SOURCE, String(port), path, String(share)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  })
  await Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
    c.on('message', (m: { ready?: boolean; error?: string }) => {
      if (m.ready) resolve()
      if (m.error) reject(new Error(`board: ${m.error}`))
    })
    c.once('exit', (code) => reject(new Error(`board process exited (${code})`)))
  })))
  return { count: n, processes: children }
}

/** Every call event the boards received since the last collection: [ticket number, monotonic ms]. */
export async function collect(boards: Boards): Promise<[string, number][]> {
  const parts = await Promise.all(boards.processes.map((c) => new Promise<[string, number][]>((resolve) => {
    const on = (m: { got?: [string, number][] }) => { if (m.got) { c.off('message', on); resolve(m.got) } }
    c.on('message', on)
    c.send('collect')
  })))
  return parts.flat()
}

export function closeBoards(boards: Boards): void {
  for (const c of boards.processes) { c.removeAllListeners('exit'); if (c.connected) c.send('close') }
}
