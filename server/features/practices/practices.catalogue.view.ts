// Catalogue rows → the cards of /buone-pratiche and of the home page, the filter form's choices
// with their counts, and the API's list items. Snippets go through the site search's snippetHtml
// (escaped text, only <mark> added).
import type { CatalogueCard } from '../../../models/queries/practice-catalogue.ts';
import { paginate } from '../../core/pagination.ts';
import { snippetHtml } from '../search/search.view.ts';
import {
  ORGANIZATION_KINDS,
  PAGE_SORTS,
  PRACTICE_THEMES,
  SCORE_THRESHOLDS,
  type PageSort,
} from './practices.catalogue.schema.ts';
import type { CataloguePage } from './practices.catalogue.service.ts';
import { OPEN_DATA_LICENCE, OPEN_DATA_PATHS } from './practices.opendata.ts';

const practicePath = (slug: string) => `/buone-pratiche/${encodeURIComponent(slug)}`;
const numberFormat = (lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A practice's card: links, labels (i18n keys), the score as the reader writes numbers. */
export function practiceCardView(p: CatalogueCard, lang = 'it') {
  return {
    slug: p.slug,
    url: practicePath(p.slug),
    title: p.title,
    summary: p.summary,
    snippet: p.snippet ? snippetHtml(p.snippet) : undefined,
    organization: { name: p.organizationName, url: `/enti/${p.organizationSlug}` },
    organizationKindKey: `kinds.${p.organizationKind}`,
    region: p.region,
    themeKey: `practiceCatalogue.themes.${p.theme}`,
    reuseCount: p.reuseCount,
    score: p.validationScore !== null ? numberFormat(lang).format(p.validationScore) : undefined,
    publishedAt: p.publishedAt,
  };
}
export type PracticeCardView = ReturnType<typeof practiceCardView>;

/** The filter form: each choice with how many practices it would show. */
function filterChoices(page: CataloguePage) {
  const { query, facets } = page;
  const regions = Object.keys(facets.region);
  if (query.regione && !regions.includes(query.regione)) regions.push(query.regione);
  const sorts = (Object.keys(PAGE_SORTS) as PageSort[]).filter((s) => s !== 'pertinenza' || query.q);
  const currentSort = (Object.keys(PAGE_SORTS) as PageSort[]).find((s) => PAGE_SORTS[s] === page.sort);
  return {
    regions: regions
      .sort((a, b) => a.localeCompare(b, 'it'))
      .map((r) => ({ value: r, label: r, count: facets.region[r] ?? 0, selected: r === query.regione })),
    themes: PRACTICE_THEMES.map((t) => ({
      value: t,
      label: `practiceCatalogue.themes.${t}`,
      count: facets.theme[t] ?? 0,
      selected: t === query.tema,
    })),
    kinds: ORGANIZATION_KINDS.map((k) => ({
      value: k,
      label: `kinds.${k}`,
      count: facets.organizationKind[k] ?? 0,
      selected: k === query.ente,
    })),
    scores: SCORE_THRESHOLDS.map((s) => ({
      value: String(s),
      count: facets.minScore[String(s)] ?? 0,
      selected: String(s) === query.punteggio,
    })),
    reused: { count: facets.hasReuses, checked: query.riusate === '1' },
    sorts: sorts.map((s) => ({ value: s, label: `practiceCatalogue.sorts.${s}`, selected: s === currentSort })),
  };
}

/** The catalogue page's model (besides title and breadcrumbs). */
export function catalogueView(page: CataloguePage, lang: string) {
  const { query } = page;
  const filters = {
    q: query.q,
    regione: query.regione,
    tema: query.tema,
    ente: query.ente,
    riusate: query.riusate,
    punteggio: query.punteggio,
    ordine: query.ordine,
  };
  const filtered = Object.entries(filters).some(([k, v]) => v !== undefined && k !== 'ordine');
  return {
    query,
    filtered,
    total: page.total,
    items: page.items.map((p) => practiceCardView(p, lang)),
    choices: filterChoices(page),
    pagination: paginate('/buone-pratiche', filters, query.page, page.pages),
    openData: { ...OPEN_DATA_PATHS, licence: OPEN_DATA_LICENCE },
    moderation:
      page.moderation !== undefined ? { url: '/buone-pratiche/storie/moderazione', count: page.moderation } : undefined,
  };
}

/** A practice in the API's list. */
export function practiceSummaryJson(p: CatalogueCard) {
  return {
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    organization: { slug: p.organizationSlug, name: p.organizationName, kind: p.organizationKind },
    region: p.region,
    territorialLevel: p.territorialLevel,
    theme: p.theme,
    reuseCount: p.reuseCount,
    validationScore: p.validationScore,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    url: practicePath(p.slug),
    ...(p.snippet ? { snippet: snippetHtml(p.snippet) } : {}),
  };
}
