// The agent's device store (IndexedDB "yizhan-offline"): intakes waiting to be sent with their photos, the room's
// items for the picker, and the device's identity, sequence and PIN. It belongs to the signed-in agent: the service
// worker deletes the whole database at logout. Survives closing the browser and restarting the phone.
import type { PickerItem } from '../levelsApi'

export type QueueStatus = 'waiting' | 'sent' | 'attention'
export interface QueuedPhoto { name: string; blob: Blob }
export interface QueuedIntake {
  key: string; userId: string; createdAt: number; status: QueueStatus; body: Record<string, unknown> & { requestId: string; offline: OfflineStamp }
  itemName: string; applicantName: string; photos: QueuedPhoto[]; caseId?: number; number?: string; error?: string; errorCode?: string
}
export interface OfflineStamp { receivedAt: string; deviceNow: string; deviceId: string; offlineNumber: string; queryCode: string }
export type PackItem = PickerItem & { materials: { id: number; name: string; required: boolean }[] }

const DB = 'yizhan-offline'

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1)
    r.onupgradeneeded = () => {
      r.result.createObjectStore('queue', { keyPath: 'key' })
      r.result.createObjectStore('meta')
    }
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
}

async function tx<T>(store: 'queue' | 'meta', mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open()
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(store, mode)
      const req = fn(t.objectStore(store))
      t.oncomplete = () => resolve(req.result)
      t.onerror = t.onabort = () => reject(t.error)
    })
  } finally { db.close() }
}

export const queue = {
  all: async (userId: string) => (await tx<QueuedIntake[]>('queue', 'readonly', (s) => s.getAll())).filter((q) => q.userId === userId).sort((a, b) => a.createdAt - b.createdAt),
  put: (q: QueuedIntake) => tx('queue', 'readwrite', (s) => s.put(q)),
  remove: (key: string) => tx('queue', 'readwrite', (s) => s.delete(key)),
}

/** What would be lost at logout: the intakes on this device not yet on the server (any agent's), and their photos. Never creates the database. */
export async function unsentOnDevice(): Promise<{ intakes: number; photos: number }> {
  if (typeof indexedDB === 'undefined' || !(await indexedDB.databases?.() ?? []).some((d) => d.name === DB)) return { intakes: 0, photos: 0 }
  const left = (await tx<QueuedIntake[]>('queue', 'readonly', (s) => s.getAll())).filter((q) => q.status !== 'sent')
  return { intakes: left.length, photos: left.reduce((n, q) => n + q.photos.length, 0) }
}

/** Intakes on this device that another account recorded and never sent (a disabled agent's phone brought to the town). */
export async function othersOnDevice(userId: string): Promise<QueuedIntake[]> {
  if (typeof indexedDB === 'undefined' || !(await indexedDB.databases?.() ?? []).some((d) => d.name === DB)) return []
  return (await tx<QueuedIntake[]>('queue', 'readonly', (s) => s.getAll())).filter((q) => q.userId !== userId && q.status !== 'sent')
}

export const meta = {
  get: <T>(key: string) => tx<T | undefined>('meta', 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  set: (key: string, value: unknown) => tx('meta', 'readwrite', (s) => s.put(value, key)),
}

const CODE_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const random = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => CODE_CHARS[b % CODE_CHARS.length]).join('')

/** The next offline number (OFL-<device>-<seq>) and a query code for the slip, both kept by the server. */
export async function nextOfflineNumber(): Promise<{ deviceId: string; offlineNumber: string; queryCode: string }> {
  let deviceId = await meta.get<string>('deviceId')
  if (!deviceId) { deviceId = random(6); await meta.set('deviceId', deviceId) }
  const seq = ((await meta.get<number>('seq')) ?? 0) + 1
  await meta.set('seq', seq)
  return { deviceId, offlineNumber: `OFL-${deviceId}-${seq}`, queryCode: random(6) }
}

async function digest(text: string): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The short PIN that reopens the agent's page offline (only its salted hash is kept). */
export const pin = {
  async set(userId: string, value: string) { const salt = random(12); await meta.set(`pin:${userId}`, { salt, hash: await digest(salt + value) }) },
  async isSet(userId: string) { return (await meta.get(`pin:${userId}`)) !== undefined },
  async check(userId: string, value: string) {
    const p = await meta.get<{ salt: string; hash: string }>(`pin:${userId}`)
    return !!p && p.hash === await digest(p.salt + value)
  },
}
