import { Spin } from 'antd'
import { t } from '../i18n'

export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <Spin />
      <span>{t('app.loading')}</span>
    </div>
  )
}
