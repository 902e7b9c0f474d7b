// Reads the one file of a multipart request. A body that is not multipart, has no file or cannot be parsed is a
// 400 naming body.file; a file over the limit a 413 (payload_too_large).
import type { FastifyRequest } from 'fastify'
import { AppError, errors } from '../../domain/errors.js'
import { MAX_FILE_BYTES } from './files.service.js'

export async function readUpload(req: FastifyRequest, what = '一个文件'): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw errors.validation([{ field: 'body.file', message: `请用 multipart/form-data 上传${what}` }])
  try {
    const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } })
    if (!part) throw errors.validation([{ field: 'body.file', message: '缺少文件' }])
    return { fileName: part.filename, data: await part.toBuffer() }
  } catch (e) {
    if (e instanceof AppError || (e as { statusCode?: number }).statusCode === 413) throw e
    throw errors.validation([{ field: 'body.file', message: `无法读取上传的文件 (${(e as Error).message})` }])
  }
}
