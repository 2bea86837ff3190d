// The practices' catalogue (/buone-pratiche and GET /api/v1/practices): published practices, never
// a draft or an archived one, filtered with counts, sorted, searched with the site's Italian search
// (stemming, accents ignored, highlighted snippets) and paged; the home page's short lists; the
// open-data registry (published and archived practices) for dati.csv, dati.json and the API.
import * as q from '../../../models/queries/practice-catalogue.ts';
import { countPendingStories } from '../../../models/queries/practice-stories.ts';
import { parseSearchText } from '../../../models/queries/search.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { parseInput } from '../../core/validation.ts';
import {
  CATALOGUE_PAGE_SIZE,
  PAGE_SORTS,
  catalogueQuerySchema,
  practiceListQuerySchema,
} from './practices.catalogue.schema.ts';
import { canModerateStories } from './practices.stories.policy.ts';

export type CatalogueSearch = Omit<q.CatalogueFilter, 'query'> & { text?: string | undefined };

const NO_FACETS: q.CatalogueFacets = { region: {}, theme: {}, organizationKind: {}, hasReuses: 0, minScore: {} };

/** One page of the catalogue with its total, page count and each filter's counts. */
async function search(deps: Deps, f: CatalogueSearch, sort: q.CatalogueSort, page: number, limit: number) {
  const db = deps.database.db;
  const { text, ...filters } = f;
  const query = text ? await parseSearchText(db, text) : undefined;
  // A text with no word to look for (only stop words or signs) matches nothing, as on /cerca.
  if (query === '') return { items: [], total: 0, pages: 1, facets: NO_FACETS, sort };
  const filter: q.CatalogueFilter = { ...filters, query };
  const effective = sort === 'relevance' && query === undefined ? 'newest' : sort;
  const total = await q.countCatalogue(db, filter);
  const items = await q.listCatalogue(db, filter, effective, { limit, offset: (page - 1) * limit });
  const facets = await q.catalogueFacets(db, filter);
  return { items, total, pages: Math.max(1, Math.ceil(total / limit)), facets, sort: effective };
}

/** The catalogue page: its filters as typed (unknown values ignored), the cards, the counts. */
export async function cataloguePage(deps: Deps, actor: Actor, input: unknown) {
  const query = parseInput(catalogueQuerySchema, input);
  const sort = query.ordine ? PAGE_SORTS[query.ordine] : query.q ? 'relevance' : 'newest';
  const found = await search(
    deps,
    {
      text: query.q,
      region: query.regione,
      theme: query.tema,
      organizationKind: query.ente,
      hasReuses: query.riusate === '1',
      minScore: query.punteggio ? Number(query.punteggio) : undefined,
    },
    sort,
    query.page,
    CATALOGUE_PAGE_SIZE,
  );
  const moderation = canModerateStories(actor) ? await countPendingStories(deps.database.db) : undefined;
  return { query, ...found, moderation };
}
export type CataloguePage = Awaited<ReturnType<typeof cataloguePage>>;

/** GET /api/v1/practices: the same catalogue with English names; a wrong value is a 400. */
export async function listPractices(deps: Deps, input: unknown) {
  const f = parseInput(practiceListQuerySchema, input);
  const found = await search(
    deps,
    {
      text: f.q,
      region: f.region,
      theme: f.theme,
      organizationKind: f.organizationKind,
      hasReuses: f.hasReuses === 'true' ? true : undefined,
      minScore: f.minScore,
    },
    f.sort ?? (f.q ? 'relevance' : 'newest'),
    f.page,
    f.limit,
  );
  return { ...found, page: f.page, limit: f.limit };
}

/** The home page's newest published practices. */
export function latestPractices(deps: Deps, limit = 3) {
  return q.latestPublished(deps.database.db, limit);
}

/** The home page's most reused practices (reused at least once). */
export function mostReusedPractices(deps: Deps, limit = 3) {
  return q.mostReused(deps.database.db, limit);
}

/** The open registry: every published and archived practice (drafts never), oldest first. */
export function openRegistry(deps: Deps) {
  return q.openDataPractices(deps.database.db);
}
