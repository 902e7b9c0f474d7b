// `/app/items/new` and `/app/items/:id/edit`: the draft form. Saving a published item creates its next draft version.
import { Alert, App, Button, Form, Space } from 'antd'
import { Link, useNavigate, useParams } from 'react-router'
import { api, errorMessage } from '../../api'
import { PageHead } from '../../components/PageHead'
import { PageLoading } from '../../components/PageLoading'
import { t } from '../../i18n'
import { useFormSubmit } from '../../lib/forms'
import type { ItemDetail } from '../../lib/types'
import { useLoad } from '../../lib/useLoad'
import { ItemSections } from '../../components/ItemSections'
import { ItemFormFields, ItemMoreFields } from './ItemFormFields'
import { createBody, draftBody, EMPTY_ITEM, valuesFromVersion, type ItemFormValues } from './itemForm'
import { MaterialsEditor } from './MaterialsEditor'

export default function ItemEditPage() {
  const { id } = useParams()
  const isNew = !id
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [form] = Form.useForm<ItemFormValues>()
  const { busy, error, submit } = useFormSubmit(form)
  const item = useLoad((s) => (id ? api.get<ItemDetail>(`/api/items/${id}`, undefined, s) : Promise.resolve(null)), [id])

  if (item.loading && !item.data) return <PageLoading />
  if (item.error) return <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(item.error) })} />
  const detail = item.data
  const base = detail ? detail.draft ?? detail.published : null
  const initial = base ? valuesFromVersion(base) : EMPTY_ITEM

  const save = (values: ItemFormValues) => submit(async () => {
    if (isNew) {
      const created = await api.post<ItemDetail>('/api/items', createBody(values))
      message.success(t('items.createdDraft'))
      navigate(`/app/items/${created.id}`)
    } else {
      const v = await api.put<{ version: number }>(`/api/items/${id}/draft`, draftBody(values, base?.stepLimits))
      message.success(t('items.draftSaved', { version: v.version }))
      navigate(`/app/items/${id}`)
    }
  })

  if (detail && !detail.editable) {
    // An item outside the editor's reach (a district item opened by a town manager): shown, not offered for editing.
    const shown = detail.draft ?? detail.published
    return (
      <>
        <Link to={`/app/items/${id}`}>{t('items.toDetail')}</Link>
        <PageHead title={shown?.name ?? detail.code} />
        <Alert type="warning" showIcon title={t('items.readOnly', { department: detail.departmentName })} style={{ marginBottom: 16 }} />
        {shown && <ItemSections item={{ ...shown, departmentName: detail.departmentName }} />}
      </>
    )
  }

  const title = isNew ? t('items.create') : detail?.draft ? t('items.editDraftOf', { name: base?.name ?? '', version: detail.draft.version })
    : t('items.newDraftOf', { name: base?.name ?? '' })

  return (
    <>
      <Link to={isNew ? '/app/items' : `/app/items/${id}`}>{t('app.back')}</Link>
      <PageHead title={title} />
      {!isNew && !detail?.draft && <Alert type="info" showIcon title={t('items.newDraftHint')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ItemFormValues> form={form} layout="vertical" initialValues={initial} onFinish={save} scrollToFirstError className="item-form">
        <ItemFormFields isNew={isNew} localCode={detail?.localCode ?? false} />
        <MaterialsEditor />
        <ItemMoreFields />
        <Space className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy}>{t('items.saveDraft')}</Button>
          <Button onClick={() => navigate(isNew ? '/app/items' : `/app/items/${id}`)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  )
}
