// 受理中心: the centers that accept the item (direct, or 上报 to the deciding level); editors change the list.
import { Button, List, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { t } from '../../i18n'
import { levelLabel } from '../../lib/catalog'
import { useCenterOptions } from '../../lib/network'
import type { ItemDetail } from '../../lib/types'
import { useAction } from '../../lib/useAction'

export function ItemOfferings({ item, onSaved }: { item: ItemDetail; onSaved(): void }) {
  const [editing, setEditing] = useState<number[] | null>(null)
  const { options, loading } = useCenterOptions()
  const run = useAction()

  if (editing) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select mode="multiple" style={{ width: '100%' }} value={editing} onChange={setEditing} options={options} loading={loading}
          showSearch={{ optionFilterProp: 'label' }} aria-label={t('items.tabOfferings')} />
        <Space>
          <Button type="primary" onClick={() => run(() => api.put(`/api/items/${item.id}/offerings`, { centerIds: editing }), {
            success: t('common.saved'), failTitle: t('common.failed'), then: () => { setEditing(null); onSaved() },
          })}>{t('common.save')}</Button>
          <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    )
  }
  return (
    <>
      <List
        size="small" dataSource={item.offerings} locale={{ emptyText: t('items.noOfferings') }}
        renderItem={(o) => (
          <List.Item key={o.centerId}>
            <Space>
              {o.name}
              <Tag>{levelLabel(o.level)}</Tag>
              {o.kind === 'forward' && <Tag color="purple">{t('items.forwarded')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {item.editable && <Button style={{ marginTop: 12 }} onClick={() => setEditing(item.offerings.map((o) => o.centerId))}>{t('items.editOfferings')}</Button>}
    </>
  )
}
