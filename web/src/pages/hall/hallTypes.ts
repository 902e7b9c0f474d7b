// Types of the hall API as the pages use them.
export interface KioskInfo {
  centerId: number; centerName: string; today: string; opens: string; lunchStarts: string | null; lunchEnds: string | null; closes: string; hours: string; notice: string
  open: boolean; closedReason: string | null; closedMessage: string | null
  categories: { id: number; prefix: string; name: string; status: string; waiting: number; items: { id: number; name: string }[] }[]
}

export interface IssuedTicket {
  id: number; number: string; ahead: number; estimatedWaitMinutes: number; token: string
  categoryName: string; centerName: string; issuedAt: string; appointment: boolean
}

export interface TimelineEntry { at: string; action: string; windowNumber: string | null; staffName: string | null; data: Record<string, unknown> }

export interface HallTicket {
  id: number; number: string; status: string; calls: number; caseRef: string | null; windowId: number | null
  issuedAt: string; calledAt: string | null; startedAt: string | null; timeline: TimelineEntry[]
}

export interface Panel {
  window: { id: number; number: string; name: string; status: string; centerId: number; centerName: string }
  current: HallTicket | null
  categories: { id: number; prefix: string; name: string; waiting: number }[]
  allCategories: { id: number; prefix: string; name: string }[]
  otherWindows: { id: number; number: string; name: string }[]
  maxCalls: number
}

export interface CallData { number: string; windowName: string; windowNumber: string; at: string; text: string; recall?: boolean }

export interface HallSetup {
  centerId: number; centerName: string; today: string; opens: string; lunchStarts: string | null; lunchEnds: string | null; closes: string; hours: string; closed: boolean; notice: string; maxCalls: number; slotMinutes: number
  categories: { id: number; prefix: string; name: string; status: string; slotCapacity: number; items: { id: number; name: string }[] }[]
  windows: { id: number; number: string; name: string; status: string; categoryIds: number[] }[]
}

export interface StatsRow {
  key: string | null; label: string; tickets: number; served: number; noShows: number
  avgWaitSeconds: number | null; p90WaitSeconds: number | null; avgServiceSeconds: number | null
}

export const minutes = (s: number | null) => (s === null ? '—' : (s / 60).toFixed(1))
