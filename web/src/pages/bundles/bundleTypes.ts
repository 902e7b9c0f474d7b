// The bundles API as the pages see it (src/features/bundles/bundles.routes.ts): 一件事一次办, read from the generated types.
import type { ApiResponse, Row } from '../../lib/apiTypes'
import type { WithRecords } from '../cases/caseTypes'

export type Bundle = Row<ApiResponse<'/api/bundles', 'get'>['bundles']>
export type BundleField = Row<Bundle['fields']>

type Receipt = ApiResponse<'/api/bundles/cases/{id}', 'get'>
/** What one bundle intake wrote (受理回执): the bundle's own number and query code and one case per item. */
export type BundleReceipt = Omit<Receipt, 'parts'> & { parts: WithRecords<Row<Receipt['parts']>>[] }
