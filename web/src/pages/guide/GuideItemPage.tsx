// `/guide/items/:id`: the 六公开 of one published item (content, procedure, conditions, materials, time limit,
// fees) and where to go, whom to call; printable (the print stylesheet hides the navigation).
import { Alert, Button, Result, Space, Tag, Typography } from 'antd'
import { Link, useParams } from 'react-router'
import { api, ApiError, errorMessage } from '../../api'
import { ItemSections } from '../../components/ItemSections'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { handlingLabel } from '../../lib/catalog'
import type { PublicItem } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'
import { useGuideBase } from './guideBase'

export default function GuideItemPage() {
  const { id } = useParams()
  const base = useGuideBase()
  const item = useLoad((signal) => api.get<PublicItem>(`/api/public/items/${encodeURIComponent(id ?? '')}`, undefined, signal), [id])

  if (item.loading && !item.data) return <PageLoading />
  if (item.error) {
    if (item.error instanceof ApiError && (item.error.status === 404 || item.error.status === 400)) {
      return <Result status="404" title={t('guide.itemNotFound')} extra={<Link to={base}><Button>{t('guide.backToList')}</Button></Link>} />
    }
    return <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(item.error) })} />
  }
  const it = item.data!

  return (
    <article className="guide-item">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Link to={base}>{t('guide.backToList')}</Link>
        <Button onClick={() => window.print()}>{t('common.print')}</Button>
      </Space>
      <h1>{it.name}</h1>
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue">{it.itemType}</Tag>
        <Tag color="green">{handlingLabel(it.handlingKind)}</Tag>
        <Typography.Text type="secondary">{t('item.codeLabel', { code: it.code })}</Typography.Text>
        <Typography.Text type="secondary">{t('item.versionLabel', { version: it.version })}</Typography.Text>
      </Space>
      <ItemSections item={it} />
    </article>
  )
}
