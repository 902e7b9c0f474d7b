// A server process seen through its inspector (started with `--inspect=127.0.0.1:<port>`): its memory after a full
// garbage collection (HeapProfiler.collectGarbage, then process.memoryUsage() evaluated inside it), and the delay of
// its event loop over a run (perf_hooks.monitorEventLoopDelay). Without the collection, garbage left by earlier
// requests hides what a few hundred connections cost.
import WebSocket from 'ws'

export interface Memory { rssMiB: number; heapMiB: number; externalMiB: number }

/** One inspector session: `call` sends a DevTools protocol method and resolves with its answer. */
async function session<T>(inspectPort: number, use: (call: (method: string, params?: object) => Promise<{ result?: { result?: { value?: string } } }>) => Promise<T>): Promise<T> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[]
  const ws = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
  let id = 0
  const call = (method: string, params: object = {}) => new Promise<{ result?: { result?: { value?: string } } }>((resolve) => {
    const mine = ++id
    const on = (data: WebSocket.RawData) => { const m = JSON.parse(String(data)); if (m.id === mine) { ws.off('message', on); resolve(m) } }
    ws.on('message', on)
    ws.send(JSON.stringify({ id: mine, method, params }))
  })
  try { return await use(call) } finally { ws.close() }
}

/** A JavaScript expression evaluated in the server process; its string value. */
export function evaluate(inspectPort: number, expression: string): Promise<string> {
  return session(inspectPort, async (call) => {
    const r = await call('Runtime.evaluate', { expression, returnByValue: true })
    return r.result!.result!.value!
  })
}

export async function memoryAfterGc(inspectPort: number): Promise<Memory> {
  await session(inspectPort, async (call) => { await call('HeapProfiler.collectGarbage'); await call('HeapProfiler.collectGarbage') })
  const m = JSON.parse(await evaluate(inspectPort, 'JSON.stringify(process.memoryUsage())')) as { rss: number; heapUsed: number; external: number }
  const mib = (b: number) => b / 1024 / 1024
  return { rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed), externalMiB: mib(m.external) }
}

/** Start measuring the server's event-loop delay (a fresh histogram, 1 ms resolution). */
export async function startLoopDelay(inspectPort: number): Promise<void> {
  await evaluate(inspectPort, `(globalThis.__benchDelay?.disable(), globalThis.__benchDelay = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 }), globalThis.__benchDelay.enable(), 'ok')`)
}

/** The event-loop delay since startLoopDelay: p99 and maximum, ms. */
export async function loopDelay(inspectPort: number): Promise<{ p99: number; max: number }> {
  return JSON.parse(await evaluate(inspectPort, `(globalThis.__benchDelay.disable(), JSON.stringify({ p99: globalThis.__benchDelay.percentile(99) / 1e6, max: globalThis.__benchDelay.max / 1e6 }))`))
}
