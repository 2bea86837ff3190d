// The practices' catalogue: published practices (archived ones leave it), filtered by region, theme,
// the lead administration's kind, reuse and validation score, searched with the site's Italian
// configuration (the GIN-indexed practices.search_vector), sorted and paged; each filter's counts
// computed with the other filters applied. Also the home page's short lists and the open-data rows.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  organizations,
  practiceOrganizations,
  practices,
  type OrganizationKind,
  type PracticeComponent,
  type PracticeIndicator,
  type PracticeKitItem,
  type PracticeTheme,
} from '../schema.ts';
import { matchesSearch, searchRank, searchSnippet } from './search.ts';

export const CATALOGUE_SORTS = ['newest', 'most_reused', 'best_validated', 'relevance'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
export const SCORE_THRESHOLDS = [2, 3, 4] as const;

export type CatalogueFilter = {
  /** A parsed tsquery (parseSearchText); undefined: no text search. */
  query?: string | undefined;
  region?: string | undefined;
  theme?: PracticeTheme | undefined;
  organizationKind?: OrganizationKind | undefined;
  hasReuses?: boolean | undefined;
  minScore?: number | undefined;
};
type Dimension = 'region' | 'theme' | 'organizationKind' | 'hasReuses' | 'minScore';

const vector = sql.raw('"practices"."search_vector"');

/** The catalogue's rows with every filter but `omit` (a facet counts with the others applied). */
function conditions(f: CatalogueFilter, omit?: Dimension): SQL[] {
  const all: SQL[] = [eq(practices.status, 'published')];
  if (f.query !== undefined) all.push(matchesSearch(vector, f.query));
  if (f.region && omit !== 'region') all.push(eq(practices.region, f.region));
  if (f.theme && omit !== 'theme') all.push(eq(practices.theme, f.theme));
  if (f.organizationKind && omit !== 'organizationKind') all.push(eq(organizations.kind, f.organizationKind));
  if (f.hasReuses && omit !== 'hasReuses') all.push(sql`${practices.reuseCount} > 0`);
  if (f.minScore && omit !== 'minScore') all.push(sql`${practices.validationScore} >= ${f.minScore}`);
  return all;
}

const ORDER: Record<CatalogueSort, (query?: string) => SQL[]> = {
  newest: () => [desc(practices.publishedAt), desc(practices.id)],
  most_reused: () => [desc(practices.reuseCount), desc(practices.publishedAt), desc(practices.id)],
  best_validated: () => [
    sql`${practices.validationScore} DESC NULLS LAST`,
    desc(practices.reuseCount),
    desc(practices.publishedAt),
    desc(practices.id),
  ],
  relevance: (query) => [
    ...(query !== undefined ? [sql`${searchRank(vector, query)} DESC`] : []),
    desc(practices.publishedAt),
    desc(practices.id),
  ],
};

const cardColumns = {
  id: practices.id,
  slug: practices.slug,
  title: practices.title,
  summary: practices.summary,
  region: practices.region,
  territorialLevel: practices.territorialLevel,
  theme: practices.theme,
  reuseCount: practices.reuseCount,
  validationScore: practices.validationScore,
  publishedAt: practices.publishedAt,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
  organizationKind: organizations.kind,
};
export type CatalogueCard = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  region: string;
  territorialLevel: string;
  theme: PracticeTheme;
  reuseCount: number;
  validationScore: number | null;
  publishedAt: Date | null;
  organizationName: string;
  organizationSlug: string;
  organizationKind: OrganizationKind;
  /** ts_headline's fragment (marks as in search.ts) when searching, else null. */
  snippet: string | null;
};

/** One page of the catalogue, with a highlighted snippet for each row when searching. */
export async function listCatalogue(
  db: DbOrTx,
  f: CatalogueFilter,
  sort: CatalogueSort,
  page: { limit: number; offset: number },
): Promise<CatalogueCard[]> {
  const snippet =
    f.query !== undefined
      ? searchSnippet(sql`${practices.summary} || ' ' || ${practices.description}`, f.query)
      : sql`NULL::text`;
  const rows = await db
    .select({ ...cardColumns, snippet: sql<string | null>`${snippet}` })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(and(...conditions(f)))
    .orderBy(...ORDER[sort](f.query))
    .limit(page.limit)
    .offset(page.offset);
  return rows as CatalogueCard[];
}

export async function countCatalogue(db: DbOrTx, f: CatalogueFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(and(...conditions(f)));
  return Number(row?.n ?? 0);
}

export type CatalogueFacets = {
  region: Record<string, number>;
  theme: Record<string, number>;
  organizationKind: Record<string, number>;
  hasReuses: number;
  minScore: Record<string, number>;
};

