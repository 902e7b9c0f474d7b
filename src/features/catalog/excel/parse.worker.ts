// Worker thread body: parses each uploaded catalog workbook it is sent (parse.ts) and posts back what it found.
import { parentPort } from 'node:worker_threads'
import { parseCatalog } from './parse.js'

parentPort!.on('message', async ({ id, data }: { id: number; data: Uint8Array }) => {
  const result = await parseCatalog(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  parentPort!.postMessage({ id, result })
})
