// Worker thread body: parses each uploaded catalog workbook it is sent (parse.ts) and posts back what it found,
// the items in chunks so that the main thread never spends long on one message.
import { parentPort } from 'node:worker_threads'
import { parseCatalog } from './parse.js'

export const CHUNK = 500

parentPort!.on('message', async ({ id, data }: { id: number; data: Uint8Array }) => {
  const { items, problems } = await parseCatalog(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  for (let i = 0; i < items.length; i += CHUNK) parentPort!.postMessage({ id, items: items.slice(i, i + CHUNK) })
  parentPort!.postMessage({ id, problems, done: true })
})
