// Shapes the web app reads from the public and catalog APIs: the generated schema (./api.gen.ts), read by path.
import type { ApiResponse, Row } from './apiTypes'

export type PublicCenter = Row<ApiResponse<'/api/public/centers', 'get'>['centers']>
/** GET /api/public/departments → { departments: PublicDepartment[] } (items: published item count). */
export type PublicDepartment = Row<ApiResponse<'/api/public/departments', 'get'>['departments']>
/** GET /api/public/themes → { themes: PublicTheme[] }. */
export type PublicTheme = Row<ApiResponse<'/api/public/themes', 'get'>['themes']>

export type ItemSummary = Row<ApiResponse<'/api/public/items', 'get'>['items']>
export type PublicItem = ApiResponse<'/api/public/items/{id}', 'get'>
export type ItemMaterial = Row<PublicItem['materials']>
export type Fees = PublicItem['fees']
/**
 * 受理地点: a center that accepts the item (forward: it accepts and 上报 to the deciding level), with its windows.
 * The places list's own props: a public item's centers or, on the staff pages, the item's offerings (no windows).
 */
export type ItemPlace = Pick<Row<PublicItem['centers']>, 'id' | 'name' | 'level' | 'forward'> & Partial<Row<PublicItem['centers']>>

// ---- staff catalog (src/features/catalog/items.schemas.ts)

export type ItemListRow = Row<ApiResponse<'/api/items', 'get'>['items']>
export type ItemDetail = ApiResponse<'/api/items/{id}', 'get'>
export type VersionOut = NonNullable<ItemDetail['published']>
export type VersionSummary = Row<ItemDetail['versions']>
export type VersionStatus = VersionSummary['status']
export type Offering = Row<ItemDetail['offerings']>
