// 受理地点: the centers that accept the item, their windows, address, phone and hours.
import { List, Tag } from 'antd'
import { t } from '../i18n'
import type { ItemPlace } from '../lib/types'

export function ItemPlaces({ places }: { places: ItemPlace[] | undefined }) {
  if (!places || places.length === 0) return <>{t('item.placesUnknown')}</>
  return (
    <List
      className="item-places"
      size="small"
      dataSource={places}
      renderItem={(p) => (
        <List.Item key={p.id}>
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
        </List.Item>
      )}
    />
  )
}
