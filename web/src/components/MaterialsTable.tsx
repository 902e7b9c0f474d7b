// 申请材料: name, 原件/复印件/电子件, copies, 必需/非必需, and the sample or blank form when there is one.
// On a phone the form and copies share one column and the sample link sits under the name, so nothing scrolls sideways.
import { Grid, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { t } from '../i18n'
import { formLabel, sampleUrl } from '../lib/catalog'
import type { ItemMaterial } from '../lib/types'

const sample = (m: ItemMaterial) => (m.sampleFileId ? <a href={sampleUrl(m.sampleFileId)} download>{t('item.downloadSample')}</a> : null)
const requiredTag = (r: boolean) => (r ? <Tag color="red">{t('item.required')}</Tag> : <Tag>{t('item.optional')}</Tag>)

function nameCell(m: ItemMaterial, withSample: boolean) {
  return (
    <>
      <div>{m.name}{m.deferrable && <Tag color="blue" className="material-deferrable" style={{ marginLeft: 6 }}>{t('items.deferrable')}</Tag>}</div>
      {m.note && <div className="material-note">{m.note}</div>}
      {withSample && m.sampleFileId && <div>{sample(m)}</div>}
    </>
  )
}

const wide: ColumnsType<ItemMaterial> = [
  { title: t('item.materialIndex'), key: 'index', width: 56, render: (_v, _m, i) => i + 1 },
  { title: t('item.materialName'), dataIndex: 'name', render: (_n: string, m) => nameCell(m, false) },
  { title: t('item.materialForm'), dataIndex: 'form', width: 96, render: (f: string) => formLabel(f) },
  { title: t('item.materialCopies'), dataIndex: 'copies', width: 72 },
  { title: t('item.materialRequired'), dataIndex: 'required', width: 96, render: requiredTag },
  { title: t('item.materialSample'), key: 'sample', width: 96, render: (_v, m) => sample(m) ?? '—' },
]

const narrow: ColumnsType<ItemMaterial> = [
  { title: t('item.materialName'), dataIndex: 'name', render: (_n: string, m) => nameCell(m, true) },
  { title: t('item.materialForm'), dataIndex: 'form', width: 84, render: (f: string, m) => t('item.formCopies', { form: formLabel(f), copies: m.copies }) },
  { title: t('item.materialRequired'), dataIndex: 'required', width: 72, render: requiredTag },
]

export function MaterialsTable({ materials }: { materials: ItemMaterial[] }) {
  const screens = Grid.useBreakpoint()
  return (
    <Table<ItemMaterial>
      className="materials-table"
      size="small"
      pagination={false}
      rowKey={(m) => String(m.id ?? m.name)}
      dataSource={materials}
      locale={{ emptyText: t('item.noMaterials') }}
      columns={screens.md === false ? narrow : wide}
    />
  )
}
