// The registry as open data: one record per published or archived practice (drafts never), as JSON
// in an envelope that states the licence, and as CSV (the same fields, lists joined in one cell; the
// licence travels in a `Link: <…>; rel="license"` header and on the catalogue page). Column and field
// names are English and stable: they are an interface, not a label.
import { stringify } from 'csv-stringify/sync';
import type { OpenDataPractice } from '../../../models/queries/practice-catalogue.ts';

/** The licence of the registry's data (the metadata people wrote; each practice states its own licence). */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.it',
} as const;

export const OPEN_DATA_PATHS = { csv: '/buone-pratiche/dati.csv', json: '/buone-pratiche/dati.json' } as const;

/** One practice as open data, with absolute addresses on `site`. */
export function openDataRecord(p: OpenDataPractice, site: string) {
  return {
    slug: p.slug,
    url: `${site}/buone-pratiche/${encodeURIComponent(p.slug)}`,
    title: p.title,
    summary: p.summary,
    status: p.status,
    archived: p.status === 'archived',
    organizations: p.organizations,
    region: p.region,
    territorialLevel: p.territorialLevel,
    theme: p.theme,
    targetUsers: p.targetUsers,
    objectives: p.objectives,
    results: p.results,
    indicators: p.indicators,
    licence: p.licence,
    startedOn: p.startedOn,
    endedOn: p.endedOn,
    components: p.components,
    kit: p.kit.map((k) => ({
      kind: k.kind,
      title: k.title,
      url: k.url ?? (k.attachmentId ? `${site}/allegati/${k.attachmentId}` : null),
    })),
    tags: p.tags,
    validationScore: p.validationScore,
    reuseCount: p.reuseCount,
    version: p.version,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type OpenDataRecord = ReturnType<typeof openDataRecord>;

/** The JSON document: licence, when and where from, and the practices. */
export function openDataJson(records: OpenDataRecord[], site: string, now = new Date()) {
  return {
    licence: OPEN_DATA_LICENCE,
    generatedAt: now.toISOString(),
    source: `${site}/buone-pratiche`,
    count: records.length,
    practices: records,
  };
}

export const CSV_COLUMNS = [
  'slug',
  'url',
  'title',
  'summary',
  'status',
  'lead_organization',
  'organizations',
  'region',
  'territorial_level',
  'theme',
  'target_users',
  'objectives',
  'results',
  'indicators',
  'licence',
  'started_on',
  'ended_on',
  'components',
  'kit',
  'tags',
  'validation_score',
  'reuse_count',
  'version',
  'published_at',
  'archived_at',
] as const;

/** Several values in one cell. */
const joined = (values: string[]) => values.filter(Boolean).join(' | ');

function csvRow(r: OpenDataRecord): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  return {
    slug: r.slug,
    url: r.url,
    title: r.title,
    summary: r.summary,
    status: r.status,
    lead_organization: r.organizations.find((o) => o.lead)?.name ?? '',
    organizations: joined(r.organizations.map((o) => o.name)),
    region: r.region,
    territorial_level: r.territorialLevel,
    theme: r.theme,
    target_users: r.targetUsers,
    objectives: r.objectives,
    results: r.results,
    indicators: joined(
      r.indicators.map(
        (i) => `${i.name}: ${[i.value, i.unit].filter(Boolean).join(' ')}${i.date ? ` (${i.date})` : ''}`,
      ),
    ),
    licence: r.licence,
    started_on: r.startedOn,
    ended_on: r.endedOn,
    components: joined(r.components.map((c) => `${c.code} – ${c.title}`)),
    kit: joined(r.kit.map((k) => `${k.kind}: ${k.title}${k.url ? ` <${k.url}>` : ''}`)),
    tags: joined(r.tags),
    validation_score: r.validationScore,
    reuse_count: r.reuseCount,
    version: r.version,
    published_at: r.publishedAt,
    archived_at: r.archivedAt,
  };
}

/**
 * The CSV document: a header row of CSV_COLUMNS, one row per practice; UTF-8 with a BOM and CRLF
 * like the platform's other CSV files, formulas (= + - @ …) neutralised for spreadsheets.
 */
export function openDataCsv(records: OpenDataRecord[]): string {
  return stringify(records.map(csvRow), {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { number: (n) => String(n) },
  });
}
