// Search results for pages and the API. A snippet is ts_headline's plain text: it is escaped
// whole, and only then are the highlight marks (private-use characters that the query removed from
// the text beforehand) turned into <mark> elements, so no markup from the content reaches a page.
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../models/queries/search.ts';
import type { TFunction } from 'i18next';
import { paginate } from '../../core/pagination.ts';
import { escapeHtml } from '../../core/text.ts';
import { searchTypes, type SearchOutcome, type SearchResult } from './search.service.ts';

const MARKS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

/** The snippet as safe HTML: escaped text with <mark> around the matched words. */
export function snippetHtml(snippet: string): string {
  const html = escapeHtml(snippet.replace(/\s+/g, ' ').trim());
  let open = false;
  const marked = html.replace(MARKS, (c) => {
    if (c === HIGHLIGHT_START && !open) return ((open = true), '<mark>');
    if (c === HIGHLIGHT_END && open) return ((open = false), '</mark>');
    return '';
  });
  return open ? `${marked}</mark>` : marked;
}

export function searchResultView(r: SearchResult) {
  return { type: r.type, id: r.id, title: r.title, url: r.url, context: r.context, snippet: snippetHtml(r.snippet) };
}

/** `{type, id, slug?, title, url, snippet}`: the snippet is HTML whose only elements are <mark>. */
export function searchResultJson(r: SearchResult) {
  return {
    type: r.type,
    id: r.id,
    ...(r.slug ? { slug: r.slug } : {}),
    title: r.title,
    url: r.url,
    snippet: snippetHtml(r.snippet),
  };
}

/** A count, with "+" when a type reached the number of matches a search ranks (there are more). */
const countLabel = (n: number, capped: boolean) => (capped ? `${n}+` : String(n));

const searchUrl = (q: string, type?: string) => `/cerca?${new URLSearchParams(type ? { q, type } : { q })}`;

/** The results page: facets as links with their counts (all types first), results, page links. */
export function searchPageView(found: SearchOutcome, t: TFunction) {
  const all = Object.values(found.facets).reduce((a, b) => a + b, 0);
  return {
    searched: true,
    q: found.q,
    type: found.type,
    total: found.total,
    totalLabel: countLabel(found.total, found.type ? found.capped.includes(found.type) : found.capped.length > 0),
    facets: [
      {
        label: t('search.types.all'),
        count: countLabel(all, found.capped.length > 0),
        url: searchUrl(found.q),
        current: !found.type,
      },
      ...searchTypes().map((type) => ({
        label: t(`search.types.${type}`),
        count: countLabel(found.facets[type] ?? 0, found.capped.includes(type)),
        url: searchUrl(found.q, type),
        current: found.type === type,
      })),
    ],
    results: found.results.map((r) => ({ ...searchResultView(r), typeLabel: t(`search.type.${r.type}`) })),
    pagination: paginate('/cerca', { q: found.q, type: found.type }, found.page, found.pages),
  };
}
