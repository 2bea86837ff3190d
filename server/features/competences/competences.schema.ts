// What the competence repertory takes: a code, the catalogue's and the API's queries, and the rows
// of an import (a profile, an area of activity, a competence), each field named in its messages.
// In an import a field left out keeps the value stored (a new row starts empty); a profile or area
// named only by its code must already exist.
import { z } from 'zod';
import { msg } from '../../core/validation.ts';

/** What a repertory code looks like (the tables' CHECK says the same): SPI.ACC.01, OPI, OPI.ACC. */
export const COMPETENCE_CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
/** The largest file an admin may import (its text travels again in the apply form). */
export const IMPORT_MAX_BYTES = 300_000;
export const IMPORT_FORMATS = ['json', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The CSV's columns, one row per competence (a row with no `code` names only its profile and area). */
export const CSV_COLUMNS = [
  'profile_code',
  'profile_title',
  'profile_description',
  'area_code',
  'area_title',
  'area_description',
  'code',
  'title',
  'description',
  'knowledge',
  'skills',
  'eqf_level',
  'esco_uri',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['profile_code', 'area_code', 'code'];

const ONE_LINE = /^[^\p{Cc}]*$/u;
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const emptyToNull = (v: unknown) =>
  v === '' || v === undefined ? null : typeof v === 'string' && v.trim() === '' ? null : v;

export const competenceCode = z.string(msg('competence_code')).trim().regex(COMPETENCE_CODE, msg('competence_code'));

const title = (max: number) =>
  z
    .string(msg('competence_title'))
    .trim()
    .min(1, msg('competence_title'))
    .max(max, msg('competence_title'))
    .regex(ONE_LINE, msg('competence_title'));
const longText = (max: number) => z.preprocess(lf, z.string(msg('invalid')).trim().max(max));
/** Knowledge and skills: one item per line; a list in JSON, or items split by " | " in a CSV cell. */
const itemList = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v
          .map((x) => String(x).trim())
          .filter(Boolean)
          .join('\n')
      : typeof v === 'string'
        ? v
            .replace(/\r\n?/g, '\n')
            .split(/\n| \| /)
            .map((s) => s.trim())
            .filter(Boolean)
            .join('\n')
        : v,
  z.string(msg('invalid')).max(5000),
);
const eqfLevel = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim())) : v),
  z
    .number(msg('competence_eqf'))
    .int(msg('competence_eqf'))
    .min(1, msg('competence_eqf'))
    .max(8, msg('competence_eqf'))
    .nullable(),
);
const escoUri = z.preprocess(
  emptyToNull,
  z
    .string(msg('competence_esco'))
    .trim()
    .max(500, msg('competence_esco'))
    .regex(/^https?:\/\/data\.europa\.eu\/esco\/[\w.~:/?#@!$&'()*+,;=%-]+$/, msg('competence_esco'))
    .nullable(),
);

/** A profile or an area: its title and description may be left out when it exists already. */
export const parentRowSchema = z.object({
  code: competenceCode,
  title: title(200).optional(),
  description: longText(2000).optional(),
});
export type ParentRow = z.infer<typeof parentRowSchema>;

export const competenceRowSchema = z.object({
  code: competenceCode,
  title: title(300),
  description: longText(5000).optional(),
  knowledge: itemList.optional(),
  skills: itemList.optional(),
  eqfLevel: eqfLevel.optional(),
  escoUri: escoUri.optional(),
});
export type CompetenceRowInput = z.infer<typeof competenceRowSchema>;

/** An uploaded file's text: UTF-8, or Windows-1252 (a CSV saved by a spreadsheet with an Italian locale). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The admin page's form: the file's text, and its format (the preview's apply form) or its name (an upload). */
export const importFormSchema = z.object({
  format: z.preprocess((v) => (v === '' ? undefined : v), z.enum(IMPORT_FORMATS, msg('competence_format')).optional()),
  filename: z.string().max(300).optional(),
  content: z.preprocess(
    (v) => (Buffer.isBuffer(v) ? decodeText(v) : v),
    z.string(msg('competence_file')).min(1, msg('competence_file')).max(IMPORT_MAX_BYTES, msg('competence_file_large')),
  ),
});

const optionalCode = z.preprocess((v) => (v === '' ? undefined : v), competenceCode.optional());
const searchText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string(msg('search_too_long')).trim().max(200, msg('search_too_long')).optional(),
);

/** /competenze: `?q=` words to look for, `?profilo=` one profile's part. */
export const catalogueQuerySchema = z.object({ q: searchText, profilo: optionalCode });

/** /api/v1/competences: `q`, `profile`, and `format` (tree: profiles → areas → competences; flat: a list). */
export const apiQuerySchema = z.object({
  q: searchText,
  profile: optionalCode,
  format: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['tree', 'flat'], msg('competence_api_format')).optional(),
  ),
});
export type ApiQuery = z.infer<typeof apiQuerySchema>;

// The repertory's CSV reader, shared with the training-offer import (server/features/offers).
export { CsvSyntaxError, readCsv } from './competences.csv.ts';
