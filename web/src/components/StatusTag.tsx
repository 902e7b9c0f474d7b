import { Tag } from 'antd'
import { statusTag } from '../lib/network'

export function StatusTag({ status }: { status: string }) {
  const s = statusTag(status)
  return <Tag color={s.color}>{s.text}</Tag>
}
