// Site-wide search (/cerca and /api/v1/search): the registered types, searched as the actor may see them.
import { SEARCH_CANDIDATES, searchIndex, type SearchHit } from '../../../models/queries/search.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ValidationError, type FieldErrors } from '../../core/errors.ts';
import { zodToFields } from '../../core/validation.ts';
import { searchSources, searchType, searchTypes } from './search.registry.ts';
import { SEARCH_PAGE_MAX, SEARCH_PAGE_SIZE, searchQuerySchema, type SearchQuery } from './search.schema.ts';
import './search.types.ts';

export type SearchResult = SearchHit & { url: string };
export type SearchOutcome = SearchQuery & {
  results: SearchResult[];
  /** Matches per type, every registered type included (0 when none). */
  facets: Record<string, number>;
  /** Matches of the chosen type, or of all types. */
  total: number;
  /** Types with more matches than are ranked (SEARCH_CANDIDATES): their count means "at least". */
  capped: string[];
  pages: number;
};

/** The query, checked: a clear 400 naming the field (a text too long, an unknown type, a page out of range). */
export function parseSearch(input: unknown): SearchQuery {
  const parsed = searchQuerySchema.safeParse(input ?? {});
  const fields: FieldErrors = parsed.success ? {} : zodToFields(parsed.error);
  if (parsed.success && parsed.data.type && !searchType(parsed.data.type))
    fields.type = { key: 'validation.search_type' };
  if (Object.keys(fields).length) {
    const tooLong = fields.q?.key === 'validation.search_too_long';
    throw new ValidationError(fields, tooLong ? 'search.errors.too_long' : 'errors.validation');
  }
  return parsed.data!;
}

/** Every registered type matching the text that the actor may see, best first, with the counts per type. */
export async function searchSite(deps: Deps, actor: Actor, input: unknown): Promise<SearchOutcome> {
  const query = parseSearch(input);
  const viewer = actor ? { id: actor.id, role: actor.role } : null;
  const { hits, facets } = await searchIndex(deps.database.db, searchSources(viewer), query.q, {
    only: query.type ? [query.type] : undefined,
    limit: SEARCH_PAGE_SIZE,
    offset: (query.page - 1) * SEARCH_PAGE_SIZE,
  });
  const counts = Object.fromEntries(searchTypes().map((t) => [t, facets[t] ?? 0]));
  const total = query.type ? counts[query.type]! : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    ...query,
    results: hits.map((h) => ({ ...h, url: searchType(h.type)!.url(h) })),
    facets: counts,
    total,
    capped: Object.keys(counts).filter((t) => counts[t]! >= SEARCH_CANDIDATES),
    pages: Math.min(SEARCH_PAGE_MAX, Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE))),
  };
}

export { searchTypes };
