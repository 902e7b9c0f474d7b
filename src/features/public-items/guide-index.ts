// The public search over published items, answered from memory. The published catalog (thousands of items)
// is loaded once per catalog generation (migration 0006: bumped in the same transaction as any catalog write),
// so a search costs at most one tiny query to read that number (none while LISTEN/NOTIFY vouches for it, see
// src/server/generations.ts) instead of a ranked, counted search in SQL, which bench:items measured at about 3× a
// point lookup. Matching follows src/features/catalog/search.ts, and also takes the items' 俗称 (keywords: 低保, 医保)
// and full pinyin anywhere.
import type { Db } from '../../db/database.js'
import type { Bus } from '../../kernel/bus.js'
import { generations } from '../../kernel/generations.js'
import type { DaysUnit } from '../../domain/deadlines.js'
import type { CenterLevel, HandlingKind } from '../../domain/vocabulary.js'
import { pinyinFull, pinyinInitials } from '../../domain/pinyin.js'
import { isCodeLike, isPinyin } from '../catalog/search.js'
import * as repo from './public-items.repository.js'

export interface ItemSummary {
  id: number; code: string; name: string; itemType: string; departmentId: number; departmentName: string
  handlingKind: HandlingKind; legalDays: number; promisedDays: number; legalDaysUnit: DaysUnit; promisedDaysUnit: DaysUnit; acceptLevel: CenterLevel; decideLevel: CenterLevel
  theme: string; category: string; visits: number
}

interface Entry {
  summary: ItemSummary
  name: string; code: string; basicCode: string; initials: string; pinyin: string
  /** 俗称 as typed (lower-cased), with the full pinyin and initials of each */
  keywords: { text: string; pinyin: string; initials: string }[]
  centers: Set<number>
}

export interface GuideQuery { terms: string[]; centerId?: number; departmentId?: number; theme?: string; limit: number; offset: number }

function loadEntries(db: Db) {
  // One snapshot: the generation number read matches the rows read.
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const generation = await repo.catalogGeneration(trx)
    const rows = await repo.searchablePublished(trx)
    const entries: Entry[] = rows.map(({ basicCode, initials, pinyin, centers, keywords, ...summary }) => ({
      summary, name: summary.name.toLowerCase(), code: summary.code.toLowerCase(), basicCode: basicCode.toLowerCase(),
      initials, pinyin, centers: new Set(centers),
      keywords: keywords.map((k) => ({ text: k.toLowerCase(), pinyin: pinyinFull(k), initials: pinyinInitials(k) })),
    }))
    return { generation, entries }
  })
}

interface Term { text: string; code: boolean; pinyin: boolean }

/** A term matches a 俗称 it is part of; in pinyin, part of its full pinyin or all of its initials. */
function keywordMatches(e: Entry, t: Term): boolean {
  return e.keywords.some((k) => k.text.includes(t.text) || (t.pinyin && (k.pinyin.includes(t.text) || k.initials === t.text)))
}

function matches(e: Entry, t: Term): boolean {
  if (e.name.includes(t.text)) return true
  if (t.code && (e.code.includes(t.text) || e.basicCode.includes(t.text))) return true
  if (t.pinyin && (e.initials.includes(t.text) || e.pinyin.includes(t.text))) return true
  return keywordMatches(e, t)
}

/** 0 exact code or name, 1 prefix of code, name or initials, 2 anything else: best matches first. */
function rank(e: Entry, term: string | undefined): number {
  if (term === undefined) return 0
  if (e.code === term || e.name === term || e.keywords.some((k) => k.text === term)) return 0
  if (e.code.startsWith(term) || e.name.startsWith(term) || e.initials.startsWith(term)) return 1
  return 2
}

interface Loaded { generation: number; entries: Entry[]; ids: Set<number> }

export class GuideIndex {
  private loaded?: Loaded
  private loading?: Promise<Loaded>

  constructor(private db: Db, private bus?: Bus) {}

  /** The entries of the current catalog generation (or a newer one), loaded once per generation. */
  async current(): Promise<Loaded> {
    const generation = await generations(this.db, this.bus).catalog.current()
    return this.atLeast(generation)
  }

  private async atLeast(generation: number): Promise<Loaded> {
    if (this.loaded && this.loaded.generation >= generation) return this.loaded
    this.loading ??= loadEntries(this.db).then((l) => {
      const withIds = { ...l, ids: new Set(l.entries.map((e) => e.summary.id)) }
      if (!this.loaded || l.generation >= this.loaded.generation) this.loaded = withIds
      return withIds
    }).finally(() => { this.loading = undefined })
    const l = await this.loading
    return l.generation >= generation ? l : this.atLeast(generation) // that load started before this generation committed
  }

  /** Whether the item is published, when the index of `generation` (or newer) is in memory; else undefined, and the
   * index loads in the background (a page must not wait for the whole catalog after every edit). */
  knownPublished(generation: number, itemId: number): boolean | undefined {
    if (this.loaded && this.loaded.generation >= generation) return this.loaded.ids.has(itemId)
    this.atLeast(generation).catch(() => undefined)
    return undefined
  }

  async search(q: GuideQuery): Promise<{ items: ItemSummary[]; total: number }> {
    const { entries } = await this.current()
    const first = q.terms[0]
    const terms: Term[] = q.terms.map((text) => ({ text, code: isCodeLike(text), pinyin: isPinyin(text) }))
    const hits: { e: Entry; r: number }[] = []
    outer: for (const e of entries) {
      if (q.departmentId !== undefined && e.summary.departmentId !== q.departmentId) continue
      if (q.theme !== undefined && e.summary.theme !== q.theme) continue
      if (q.centerId !== undefined && !e.centers.has(q.centerId)) continue
      for (const t of terms) if (!matches(e, t)) continue outer
      hits.push({ e, r: rank(e, first) })
    }
    hits.sort((a, b) => a.r - b.r) // stable: entries are already in code order
    return { items: hits.slice(q.offset, q.offset + q.limit).map((h) => h.e.summary), total: hits.length }
  }
}

const indexes = new WeakMap<Db, GuideIndex>()
/** One index per database handle. Without a bus (tests, scripts) every search re-reads the generation number. */
export function guideIndex(db: Db, bus?: Bus): GuideIndex {
  let index = indexes.get(db)
  if (!index) indexes.set(db, (index = new GuideIndex(db, bus)))
  return index
}
