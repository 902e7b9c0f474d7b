// 事项管理 / 事项查询: the item catalog in my jurisdiction. Editors also create, export and import.
import { Button, Input, Select, Space, Table, Tag } from 'antd'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api } from '../../api'
import { PageHead } from '../../components/PageHead'
import { VersionTag } from '../../components/VersionTag'
import { t } from '../../i18n'
import { handlingLabel } from '../../lib/catalog'
import type { Department } from '../../lib/network'
import type { ItemListRow } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import { ItemsImportExport } from './ItemsImportExport'

const PAGE_SIZE = 20

export default function ItemsPage() {
  const { user } = useSession()
  const canEdit = allowed(user.roles, 'catalog.edit')
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const query = {
    q: params.get('q') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    status: params.get('status') ?? 'active',
    page: Number(params.get('page') ?? 1) || 1,
  }
  const items = useLoad((s) => api.get<{ items: ItemListRow[]; total: number }>('/api/items', { ...query, pageSize: PAGE_SIZE }, s),
    [query.q, query.departmentId, query.status, query.page])
  const departments = useLoad((s) => api.get<{ departments: Department[] }>('/api/departments', { status: 'active' }, s).then((r) => r.departments).catch(() => []), [])

  function update(next: Record<string, string | undefined>) {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries({ q: query.q, departmentId: query.departmentId, status: query.status, ...next })) if (v) p.set(k, v)
    setParams(p)
  }

  return (
    <>
      <PageHead
        title={canEdit ? t('menu.items') : t('menu.itemSearch')}
        extra={canEdit && <>
          <ItemsImportExport onImported={items.reload} />
          <Button type="primary" onClick={() => navigate('/app/items/new')}>{t('items.create')}</Button>
        </>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={query.q} defaultValue={query.q} allowClear placeholder={t('items.searchPlaceholder')} style={{ width: 280 }}
          aria-label={t('items.searchPlaceholder')} onSearch={(q) => update({ q: q.trim() || undefined, page: undefined })} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('items.allDepartments')} aria-label={t('items.allDepartments')} style={{ width: 220 }}
          value={query.departmentId ? Number(query.departmentId) : undefined}
          onChange={(v?: number) => update({ departmentId: v ? String(v) : undefined, page: undefined })}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.centerName}）` }))} />
        <Select style={{ width: 140 }} aria-label={t('common.status')} value={query.status} onChange={(status: string) => update({ status, page: undefined })}
          options={[
            { value: 'active', label: t('items.statusActive') }, { value: 'published', label: t('items.statusPublished') },
            { value: 'draft', label: t('items.statusDraft') }, { value: 'retired', label: t('status.retired') },
          ]} />
      </Space>
      <Table<ItemListRow>
        rowKey="id" size="middle" loading={items.loading} dataSource={items.data?.items ?? []} scroll={{ x: 900 }}
        pagination={{
          current: query.page, pageSize: PAGE_SIZE, total: items.data?.total ?? 0, showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }), onChange: (page) => update({ page: String(page) }),
        }}
        columns={[
          { title: t('items.name'), dataIndex: 'name', fixed: 'left', width: 240, render: (name: string, r) => <Link to={`/app/items/${r.id}`}>{name}</Link> },
          { title: t('items.code'), dataIndex: 'code', width: 250, className: 'code-cell' },
          { title: t('item.department'), dataIndex: 'departmentName', width: 150 },
          { title: t('item.itemType'), dataIndex: 'itemType', width: 100 },
          { title: t('item.handlingKind'), dataIndex: 'handlingKind', width: 90, render: (k: string) => handlingLabel(k) },
          {
            title: t('items.versions'), key: 'versions', width: 200,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.status === 'retired' && <Tag>{t('status.retired')}</Tag>}
                {r.publishedVersion !== null && <VersionTag status="published" version={r.publishedVersion} />}
                {r.draftVersion !== null && <VersionTag status="draft" version={r.draftVersion} />}
              </Space>
            ),
          },
        ]}
      />
    </>
  )
}
