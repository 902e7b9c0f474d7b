// The API's shapes for the pages, read by path and method from the generated ./api.gen.ts (`npm run openapi:types`),
// so a field the server renames or drops fails the web type-check. Path-based on purpose: it keeps working whether
// or not the document names its components.
import type { Paths } from './api.gen'

export type { Paths }
export type ApiPath = keyof Paths
export type ApiMethod<P extends ApiPath> = keyof Paths[P] & string

type Operation<P extends ApiPath, M extends ApiMethod<P>> = Paths[P][M]
type Responses<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M> extends { responses: infer R } ? R : never
type SuccessStatus = '200' | '201' | '202' | '204'
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : R extends { content: object } ? void : never

/** The JSON a successful answer carries (200/201/202; void for a 204), or the one of status S. */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>, S extends keyof Responses<P, M> = Extract<keyof Responses<P, M>, SuccessStatus>> =
  Json<Responses<P, M>[S]>

/** The JSON request body. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never

/** The query string's parameters. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never

/** The element type of an array (for a row of a list answer). */
export type Row<A> = A extends readonly (infer T)[] ? T : never
