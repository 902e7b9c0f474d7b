import { Space } from 'antd'
import type { ReactNode } from 'react'

export function PageHead({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-head">
      <h2>{title}</h2>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  )
}
