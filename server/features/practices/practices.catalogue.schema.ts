// What the catalogue takes: the page's filters (Italian names, unknown values ignored, so an old
// link still opens) and the API's (English names, refused with a 400 when wrong), and the export's format.
import { z } from 'zod';
import { CATALOGUE_SORTS, SCORE_THRESHOLDS } from '../../../models/queries/practice-catalogue.ts';
import { ORGANIZATION_KINDS, PRACTICE_THEMES } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';

export { CATALOGUE_SORTS, ORGANIZATION_KINDS, PRACTICE_THEMES, SCORE_THRESHOLDS };

/** The catalogue's page size, and the API's largest. */
export const CATALOGUE_PAGE_SIZE = 12;
export const CATALOGUE_API_MAX = 100;
export const CATALOGUE_QUERY_MAX = 200;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** The page's sort names → the catalogue's. */
export const PAGE_SORTS = {
  recenti: 'newest',
  'piu-riusate': 'most_reused',
  'meglio-valutate': 'best_validated',
  pertinenza: 'relevance',
} as const;
export type PageSort = keyof typeof PAGE_SORTS;

const text = z.string().trim().max(CATALOGUE_QUERY_MAX, msg('practice_catalogue_query_long'));
const scores = SCORE_THRESHOLDS.map(String) as [string, ...string[]];

export const catalogueQuerySchema = z.object({
  q: optional(text).catch(undefined),
  regione: optional(z.string().trim().max(60)).catch(undefined),
  tema: optional(z.enum(PRACTICE_THEMES)).catch(undefined),
  ente: optional(z.enum(ORGANIZATION_KINDS)).catch(undefined),
  riusate: optional(z.enum(['1'])).catch(undefined),
  punteggio: optional(z.enum(scores)).catch(undefined),
  ordine: optional(z.enum(Object.keys(PAGE_SORTS) as [PageSort, ...PageSort[]])).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

export const practiceListQuerySchema = z.object({
  q: optional(text),
  region: optional(z.string().trim().max(60, msg('region'))),
  theme: optional(z.enum(PRACTICE_THEMES, msg('practice_catalogue_theme'))),
  organizationKind: optional(z.enum(ORGANIZATION_KINDS, msg('practice_catalogue_kind'))),
  hasReuses: optional(z.enum(['true', 'false'], msg('practice_catalogue_boolean'))),
  minScore: optional(
    z.coerce.number(msg('practice_catalogue_score')).int().min(1).max(4, msg('practice_catalogue_score')),
  ),
  sort: optional(z.enum(CATALOGUE_SORTS, msg('practice_catalogue_sort'))),
  page: z.coerce.number(msg('invalid_type')).int().min(1).max(10_000).default(1),
  limit: z.coerce.number(msg('invalid_type')).int().min(1).max(CATALOGUE_API_MAX).default(20),
});
export type PracticeListQuery = z.infer<typeof practiceListQuerySchema>;

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export const exportQuerySchema = z.object({
  format: z.preprocess(emptyToUndefined, z.enum(EXPORT_FORMATS, msg('practice_export_format')).default('json')),
});
