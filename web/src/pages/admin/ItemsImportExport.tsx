// 导出 Excel, 下载模板 and 导入 Excel. A refused import (400 import_failed) lists every bad cell by sheet, row, column.
import { App, Button, Modal, Table, Upload } from 'antd'
import { useState } from 'react'
import { api, ApiError, errorMessage } from '../../api'
import { t } from '../../i18n'
import type { ApiResponse } from '../../lib/apiTypes'

interface RowProblem { sheet?: string; row?: number; column?: string; field?: string; message: string }
type ImportResult = ApiResponse<'/api/items/import', 'post'>

export const EXPORT_URL = '/api/items/export.xlsx'
export const TEMPLATE_URL = '/api/items/template.xlsx'
export const IMPORT_URL = '/api/items/import'

export function ItemsImportExport({ onImported }: { onImported(): void }) {
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<RowProblem[] | null>(null)
  const { message, modal } = App.useApp()

  async function upload(file: File) {
    const form = new FormData()
    form.append('file', file, file.name)
    setBusy(true)
    try {
      const r = await api.upload<ImportResult>(IMPORT_URL, form)
      message.success(t('items.imported', { created: r?.created ?? 0, updated: r?.updated ?? 0, unchanged: r?.unchanged ?? 0 }))
      onImported()
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details) && e.details.length) setProblems(e.details as RowProblem[])
      else modal.error({ title: t('items.importFailed'), content: errorMessage(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button href={EXPORT_URL} download>{t('items.export')}</Button>
      <Button href={TEMPLATE_URL} download>{t('items.template')}</Button>
      <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false }}>
        <Button loading={busy}>{t('items.import')}</Button>
      </Upload>
      <Modal open={!!problems} title={t('items.importProblems', { count: problems?.length ?? 0 })} width={760}
        onCancel={() => setProblems(null)} footer={<Button type="primary" onClick={() => setProblems(null)}>{t('common.confirm')}</Button>}>
        <p>{t('items.importNothingSaved')}</p>
        <Table<RowProblem>
          className="import-problems" size="small" rowKey={(p, i) => `${p.sheet}-${p.row}-${p.column}-${i}`}
          dataSource={problems ?? []} pagination={problems && problems.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('items.sheet'), dataIndex: 'sheet', width: 110, render: (s?: string) => s ?? '—' },
            { title: t('items.row'), dataIndex: 'row', width: 60, render: (r?: number) => r ?? '—' },
            { title: t('items.column'), dataIndex: 'column', width: 120, render: (c: string | undefined, p) => c ?? p.field ?? '—' },
            { title: t('items.problem'), dataIndex: 'message' },
          ]}
        />
      </Modal>
    </>
  )
}
