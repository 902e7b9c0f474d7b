// `/app/items/:id`: one item: its published version and its draft, the version history, the accepting centers;
// editors open the draft form, publish it, discard it, or retire the item; an administrator marks it 地方事项 or takes the mark off.
import { Alert, Button, Popconfirm, Space, Tabs, Tag, Typography } from 'antd'
import { Link, useNavigate, useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { ItemSections, type ItemContent } from '../../components/ItemSections'
import { PageHead } from '../../components/PageHead'
import { PageLoading } from '../../components/PageLoading'
import { VersionTag } from '../../components/VersionTag'
import { t } from '../../i18n'
import type { ItemDetail, VersionOut } from '../../lib/types'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import { allowed } from '../../menu'
import { useSession } from '../../session'
import { ItemOfferings } from './ItemOfferings'
import { usePublishCheck } from './PublishCheck'
import { VersionsTable } from './VersionsTable'

function content(item: ItemDetail, v: VersionOut): ItemContent {
  return { ...v, departmentName: item.departmentName, centers: item.offerings.map((o) => ({ id: o.centerId, name: o.name, level: o.level, forward: o.kind === 'forward' })) }
}

export default function ItemDetailPage() {
  const { id } = useParams()
  const { user } = useSession()
  const navigate = useNavigate()
  const run = useAction()
  const item = useLoad((s) => api.get<ItemDetail>(`/api/items/${id}`, undefined, s), [id])
  const check = usePublishCheck(Number(id), t('items.publishedOk', { version: item.data?.draft?.version ?? 0 }), item.reload)

  if (item.loading && !item.data) return <PageLoading />
  if (item.error) return <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(item.error) })} />
  const it = item.data!
  const current = it.draft ?? it.published!
  const canPublish = it.editable && !!it.draft && allowed(user.roles, 'catalog.publish')

  const publish = () => check.publish()
  // A draft of an item never published is the whole item: discarding it deletes the item, and the list is where to land.
  const discard = () => run(() => api.delete(`/api/items/${it.id}/draft`), {
    success: it.published ? t('items.draftDiscarded') : t('items.itemDeleted'), failTitle: t('common.failed'),
    then: () => (it.published ? item.reload() : navigate('/app/items', { replace: true })),
  })
  const discardConfirm = it.published ? t('items.discardDraftConfirm', { version: it.draft?.version ?? 0, published: it.published.version }) : t('items.discardFirstConfirm')
  const publishConfirm = it.published ? t('items.publishConfirm', { version: it.draft?.version ?? 0 }) : t('items.publishFirstConfirm', { version: it.draft?.version ?? 0 })
  const retire = () => run(() => api.post(`/api/items/${it.id}/retire`), { success: t('common.retiredOk'), failTitle: t('common.retireFailed'), then: item.reload })
  const switchLocal = () => run(() => api.put(`/api/items/${it.id}/local-code`, { localCode: !it.localCode }), {
    success: it.localCode ? t('item.nationalOk') : t('item.localOk'), failTitle: t('common.failed'), then: item.reload,
  })

  return (
    <>
      {check.dialog}
      <Link to="/app/items">{t('items.backToList')}</Link>
      <PageHead
        title={<>{(it.published ?? current).name} {it.status === 'retired' && <Tag>{t('status.retired')}</Tag>}</>}
        extra={it.editable && <>
          <Button onClick={() => navigate(`/app/items/${it.id}/edit`)}>{it.draft ? t('items.editDraft') : t('items.edit')}</Button>
          {canPublish && (
            <Popconfirm title={publishConfirm} onConfirm={publish}>
              <Button type="primary">{t('items.publish')}</Button>
            </Popconfirm>
          )}
          {it.draft && <Popconfirm title={discardConfirm} onConfirm={discard}><Button danger>{t('items.discardDraft')}</Button></Popconfirm>}
          {!it.draft && <Popconfirm title={t('items.retireConfirm')} onConfirm={retire}><Button danger>{t('common.retire')}</Button></Popconfirm>}
          {user.roles.includes('admin') && (
            <Popconfirm title={it.localCode ? t('item.nationalConfirm') : t('item.localConfirm')} onConfirm={switchLocal}>
              <Button>{it.localCode ? t('item.makeNational') : t('item.makeLocal')}</Button>
            </Popconfirm>
          )}
        </>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('item.codeLabel', { code: it.code })}</Typography.Text>
        <Typography.Text type="secondary">{it.departmentName}</Typography.Text>
        {it.localCode && <Tag>{t('item.localTag')}</Tag>}
        {it.published && <VersionTag status="published" version={it.published.version} />}
        {it.draft && <VersionTag status="draft" version={it.draft.version} />}
      </Space>
      <Tabs
        items={[
          ...(it.published ? [{ key: 'published', label: t('items.tabPublished'), children: <ItemSections item={content(it, it.published)} /> }] : []),
          ...(it.draft ? [{ key: 'draft', label: t('items.tabDraft'), children: <ItemSections item={content(it, it.draft)} /> }] : []),
          { key: 'versions', label: t('items.tabVersions'), children: <VersionsTable versions={it.versions} /> },
          { key: 'offerings', label: t('items.tabOfferings'), children: <ItemOfferings item={it} onSaved={item.reload} /> },
        ]}
      />
    </>
  )
}
