// Ticket rules, pure: numbers (A001), the statuses and the actions between them, queue order and the wait estimate.
import { errors } from './errors.js'

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** A001 … A999, then A1000: the prefix and a daily sequence number of at least three digits. */
export function ticketNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0')
}

export const TICKET_ACTIONS = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  noShow: { from: ['called'], to: 'no_show' },
  transfer: { from: ['called', 'serving'], to: 'waiting' },
  link: { from: ['serving', 'done'], to: null }, // the status stays
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus | null }>

export type TicketActionName = keyof typeof TICKET_ACTIONS

export const STATUS_NAMES: Record<TicketStatus, string> = {
  waiting: '等候中', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号',
}

/** The status after `action`, or a 409 naming the actions allowed now. */
export function nextTicketStatus(status: TicketStatus, action: TicketActionName): TicketStatus {
  const rule = TICKET_ACTIONS[action]
  if (!(rule.from as readonly TicketStatus[]).includes(status)) {
    throw errors.conflict('invalid_transition', `票号当前状态为「${STATUS_NAMES[status]}」，不能执行此操作`, { status, allowedActions: allowedTicketActions(status) })
  }
  return rule.to ?? status
}

export function allowedTicketActions(status: TicketStatus): TicketActionName[] {
  return (Object.keys(TICKET_ACTIONS) as TicketActionName[]).filter((a) => (TICKET_ACTIONS[a].from as readonly TicketStatus[]).includes(status))
}

/**
 * The call order (tickets.priority): checked-in appointments, then the priority lane (老年人/残疾人/孕妇 优先,
 * chosen at the kiosk or marked by staff, 国办发〔2020〕45号 绿色通道), then ordinary walk-ins of the same category.
 */
export const QUEUE_RANK = { appointment: 0, priority: 1, ordinary: 2 } as const
export type QueueLane = keyof typeof QUEUE_RANK
export const LANE_NAMES: Record<QueueLane, string> = { appointment: '预约', priority: '优先', ordinary: '普通' }

export function laneOf(priority: number): QueueLane {
  return priority <= QUEUE_RANK.appointment ? 'appointment' : priority === QUEUE_RANK.priority ? 'priority' : 'ordinary'
}

/** A ticket's place: by lane (QUEUE_RANK), then by arrival; a transfer keeps `queuedAt`. */
export interface QueuePlace { priority: number; queuedAt: Date; id: number }

export function compareQueue(a: QueuePlace, b: QueuePlace): number {
  return a.priority - b.priority || a.queuedAt.getTime() - b.queuedAt.getTime() || a.id - b.id
}

export const DEFAULT_SERVICE_MINUTES = 5

/**
 * Minutes until a ticket with `ahead` people before it is called: the mean of recent service times
 * (default 5 minutes when there are none) times the people ahead, shared by the windows that call the category.
 */
export function estimateWaitMinutes(ahead: number, recentServiceSeconds: readonly number[], windows: number): number {
  if (ahead <= 0) return 0
  const mean = recentServiceSeconds.length
    ? recentServiceSeconds.reduce((s, x) => s + x, 0) / recentServiceSeconds.length / 60
    : DEFAULT_SERVICE_MINUTES
  return Math.ceil((ahead * mean) / Math.max(1, windows))
}

/** What the display board says and speaks: 请A001号到3号窗口办理. */
export function callText(number: string, windowNumber: string): string {
  return `请${number}号到${windowNumber}号窗口办理`
}

/** 138****5678: a phone number for logs and lists. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4) : '*'.repeat(phone.length)
}

/** The display board's 最近叫号: each ticket once, at the window that called it last (input and output newest first). */
export function latestCallPerTicket<T extends { number: string }>(callsNewestFirst: readonly T[], max: number): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (const c of callsNewestFirst) {
    if (seen.has(c.number)) continue
    seen.add(c.number)
    out.push(c)
    if (out.length === max) break
  }
  return out
}
