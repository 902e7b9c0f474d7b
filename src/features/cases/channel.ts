// The case's channel columns (migration 0152) from the intake's ask.
import type { ChannelAsk } from '../../domain/channels.js'

export function channelColumns(c: ChannelAsk) {
  return { channel: c.kind, channel_staff_id: c.staffId ?? null, visit_date: c.visitDate ?? null }
}
