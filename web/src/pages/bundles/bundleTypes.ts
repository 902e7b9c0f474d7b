// The bundles API as the pages see it (src/features/bundles/bundles.routes.ts): 一件事一次办.
import type { CaseSummary } from '../cases/caseTypes'

export interface BundleField { key: string; label: string; required: boolean }
export interface Bundle {
  id: number; name: string; description: string; centerId: number; centerName: string; status: string
  fields: BundleField[]
  items: { id: number; name: string; departmentId: number; departmentName: string; level: string; handlingKind: string; promisedDays: number; offered: boolean; deferralDays: number | null }[]
  materials: { name: string; required: boolean; deferrable: boolean; items: { itemId: number; materialId: number }[] }[]
}

/** What one bundle intake wrote (受理回执): the bundle's own number and query code and one case per item. */
export interface BundleReceipt {
  bundle: { id: number; number: string; queryCode: string; name: string }
  parts: (CaseSummary & { commitment?: { dueDate: string; done: boolean; materials: { name: string; received: boolean }[] } })[]
  missing: { name: string; items: string[]; problem: string | null }[]
  fields?: { label: string; value: string }[]
}
