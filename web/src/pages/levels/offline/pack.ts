// The room's items with their materials, kept on the device for the offline picker: refreshed at most once a day
// while online (the room's own items and the town's, which the agent carries up).
import { api } from '../../../api'
import { meta, type PackItem } from './store'

const DAY = 24 * 3600_000

export async function refreshPack(roomId: number, townId: number): Promise<void> {
  const at = await meta.get<number>('packAt')
  if (at && Date.now() - at < DAY && (await meta.get<number>('packRoom')) === roomId) return
  type Hit = Omit<PackItem, 'own' | 'materials'>
  const all = async (centerId: number) => {
    const out: Hit[] = []
    for (let page = 1; ; page++) {
      const r = await api.get<{ items: Hit[]; total: number }>('/api/public/items', { centerId, pageSize: 100, page })
      out.push(...r.items)
      if (r.items.length === 0 || out.length >= r.total) return { items: out }
    }
  }
  const [own, up] = await Promise.all([all(roomId), all(townId)])
  const mine = new Set(own.items.map((i) => i.id))
  const list = [...own.items.map((i) => ({ ...i, own: true })), ...up.items.filter((i) => !mine.has(i.id)).map((i) => ({ ...i, own: false }))]
  const items: PackItem[] = []
  for (let i = 0; i < list.length; i += 4) {
    const part = await Promise.all(list.slice(i, i + 4).map((x) => api.get<{ materials: PackItem['materials'] }>(`/api/public/items/${x.id}`)))
    part.forEach((d, j) => items.push({ ...list[i + j], materials: d.materials.map((m) => ({ id: m.id, name: m.name, required: m.required })) }))
  }
  await meta.set('pack', items)
  await meta.set('packRoom', roomId)
  await meta.set('packAt', Date.now())
}

export async function searchPack(q: string): Promise<PackItem[]> {
  const items = (await meta.get<PackItem[]>('pack')) ?? []
  return items.filter((i) => i.name.includes(q)).slice(0, 20)
}

export const findPackItem = async (id: number) => ((await meta.get<PackItem[]>('pack')) ?? []).find((i) => i.id === id)
