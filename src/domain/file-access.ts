// Who may read a stored file (material samples and blank forms). A file belongs to a center; staff read it within
// their jurisdiction, a draft may name only files its author may read, and anyone reads the samples of published
// versions (they are part of the public guide). Because every read is checked, guessing a file id gains nothing.
import { can, covers, type Actor } from './jurisdiction.js'

export interface FileFacts {
  centerPath: string
  createdBy: number | null
  /** named by a material of some version (draft, published or superseded) */
  referenced: boolean
  /** named by a material of a published version of an active item */
  published: boolean
}

export function staffMayRead(actor: Pick<Actor, 'userId' | 'roles' | 'centerPath'>, f: FileFacts): boolean {
  if (f.published) return true
  if (!covers(actor.centerPath, f.centerPath)) return false
  // Inside the jurisdiction: a sample in use, one's own upload, or any upload for those who edit the catalog.
  return f.referenced || f.createdBy === actor.userId || can(actor.roles, 'catalog.edit')
}

/** An upload may be deleted by a catalog editor of its center (or above) while no version names it. */
export function deleteRefusal(actor: Pick<Actor, 'roles' | 'centerPath'>, f: FileFacts): 'outside' | 'in_use' | undefined {
  if (!can(actor.roles, 'catalog.edit') || !covers(actor.centerPath, f.centerPath)) return 'outside'
  if (f.referenced) return 'in_use'
  return undefined
}
