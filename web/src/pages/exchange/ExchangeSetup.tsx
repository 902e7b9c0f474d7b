// The administrator's part of `/app/exchange`: the identifiers the province needs (each center's 区划代码, each
// department's 统一社会信用代码, saved one row at a time) and the import of the district's claimed 实施清单 from a
// file the province exported (national item layout, JSON), or from the province's feed when one is configured.
import { Alert, Button, Card, Input, Space, Table, Upload } from 'antd'
import { useState } from 'react'
import { api, ApiError, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse } from '../../lib/apiTypes'

type CenterId = Identifiers['centers'][number]
type DeptId = Identifiers['departments'][number]
type Identifiers = ApiResponse<'/api/exchange/identifiers', 'get'>
type ImportResult = ApiResponse<'/api/exchange/catalog/import', 'post'>

/** The server's reasons per field (a wrong code names what it should be), or its message. */
const fieldProblems = (e: unknown) => (e instanceof ApiError && Array.isArray(e.details) && e.details.length ? e.details as { field: string; message: string }[] : null)
const explained = <T,>(p: Promise<T>) => p.catch((e: unknown) => {
  const list = fieldProblems(e)
  throw list ? new Error(list.map((x) => x.message).join('；')) : e
})

/** One code in a table cell, saved with its own button (an empty value clears it). */
function CodeCell({ value, label, save }: { value: string | null; label: string; save: (v: string | null) => Promise<boolean> }) {
  const [v, setV] = useState(value ?? '')
  return (
    <Space.Compact>
      <Input aria-label={label} value={v} onChange={(e) => setV(e.target.value.trim())} style={{ width: 220 }} />
      <Button disabled={v === (value ?? '')} onClick={() => void save(v || null)}>{t('exchange.save')}</Button>
    </Space.Compact>
  )
}

export function ExchangeSetup() {
  const ids = useLoad((s) => api.get<{ centers: CenterId[]; departments: DeptId[] }>('/api/exchange/identifiers', undefined, s), [])
  const run = useAction()
  const [result, setResult] = useState<ImportResult | null>(null)
  const [problems, setProblems] = useState<{ field: string; message: string }[] | null>(null)
  const [filter, setFilter] = useState('')
  const centers = ids.data?.centers.filter((c) => c.name.includes(filter))
  const departments = ids.data?.departments.filter((d) => d.name.includes(filter) || d.centerName.includes(filter))

  async function importItems(items?: unknown[], source?: string) {
    setResult(null); setProblems(null)
    try {
      setResult(await api.post<ImportResult>('/api/exchange/catalog/import', items ? { items, source } : {}))
    } catch (e) {
      setProblems(fieldProblems(e) ?? [{ field: '', message: errorMessage(e) }])
    }
  }
  async function readFile(file: File) {
    try {
      const j = JSON.parse(await file.text()) as unknown
      const items = Array.isArray(j) ? j : (j as { items?: unknown[] }).items
      if (!Array.isArray(items)) throw new Error(t('exchange.import.notList'))
      await importItems(items, `file:${file.name}`)
    } catch (e) {
      setProblems([{ field: file.name, message: errorMessage(e) }])
    }
    return false
  }

  return (
    <>
      <Card title={t('exchange.identifiers')} style={{ marginTop: 16 }} data-testid="identifiers">
        {ids.error ? <Alert type="error" showIcon title={t('error.loadFailed', { message: errorMessage(ids.error) })} /> : null}
        <Input.Search allowClear aria-label={t('exchange.filter')} placeholder={t('exchange.filter')} onSearch={setFilter} onChange={(e) => setFilter(e.target.value.trim())}
          style={{ maxWidth: 320, marginBottom: 12 }} />
        <Table<CenterId> rowKey="id" size="small" pagination={{ pageSize: 10 }} dataSource={centers} scroll={{ x: 700 }} columns={[
          { title: t('exchange.center'), dataIndex: 'name' },
          {
            title: t('exchange.areaCode'), key: 'areaCode', render: (_: unknown, c) => (
              <CodeCell key={`${c.id}:${c.areaCode}`} value={c.areaCode} label={`${c.name} ${t('exchange.areaCode')}`}
                save={(v) => run(() => explained(api.put(`/api/exchange/centers/${c.id}/area-code`, { areaCode: v })), { then: ids.reload })} />
            ),
          },
          { title: t('exchange.recordAreaCode'), dataIndex: 'recordAreaCode', render: (v: string | null) => v ?? t('exchange.none') },
        ]} />
        <Table<DeptId> rowKey="id" size="small" pagination={{ pageSize: 10 }} dataSource={departments} scroll={{ x: 700 }} style={{ marginTop: 16 }} columns={[
          { title: t('exchange.department'), dataIndex: 'name' },
          { title: t('exchange.center'), dataIndex: 'centerName' },
          {
            title: t('exchange.creditCode'), key: 'creditCode', render: (_: unknown, d) => (
              <CodeCell key={`${d.id}:${d.creditCode}`} value={d.creditCode} label={`${d.name} ${t('exchange.creditCode')}`}
                save={(v) => run(() => explained(api.put(`/api/exchange/departments/${d.id}/credit-code`, { creditCode: v })), { then: ids.reload })} />
            ),
          },
        ]} />
      </Card>
      <Card title={t('exchange.import.title')} style={{ marginTop: 16 }} data-testid="catalog-import">
        <p>{t('exchange.import.hint')}</p>
        <Space wrap>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(f) => readFile(f)}>
            <Button type="primary">{t('exchange.import.file')}</Button>
          </Upload>
          <Button onClick={() => void importItems()}>{t('exchange.import.feed')}</Button>
        </Space>
        {result && (
          <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="import-result"
            title={t('exchange.import.done', { created: result.created, updated: result.updated, unchanged: result.unchanged, retired: result.retired, skipped: result.skippedByWatermark })} />
        )}
        {problems && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="import-problems" title={t('exchange.import.failed')}
            description={<ul>{problems.slice(0, 50).map((p, i) => <li key={i}>{p.field ? `${p.field}：` : ''}{p.message}</li>)}</ul>} />
        )}
      </Card>
    </>
  )
}
