// What /cerca and /api/v1/search accept: the text (websearch syntax, bounded), a type, a page.
import { z } from 'zod';
import { msg } from '../../core/validation.ts';

/** The longest query searched; a longer one is refused with a clear message (never cut silently). */
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_SIZE = 20;
/** Deeper pages are refused: nobody reads the thousandth result, and each page costs the same search. */
export const SEARCH_PAGE_MAX = 50;

export const searchQuerySchema = z.object({
  q: z
    .string(msg('search_required'))
    .trim()
    .min(1, msg('search_required'))
    .max(SEARCH_QUERY_MAX, msg('search_too_long')),
  type: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z_]{1,40}$/, msg('search_type'))
      .optional(),
  ),
  page: z.coerce
    .number(msg('search_page'))
    .int(msg('search_page'))
    .min(1, msg('search_page'))
    .max(SEARCH_PAGE_MAX, msg('search_page'))
    .default(1),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** One result as the API returns it. */
export const searchResultSchema = z.object({
  type: z.string(),
  id: z.number().int(),
  slug: z.string().optional(),
  title: z.string(),
  url: z.string(),
  snippet: z.string(),
});
