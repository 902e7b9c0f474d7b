// A case's electronic materials (photos and scans): thumbnails that open the stored file, who added each where, the
// "seen on the original paper" mark at the center holding the case, and the camera / file button to add one.
import { Button, Card, Empty, Space, Tag, Typography } from 'antd'
import { useRef } from 'react'
import { api } from '../../api'
import { t } from '../../i18n'
import { downscale } from '../../lib/downscale'
import { dateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useLoad } from '../../lib/useLoad'
import type { ApiResponse, Row } from '../../lib/apiTypes'

export type CaseFile = Row<ApiResponse<'/api/cases/{id}/files', 'get'>['files']>

export async function uploadCaseFile(caseId: number, file: Blob, name: string, caseMaterialId?: number): Promise<CaseFile> {
  const small = await downscale(file, name)
  const form = new FormData()
  form.append('file', small.blob, small.name)
  return api.upload<CaseFile>(`/api/cases/${caseId}/files${caseMaterialId ? `?caseMaterialId=${caseMaterialId}` : ''}`, form)
}

export function CaseFiles({ caseId, canAdd, canMarkSeen }: { caseId: number; canAdd?: boolean; canMarkSeen?: boolean }) {
  const files = useLoad((s) => api.get<{ files: CaseFile[] }>(`/api/cases/${caseId}/files`, undefined, s), [caseId])
  const input = useRef<HTMLInputElement>(null)
  const run = useAction()
  const list = files.data?.files ?? []
  const add = async (picked: FileList | null) => {
    for (const f of Array.from(picked ?? [])) await run(() => uploadCaseFile(caseId, f, f.name), { success: t('files.added', { name: f.name }) })
    if (input.current) input.current.value = ''
    files.reload()
  }
  return (
    <Card size="small" title={t('files.title')} className="case-files" style={{ marginBottom: 12 }}
      extra={canAdd && <>
        <input ref={input} type="file" accept="image/jpeg,image/png,application/pdf" capture="environment" multiple hidden aria-label={t('files.add')} onChange={(e) => void add(e.target.files)} />
        <Button onClick={() => input.current?.click()}>{t('files.add')}</Button>
      </>}>
      {list.length === 0 ? <Empty description={t('files.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Space wrap align="start">
          {list.map((f) => (
            <div key={f.id} className="case-file" data-file={f.name} style={{ width: 150 }}>
              <a href={`/api/cases/${caseId}/files/${f.id}`} target="_blank" rel="noreferrer">
                {f.hasThumb ? <img src={`/api/cases/${caseId}/files/${f.id}/thumb`} alt={f.name} style={{ maxWidth: 150, maxHeight: 150, display: 'block' }} /> : <Tag>{t('files.pdf')}</Tag>}
              </a>
              <Typography.Text ellipsis style={{ display: 'block', maxWidth: 150 }}>{f.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('files.from', { center: f.centerName, at: dateTime(f.uploadedAt) })}</Typography.Text>
              {f.seenOnPaperAt ? <Tag color="green" title={t('files.seenBy', { name: f.seenOnPaperBy ?? '', at: dateTime(f.seenOnPaperAt) })}>{t('files.seen')}</Tag>
                : canMarkSeen && <Button size="small" onClick={() => run(() => api.post(`/api/cases/${caseId}/files/${f.id}/seen-on-paper`), { then: files.reload })}>{t('files.markSeen')}</Button>}
            </div>
          ))}
        </Space>
      )}
    </Card>
  )
}
