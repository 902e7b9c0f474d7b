// Browse the guide by center, by department or by theme; the choice lives in the URL.
import { Segmented, Select, Space, Tag } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import { levelLabel } from '../../lib/catalog'
import type { PublicCenter, PublicDepartment, PublicTheme } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'

export type BrowseBy = 'center' | 'department' | 'theme'
export interface BrowseValue { by: BrowseBy; centerId?: string; departmentId?: string; theme?: string }

/** A public list for the pickers; a failure leaves the picker empty rather than breaking the search. */
const list = <T,>(load: () => Promise<T[]>): Promise<T[]> => load().catch(() => [])

export function GuideBrowse({ value, onChange }: { value: BrowseValue; onChange(v: BrowseValue): void }) {
  const centers = useLoad((s) => list(() => api.get<{ centers: PublicCenter[] }>('/api/public/centers', undefined, s).then((r) => r.centers)), [])
  const departments = useLoad((s) => list(() => api.get<{ departments: PublicDepartment[] }>('/api/public/departments', undefined, s).then((r) => r.departments)), [])
  const themes = useLoad((s) => list(() => api.get<{ themes: PublicTheme[] }>('/api/public/themes', undefined, s).then((r) => r.themes)), [])

  const towns = (centers.data ?? []).filter((c) => c.level !== 'village')
  const centerOptions = towns.map((town) => ({
    label: town.name,
    options: [town, ...(centers.data ?? []).filter((c) => c.parentId === town.id && c.level === 'village')]
      .map((c) => ({ value: String(c.id), label: c.name })),
  }))

  return (
    <Space orientation="vertical" style={{ width: '100%' }} className="guide-browse">
      <Segmented<BrowseBy>
        block aria-label={t('a11y.browseBy')}
        value={value.by}
        onChange={(by) => onChange({ by })}
        options={[
          { value: 'center', label: t('guide.byCenter') },
          { value: 'department', label: t('guide.byDepartment') },
          { value: 'theme', label: t('guide.byTheme') },
        ]}
      />
      {value.by === 'center' && (
        <Select
          allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} placeholder={t('guide.pickCenter')} aria-label={t('a11y.filterCenter')}
          value={value.centerId} options={centerOptions} loading={centers.loading}
          onChange={(centerId?: string) => onChange({ by: 'center', centerId })}
        />
      )}
      {value.by === 'department' && (
        <Select
          allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} placeholder={t('guide.pickDepartment')} aria-label={t('a11y.filterDepartment')}
          value={value.departmentId} loading={departments.loading}
          options={(departments.data ?? []).filter((d) => d.items > 0).map((d) => ({ value: String(d.id), label: t('guide.departmentOption', { name: d.name, level: levelLabel(d.level), count: d.items }) }))}
          onChange={(departmentId?: string) => onChange({ by: 'department', departmentId })}
        />
      )}
      {value.by === 'theme' && (
        <div className="theme-chips">
          <Tag.CheckableTag checked={!value.theme} onChange={() => onChange({ by: 'theme' })}>{t('guide.allThemes')}</Tag.CheckableTag>
          {(themes.data ?? []).map((th) => (
            <Tag.CheckableTag key={th.theme} checked={value.theme === th.theme} onChange={(on) => onChange({ by: 'theme', theme: on ? th.theme : undefined })}>
              {t('guide.themeOption', { theme: th.theme, count: th.count })}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
    </Space>
  )
}