/** Each filter's values with how many practices each would show, the other filters applied. */
export async function catalogueFacets(db: DbOrTx, f: CatalogueFilter): Promise<CatalogueFacets> {
  const from = sql`FROM ${practices} JOIN ${organizations} ON ${organizations.id} = ${practices.organizationId}`;
  const where = (omit: Dimension) => sql.join(conditions(f, omit), sql` AND `);
  const result = await db.execute(sql`
    SELECT 'region' AS dim, ${practices.region} AS value, count(*)::int AS n ${from}
     WHERE ${where('region')} GROUP BY ${practices.region}
    UNION ALL
    SELECT 'theme', ${practices.theme}, count(*)::int ${from} WHERE ${where('theme')} GROUP BY ${practices.theme}
    UNION ALL
    SELECT 'organizationKind', ${organizations.kind}, count(*)::int ${from}
     WHERE ${where('organizationKind')} GROUP BY ${organizations.kind}
    UNION ALL
    SELECT 'hasReuses', 'true', count(*)::int ${from} WHERE ${where('hasReuses')} AND ${practices.reuseCount} > 0
    UNION ALL
    SELECT 'minScore', t.s::text, count(${practices.id})::int
      FROM (VALUES ${sql.raw(SCORE_THRESHOLDS.map((s) => `(${s})`).join(', '))}) t(s)
      LEFT JOIN (${practices} JOIN ${organizations} ON ${organizations.id} = ${practices.organizationId})
        ON ${practices.validationScore} >= t.s AND ${where('minScore')}
     GROUP BY t.s`);
  const facets: CatalogueFacets = { region: {}, theme: {}, organizationKind: {}, hasReuses: 0, minScore: {} };
  for (const r of (result as unknown as { rows: { dim: Dimension; value: string; n: number }[] }).rows) {
    const n = Number(r.n);
    if (r.dim === 'hasReuses') facets.hasReuses = n;
    else facets[r.dim][r.value] = n;
  }
  return facets;
}

/** The newest published practices (the home page). */
export function latestPublished(db: DbOrTx, limit: number): Promise<CatalogueCard[]> {
  return listCatalogue(db, {}, 'newest', { limit, offset: 0 });
}

/** The most reused published practices, at least once (the home page). */
export function mostReused(db: DbOrTx, limit: number): Promise<CatalogueCard[]> {
  return listCatalogue(db, { hasReuses: true }, 'most_reused', { limit, offset: 0 });
}

// --- Open data -------------------------------------------------------------------------------------

export type OpenDataPractice = {
  id: number;
  slug: string;
  status: 'published' | 'archived';
  title: string;
  summary: string;
  region: string;
  territorialLevel: string;
  theme: string;
  targetUsers: string;
  objectives: string;
  results: string;
  indicators: PracticeIndicator[];
  licence: string;
  startedOn: string | null;
  endedOn: string | null;
  components: PracticeComponent[];
  kit: PracticeKitItem[];
  tags: string[];
  validationScore: number | null;
  reuseCount: number;
  version: number;
  publishedAt: Date | null;
  archivedAt: Date | null;
  updatedAt: Date;
  organizations: { slug: string; name: string; kind: string; lead: boolean }[];
};

/** The public registry: every published and archived practice (never a draft), oldest first. */
export async function openDataPractices(db: DbOrTx): Promise<OpenDataPractice[]> {
  const rows = await db
    .select({
      id: practices.id,
      slug: practices.slug,
      status: practices.status,
      title: practices.title,
      summary: practices.summary,
      region: practices.region,
      territorialLevel: practices.territorialLevel,
      theme: practices.theme,
      targetUsers: practices.targetUsers,
      objectives: practices.objectives,
      results: practices.results,
      indicators: practices.indicators,
      licence: practices.licence,
      startedOn: practices.startedOn,
      endedOn: practices.endedOn,
      components: practices.components,
      kit: practices.kit,
      tags: practices.tags,
      validationScore: practices.validationScore,
      reuseCount: practices.reuseCount,
      version: practices.version,
      publishedAt: practices.publishedAt,
      archivedAt: practices.archivedAt,
      updatedAt: practices.updatedAt,
      organizationId: practices.organizationId,
    })
    .from(practices)
    .where(inArray(practices.status, ['published', 'archived']))
    .orderBy(asc(practices.publishedAt), asc(practices.id));
  if (!rows.length) return [];
  const owners = await db
    .select({
      practiceId: practiceOrganizations.practiceId,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
    })
    .from(practiceOrganizations)
    .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
    .where(
      inArray(
        practiceOrganizations.practiceId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(organizations.name));
  const leads = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(rows.map((r) => r.organizationId))]));
  return rows.map(({ organizationId, ...r }) => {
    const lead = leads.find((o) => o.id === organizationId)!;
    return {
      ...r,
      status: r.status as OpenDataPractice['status'],
      organizations: [
        { slug: lead.slug, name: lead.name, kind: lead.kind, lead: true },
        ...owners
          .filter((o) => o.practiceId === r.id && o.slug !== lead.slug)
          .map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, lead: false })),
      ],
    };
  });
}
