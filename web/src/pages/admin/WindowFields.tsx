// The window form's fields; the departments, items and stand-in offered depend on the window's center.
import { Form, Input, Select } from 'antd'
import { api } from '../../api'
import { t } from '../../i18n'
import type { Department, Staff } from '../../lib/network'
import type { ItemListRow } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'

type ItemRow = Pick<ItemListRow, 'id' | 'name' | 'code'>

export function WindowFields({ isNew, centerOptions, fixedCenterId }: { isNew: boolean; centerOptions: { value: number; label: string }[]; fixedCenterId?: number }) {
  const watched = Form.useWatch<number | undefined>('centerId')
  const centerId = fixedCenterId ?? watched
  const opts = useLoad(async (signal) => {
    if (!centerId) return { departments: [], items: [], staff: [] }
    const [d, i, s] = await Promise.all([
      api.get<{ departments: Department[] }>('/api/departments', { centerId, status: 'active' }, signal),
      api.get<{ items: ItemRow[] }>('/api/items', { centerId, pageSize: 200 }, signal).catch(() => ({ items: [] as ItemRow[] })),
      api.get<{ staff: Staff[] }>('/api/staff', { centerId, status: 'active' }, signal),
    ])
    return { departments: d.departments, items: i.items, staff: s.staff }
  }, [centerId])

  const staff = opts.data?.staff ?? []
  const clerks = staff.filter((s) => s.roles.includes('clerk'))
  return (
    <>
      {isNew && (
        <Form.Item name="centerId" label={t('window.center')} rules={[{ required: true, message: t('form.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={centerOptions} />
        </Form.Item>
      )}
      <Form.Item name="number" label={t('window.number')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9-]+$/, message: t('window.numberPattern') }]}><Input /></Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input placeholder={t('window.namePlaceholder')} /></Form.Item>
      <Form.Item name="status" label={t('common.status')}>
        <Select options={(['open', 'paused', 'closed'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('window.departments')} extra={t('window.departmentsHint')}>
        <Select mode="multiple" loading={opts.loading} showSearch={{ optionFilterProp: 'label' }}
          options={(opts.data?.departments ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.centerName}）` }))} />
      </Form.Item>
      <Form.Item name="itemIds" label={t('window.items')}>
        <Select mode="multiple" loading={opts.loading} showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive"
          options={(opts.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
      </Form.Item>
      <Form.Item name="staffIds" label={t('window.staff')} extra={t('window.staffHint')}>
        <Select mode="multiple" loading={opts.loading} showSearch={{ optionFilterProp: 'label' }} aria-label={t('window.staff')}
          options={staff.map((s) => ({ value: s.id, label: s.windowName ? `${s.name}（${s.username}，${s.windowName}）` : `${s.name}（${s.username}）` }))} />
      </Form.Item>
      {/* AB岗: a stand-in takes the window's work, so only the center's window clerks are offered */}
      <Form.Item name="standInUserId" label={t('window.standIn')} extra={clerks.length || opts.loading ? `${t('window.standInHint')}；${t('window.standInOnlyClerks')}` : t('window.noClerks')}>
        <Select allowClear loading={opts.loading} showSearch={{ optionFilterProp: 'label' }} aria-label={t('window.standIn')} notFoundContent={t('window.noClerks')}
          options={clerks.map((s) => ({ value: s.id, label: `${s.name}（${s.username}）` }))} />
      </Form.Item>
    </>
  )
}
