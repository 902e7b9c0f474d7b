// How a case was served (办理渠道) and what it cost the applicant in trips: the national rules ask to keep the
// traditional ways for the elderly (国办发〔2020〕45号) and to build up 帮办代办 (国发〔2024〕3号). Pure.
import type { IsoDate } from './calendar.js'
import type { FieldProblem } from './errors.js'

/** window 窗口; village_agency 村代办; assisted 帮办 at the window; accompanied 陪同办 with a staff member; home_visit 上门办. */
export const CHANNELS = ['window', 'village_agency', 'assisted', 'accompanied', 'home_visit'] as const
export type Channel = (typeof CHANNELS)[number]

export const CHANNEL_LABELS: Record<Channel, string> = {
  window: '窗口办理', village_agency: '村代办', assisted: '帮办', accompanied: '陪同办', home_visit: '上门办',
}

export interface ChannelAsk { kind: Channel; staffId?: number; visitDate?: IsoDate }

/** What a channel needs: 陪同办 and 上门办 name the staff member; 上门办 the visit's date (not in the future). */
export function channelProblems(c: ChannelAsk, today: IsoDate): FieldProblem[] {
  const out: FieldProblem[] = []
  if ((c.kind === 'accompanied' || c.kind === 'home_visit') && c.staffId === undefined) out.push({ field: 'body.channel.staffId', message: '陪同办、上门办须填写工作人员' })
  if (c.kind === 'home_visit' && c.visitDate === undefined) out.push({ field: 'body.channel.visitDate', message: '上门办须填写上门日期' })
  if (c.kind !== 'home_visit' && c.visitDate !== undefined) out.push({ field: 'body.channel.visitDate', message: '只有上门办有上门日期' })
  if (c.visitDate !== undefined && c.visitDate > today) out.push({ field: 'body.channel.visitDate', message: '上门日期不能晚于今天' })
  return out
}

/**
 * Trips the applicant made for a case: none when an agent or staff came to them (代办, 上门办); otherwise the item's
 * 到现场次数 (at least the one at intake) plus one per correction handed in and one per 容缺 material brought to
 * the window (mailed or sent electronically: none).
 */
export function tripsOf(c: { channel: Channel; visits: number; corrections: number; windowHandIns: number }): number {
  if (c.channel === 'village_agency' || c.channel === 'home_visit') return 0
  return Math.max(1, c.visits) + c.corrections + c.windowHandIns
}
