// The 六公开 of an item version, section by section; shared by the public guide and the staff item page.
import { Card, Descriptions, Steps, Tag } from 'antd'
import type { ReactNode } from 'react'
import { t } from '../i18n'
import { feeText, handlingLabel, levelLabel, procedureSteps, specialLabel, targetLabel, timeLimitText } from '../lib/catalog'
import type { ItemPlace, PublicItem } from '../lib/types'
import { ItemPlaces } from './ItemPlaces'
import { MaterialsTable } from './MaterialsTable'

/** What the sections show: a published item, or a staff page's version with its offerings as the places. */
export type ItemContent = Omit<PublicItem, 'id' | 'code' | 'departmentId' | 'version' | 'centers'> & { centers?: ItemPlace[] }

function Section({ title, children }: { title: string; children: ReactNode }) {
  return <Card className="guide-section" size="small" title={title}>{children}</Card>
}

const text = (s: string | undefined) => (s && s.trim() ? <div className="pre-line">{s}</div> : t('common.none'))

export function ItemSections({ item: it }: { item: ItemContent }) {
  const steps = procedureSteps(it.procedure)
  return (
    <>
      <Section title={t('item.content')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('item.itemType')}>{it.itemType}</Descriptions.Item>
          <Descriptions.Item label={t('item.handlingKind')}>{handlingLabel(it.handlingKind)}</Descriptions.Item>
          <Descriptions.Item label={t('item.department')}>{it.departmentName}</Descriptions.Item>
          {it.implementingBody && <Descriptions.Item label={t('item.implementingBody')}>{it.implementingBody}</Descriptions.Item>}
          {it.basicCode && <Descriptions.Item label={t('item.basicCode')}>{it.basicCode}</Descriptions.Item>}
          {it.keywords && it.keywords.length > 0 && <Descriptions.Item label={t('item.keywords')}><span data-testid="item-keywords">{it.keywords.map((k) => <Tag key={k}>{k}</Tag>)}</span></Descriptions.Item>}
          {it.targets && it.targets.length > 0 && <Descriptions.Item label={t('item.targets')}>{it.targets.map(targetLabel).join('、')}</Descriptions.Item>}
          <Descriptions.Item label={t('item.levels')}>{t('item.levelsText', { accept: levelLabel(it.acceptLevel), decide: levelLabel(it.decideLevel) })}</Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('item.procedure')}>
        {steps.length ? <Steps orientation="vertical" size="small" current={-1} items={steps.map((s) => ({ title: s }))} /> : t('common.none')}
      </Section>
      <Section title={t('item.conditions')}>{text(it.conditions)}</Section>
      <Section title={t('item.materials')}><MaterialsTable materials={it.materials ?? []} /></Section>
      <Section title={t('item.timeLimit')}><strong className="time-limit">{timeLimitText(it.legalDays, it.promisedDays)}</strong></Section>
      <Section title={t('item.fees')}>{feeText(it.fees)}</Section>
      <Section title={t('item.result')}>{text(it.result)}</Section>
      <Section title={t('item.visits')}>{it.visits === 0 ? t('item.visitsZero') : t('item.visitsN', { n: it.visits })}</Section>
      <Section title={t('item.places')}><ItemPlaces places={it.centers} /></Section>
      <Section title={t('item.phones')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('item.consultPhone')}>{it.consultPhone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('item.complaintPhone')}>{it.complaintPhone || '—'}</Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('item.legalBasis')}>{text(it.legalBasis)}</Section>
      <Section title={t('item.special')}>
        {it.specialProcedures && it.specialProcedures.length
          ? <>{it.specialProcedures.map((s) => <Tag key={s}>{specialLabel(s)}</Tag>)}<div className="hint">{t('item.specialHint')}</div></>
          : t('common.none')}
      </Section>
    </>
  )
}
