// Reads the one file of a multipart request (catalog samples and imports, a case's electronic materials). A body that
// is not multipart, has no file or cannot be parsed is a 400 naming body.file; a file over the limit a 413
// (payload_too_large: with `tooLarge` as its message when given, else the error handler's own). `uploadError` is the
// same mapping for the routes that read fields with their file (standing proxies, a joint extension's approval).
import type { FastifyRequest } from 'fastify'
import { AppError, errors, type FieldProblem } from '../domain/errors.js'

export interface UploadedFile { fileName: string; mimetype: string; data: Buffer }

export interface ReadFileOptions {
  maxBytes: number
  /** What the 400 for a body that is not multipart asks for ('一个文件' unless given). */
  what?: string
  /** The 413's message. */
  tooLarge?: string
}

export async function readOneFile(req: FastifyRequest, o: ReadFileOptions): Promise<UploadedFile> {
  if (!req.isMultipart()) throw errors.validation([{ field: 'body.file', message: `请用 multipart/form-data 上传${o.what ?? '一个文件'}` }])
  try {
    const part = await req.file({ limits: { fileSize: o.maxBytes, files: 1 } })
    if (!part) throw errors.validation([{ field: 'body.file', message: '缺少文件' }])
    return { fileName: part.filename, mimetype: part.mimetype, data: await part.toBuffer() }
  } catch (e) {
    throw uploadError(e, o.tooLarge)
  }
}

/**
 * What to throw when reading a multipart body failed with `e`: an AppError as it is; the parser's 413 with `tooLarge`
 * as its message (or as it is); anything else a 400 with `unreadable(the parser's message)` (by default on body.file).
 */
export function uploadError(e: unknown, tooLarge?: string, unreadable: (message: string) => FieldProblem = (m) => ({ field: 'body.file', message: `无法读取上传的文件 (${m})` })): unknown {
  if (e instanceof AppError) return e
  if ((e as { statusCode?: number }).statusCode === 413) return tooLarge === undefined ? e : errors.tooLarge(tooLarge)
  return errors.validation([unreadable((e as Error).message)])
}
