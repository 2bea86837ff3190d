// Multipart uploads: a parser for forms and API calls that carry files, and its errors as field
// messages. The attachments feature stores what it parses.
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import type { Config } from '../config.ts';
import { ValidationError } from './errors.ts';
import { cleanBody } from './input.ts';

/** Megabytes for messages: 10485760 → 10. */
export const megabytes = (bytes: number): number => Number((bytes / (1024 * 1024)).toPrecision(2));

/** Maps what multer and busboy throw to a 400 that names the form field. */
function uploadError(err: unknown, field: string, maxCount: number, config: Config): ValidationError {
  const e = err as { code?: string; field?: string };
  const fail = (key: string, params?: Record<string, unknown>) =>
    new ValidationError({ [field]: params ? { key, params } : { key } });
  if (e.code === 'LIMIT_FILE_SIZE') return fail('attachments.too_large', { max: megabytes(config.attachmentMaxBytes) });
  if (e.code === 'LIMIT_FILE_COUNT' || (e.code === 'LIMIT_UNEXPECTED_FILE' && e.field === field)) {
    return maxCount === 1 ? fail('attachments.one_file') : fail('attachments.too_many', { max: maxCount });
  }
  if (e.code === 'LIMIT_UNEXPECTED_FILE') return fail('attachments.required');
  // Too many fields is the whole form's fault, not the file field's: a message for the form.
  if (e.code === 'LIMIT_FIELD_COUNT' || e.code === 'LIMIT_PART_COUNT')
    return new ValidationError({}, 'attachments.too_many_fields');
  return fail('attachments.invalid_upload');
}

/** How many non-file fields a multipart body may carry unless its form says otherwise. */
export const DEFAULT_MAX_FIELDS = 50;

/**
 * Parses a multipart body into memory: up to `maxCount` files of at most ATTACHMENT_MAX_BYTES in
 * `field` (req.files), other fields in req.body. Pages with an upload form use it too; their
 * form posts to `action?_csrf=<token>`, since the body is read after the CSRF check. A form with
 * more fields than DEFAULT_MAX_FIELDS (rows of items, say) gives its own `maxFields`.
 */
export function uploadParser(
  config: Config,
  field = 'file',
  maxCount = 1,
  options: { maxFields?: number } = {},
): RequestHandler {
  const maxFields = options.maxFields ?? DEFAULT_MAX_FIELDS;
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send names as raw UTF-8.
    defParamCharset: 'utf8',
    limits: {
      fileSize: config.attachmentMaxBytes,
      files: maxCount,
      fields: maxFields,
      fieldSize: 200_000,
      parts: maxCount + maxFields,
    },
  }).array(field, maxCount);
  return (req, res, next) =>
    parse(req, res, (err?: unknown) =>
      err ? next(uploadError(err, field, maxCount, config)) : cleanBody(req, res, next),
    );
}

/** The uploaded files of a request parsed by uploadParser. */
export const uploadedFiles = (req: Request): Express.Multer.File[] => (Array.isArray(req.files) ? req.files : []);
