// `/guide` (and `/app/guide`): search the published items by name, code or pinyin initials, or browse them.
import { Alert, Card, Empty, Input, List, Pagination, Space, Tag, Typography } from 'antd'
import { Link, useSearchParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { handlingLabel, timeLimitText } from '../../lib/catalog'
import type { ItemSummary } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'
import { GuideBrowse, type BrowseBy, type BrowseValue } from './GuideBrowse'
import { useGuideBase } from './guideBase'

const PAGE_SIZE = 20

export default function GuidePage() {
  const base = useGuideBase()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const browse: BrowseValue = {
    by: (params.get('by') as BrowseBy | null) ?? 'center',
    centerId: params.get('centerId') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    theme: params.get('theme') ?? undefined,
  }
  const page = Number(params.get('page') ?? 1) || 1

  const results = useLoad((signal) => api.get<{ items: ItemSummary[]; total: number }>('/api/public/items', {
    q, centerId: browse.centerId, departmentId: browse.departmentId, theme: browse.theme, page, pageSize: PAGE_SIZE,
  }, signal), [q, browse.centerId, browse.departmentId, browse.theme, page])

  function update(next: Record<string, string | undefined>) {
    const p = new URLSearchParams()
    const merged = { q, by: browse.by, centerId: browse.centerId, departmentId: browse.departmentId, theme: browse.theme, ...next }
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v)
    setParams(p)
  }

  return (
    <div className="guide">
      <Typography.Title level={1} style={{ marginTop: 0 }}>{t('guide.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('guide.intro')}</Typography.Paragraph>
      <Input.Search
        key={q}
        className="guide-search"
        size="large"
        defaultValue={q}
        allowClear
        enterButton={t('common.search')}
        placeholder={t('guide.searchPlaceholder')}
        aria-label={t('guide.searchPlaceholder')}
        onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <GuideBrowse
          value={browse}
          onChange={(v) => update({ by: v.by, centerId: v.centerId, departmentId: v.departmentId, theme: v.theme, page: undefined })}
        />
      </Card>
      {results.error ? (
        <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(results.error) })} />
      ) : (
        <>
          <Typography.Text type="secondary" className="guide-total">
            {results.loading ? t('app.loading') : t('guide.found', { total: results.data?.total ?? 0 })}
          </Typography.Text>
          <List
            className="guide-results"
            loading={results.loading}
            dataSource={results.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('guide.noResults')} /> }}
            renderItem={(item) => (
              <List.Item key={item.id}>
                <List.Item.Meta
                  title={<Link to={`${base}/items/${item.id}`}>{item.name}</Link>}
                  description={
                    <Space wrap size={[8, 4]}>
                      <Tag color="blue">{item.itemType}</Tag>
                      <Tag>{handlingLabel(item.handlingKind)}</Tag>
                      <span>{item.departmentName}</span>
                      <span>{item.promisedDays === 0 && item.handlingKind === 'immediate' ? t('guide.onTheSpot') : timeLimitText(item.legalDays, item.promisedDays)}</span>
                      <Typography.Text type="secondary" copyable={false}>{item.code}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
          {(results.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 16, textAlign: 'center' }}
              current={page} pageSize={PAGE_SIZE} total={results.data?.total} showSizeChanger={false} showLessItems
              onChange={(p) => update({ page: String(p) })}
            />
          )}
        </>
      )}
    </div>
  )
}
