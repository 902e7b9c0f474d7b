// 受理地点: the centers that accept the item, district and town centers first with their windows, address, phone
// and hours; each town's village rooms folded under it (a count, opened on demand; in print one line of names).
// Places arrive in tree order (by path), so a village room follows its town.
import { List, Tag } from 'antd'
import { t } from '../i18n'
import type { ItemPlace } from '../lib/types'

interface Group { center: ItemPlace | undefined; villages: ItemPlace[] }

function groups(places: ItemPlace[]): Group[] {
  const out: Group[] = []
  for (const p of places) {
    if (p.level === 'village' && out.length) out[out.length - 1].villages.push(p)
    else if (p.level === 'village') out.push({ center: undefined, villages: [p] })
    else out.push({ center: p, villages: [] })
  }
  return out
}

function Place({ p }: { p: ItemPlace }) {
  return (
    <List.Item.Meta
      title={<>{p.name} {p.forward && <Tag color="purple">{t('item.forwardPlace')}</Tag>}</>}
      description={
        <>
          {p.windows && p.windows.length > 0 && (
            <div>{t('item.windows')}：{p.windows.map((w) => t('item.windowLabel', { number: w.number, name: w.name })).join('、')}</div>
          )}
          {p.address && <div>{t('common.address')}：{p.address}</div>}
          {p.phone && <div>{t('common.phone')}：{p.phone}</div>}
          {p.hours && <div>{t('common.hours')}：{p.hours}</div>}
        </>
      }
    />
  )
}

function Villages({ villages }: { villages: ItemPlace[] }) {
  return (
    <>
      <details className="village-rooms no-print">
        <summary>{t('guide.villageRooms', { count: villages.length })}</summary>
        <ul>
          {villages.map((v) => <li key={v.id}>{v.name}{v.address ? `（${v.address}）` : ''}</li>)}
        </ul>
      </details>
      <div className="print-only">{t('guide.villageRoomsPrint', { names: villages.map((v) => v.name).join('、') })}</div>
    </>
  )
}

export function ItemPlaces({ places }: { places: ItemPlace[] | undefined }) {
  if (!places || places.length === 0) return <>{t('item.placesUnknown')}</>
  return (
    <List
      className="item-places"
      size="small"
      dataSource={groups(places)}
      renderItem={(g) => (
        <List.Item key={g.center?.id ?? `v${g.villages[0].id}`} style={{ display: 'block' }}>
          {g.center && <Place p={g.center} />}
          {g.villages.length > 0 && <Villages villages={g.villages} />}
        </List.Item>
      )}
    />
  )
}
