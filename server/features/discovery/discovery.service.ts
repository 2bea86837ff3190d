// Discoverability: the sitemap of public pages and robots.txt. The sitemap is a small registry:
// each source lists its public pages (paths and last changes); a feature whose pages are public
// (news, events...) adds one registerSitemapSource call below. Members' profiles are left out on
// purpose: people are found on the site, not through search engines.
import * as q from '../../../models/queries/sitemap.ts';
import type { SitemapRow } from '../../../models/queries/sitemap.ts';
import { publishedPracticePages } from '../../../models/queries/practices.ts';
import { competencePages } from '../../../models/queries/competences.ts';
import { liveOfferPages } from '../../../models/queries/offers.ts';
import type { Deps } from '../../core/deps.ts';

/** The sitemap protocol's limit for one file; past it a sitemap index would be needed. */
export const SITEMAP_MAX_URLS = 50_000;

export type SitemapSource = { name: string; pages: (deps: Deps, limit: number) => Promise<SitemapRow[]> };

const sources: SitemapSource[] = [];

export function registerSitemapSource(source: SitemapSource): void {
  if (sources.some((s) => s.name === source.name)) throw new Error(`sitemap source "${source.name}" registered twice`);
  sources.push(source);
}

/** The site's entry pages: lists anyone may browse. */
const ENTRY_PAGES = [
  '/',
  '/gruppi',
  '/corsi',
  '/enti',
  '/eventi',
  '/notizie',
  '/notizie/rassegna-stampa',
  '/notizie/normativa',
  '/notizie/documenti',
  '/notiziario',
  '/buone-pratiche',
];

registerSitemapSource({
  name: 'entry',
  pages: async () => ENTRY_PAGES.map((path) => ({ path, lastmod: null })),
});
registerSitemapSource({ name: 'groups', pages: (deps, limit) => q.publicGroupPages(deps.database.db, limit) });
registerSitemapSource({ name: 'threads', pages: (deps, limit) => q.publicThreadPages(deps.database.db, limit) });
registerSitemapSource({ name: 'courses', pages: (deps, limit) => q.publicCoursePages(deps.database.db, limit) });
registerSitemapSource({ name: 'organizations', pages: (deps, limit) => q.organizationPages(deps.database.db, limit) });
registerSitemapSource({ name: 'articles', pages: (deps, limit) => q.publishedArticlePages(deps.database.db, limit) });
registerSitemapSource({ name: 'events', pages: (deps, limit) => q.publicEventPages(deps.database.db, limit) });
registerSitemapSource({ name: 'newsletter', pages: (deps, limit) => q.newsletterPages(deps.database.db, limit) });
registerSitemapSource({ name: 'practices', pages: (deps, limit) => publishedPracticePages(deps.database.db, limit) });
// The competence repertory: the catalogue and every competence (reference data, public).
registerSitemapSource({ name: 'competences', pages: (deps, limit) => competencePages(deps.database.db, limit) });
// The training-offer catalogue and its live offers (expired ones leave it).
registerSitemapSource({ name: 'training-offers', pages: (deps, limit) => liveOfferPages(deps.database.db, limit) });

export type SitemapEntry = { loc: string; lastmod?: string };

/** Every public page the sources list, as absolute URLs on PUBLIC_URL, at most SITEMAP_MAX_URLS. */
export async function sitemapEntries(deps: Deps): Promise<SitemapEntry[]> {
  const entries: SitemapEntry[] = [];
  for (const source of sources) {
    const room = SITEMAP_MAX_URLS - entries.length;
    if (room <= 0) break;
    for (const row of (await source.pages(deps, room)).slice(0, room)) {
      const lastmod = row.lastmod ? new Date(row.lastmod) : null;
      entries.push({
        loc: `${deps.config.publicUrl}${row.path}`,
        ...(lastmod && !Number.isNaN(lastmod.getTime()) ? { lastmod: lastmod.toISOString() } : {}),
      });
    }
  }
  return entries;
}

/** Paths no search engine needs: personal, administrative, transient or machine pages. */
export const ROBOTS_DISALLOW = [
  '/admin',
  '/api/',
  '/profilo',
  '/notifiche',
  '/accedi',
  '/registrati',
  '/esci',
  '/cerca',
  '/lingua/',
  '/allegati/',
  '/corsi/miei',
  '/eventi/miei',
  // Personal calendar addresses (signed tokens) and the newsletter's unsubscribe links.
  '/eventi/calendario/',
  '/notiziario/disiscrizione',
  '/notiziario/nuovo',
  '/libretto',
];

export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    ...ROBOTS_DISALLOW.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
