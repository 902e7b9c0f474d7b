// A measure's name with its written definition (口径) as a tooltip: the same text as the workbook's 指标口径 sheet
// and the report's annex (src/domain/statistics-measures.ts).
import { QuestionCircleOutlined } from '@ant-design/icons'
import { Tooltip } from 'antd'
import { MEASURE_DEFINITIONS, type MeasureKey } from '../../../../src/domain/statistics-measures'

export function MeasureTitle({ k, label }: { k: MeasureKey; label?: string }) {
  const d = MEASURE_DEFINITIONS[k]
  return (
    <Tooltip title={d.definition}>
      <span data-testid={`measure-${k}`} aria-description={d.definition}>{label ?? d.name} <QuestionCircleOutlined style={{ color: '#8c8c8c' }} /></span>
    </Tooltip>
  )
}
