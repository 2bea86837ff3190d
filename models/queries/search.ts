// Site-wide full-text search: one statement over every searchable type the caller passes (the
// registry in server/features/search/ describes them). Each type's rows are found through its GIN
// index (`vector @@ query`) and filtered by the viewer's visibility; ranks, the per-type counts and
// the page come from the same matches, and snippets are computed for the page's rows only.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { SEARCH_CONFIG } from '../schema/search.ts';

/** How one type is searched, as SQL over its own FROM clause (aliases are the type's business). */
export type SearchSource = {
  type: string;
  /** Tables and joins, e.g. `posts d JOIN threads t ON t.id = d.thread_id`. */
  from: SQL;
  /** The generated, GIN-indexed tsvector column. */
  vector: SQL;
  id: SQL;
  title: SQL;
  /** The text the snippet is cut from. */
  body: SQL;
  slug?: SQL | undefined;
  /** A second key some URLs need (a lesson's course slug). */
  parent?: SQL | undefined;
  /** Where the row lives, shown beside the title (a group's name, a course's title). */
  context?: SQL | undefined;
  /** The rows the viewer may find. */
  visible: SQL;
};

export type SearchHit = {
  type: string;
  id: number;
  slug: string | null;
  parent: string | null;
  title: string;
  context: string | null;
  /** ts_headline's fragment: plain text with the matches between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: string;
  rank: number;
};

/** Private-use characters around each match in a snippet: removed from the text first, so only ts_headline puts them there. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** Snippets are cut from the start of long texts only: ts_headline's cost grows with the text. */
const SNIPPET_SOURCE_MAX = 20_000;

const config = sql.raw(`'${SEARCH_CONFIG}'::regconfig`);
const nullText = sql`NULL::text`;

/** One type's matches: id and rank, through its index and its visibility filter. */
const matches = (s: SearchSource) =>
  sql`SELECT ${s.type}::text AS type, (${s.id})::int AS id, ts_rank(${s.vector}, q.query) AS rank
        FROM ${s.from} CROSS JOIN q
       WHERE ${s.vector} @@ q.query AND (${s.visible})`;

/** One type's fields and snippet for a row of the page (only its own branch runs for that row). */
const details = (s: SearchSource) =>
  sql`SELECT (${s.slug ?? nullText})::text AS slug, (${s.parent ?? nullText})::text AS parent,
             (${s.title})::text AS title, (${s.context ?? nullText})::text AS context,
             ts_headline(${config}, translate(left(${s.body}, ${SNIPPET_SOURCE_MAX}), ${HIGHLIGHT_START + HIGHLIGHT_END}, ''),
                         q.query, ${HEADLINE_OPTIONS}) AS snippet
        FROM ${s.from}
       WHERE page.type = ${s.type} AND (${s.id}) = page.id`;

/**
 * The matches of `text` (websearch syntax: words, "phrases", -excluded, or) over `sources`, best
 * first: the page (of the types in `only`, or all) and the number of matches of each type.
 */
export async function searchIndex(
  db: DbOrTx,
  sources: SearchSource[],
  text: string,
  opts: { only?: string[] | undefined; limit: number; offset: number },
): Promise<{ hits: SearchHit[]; facets: Record<string, number> }> {
  if (!sources.length) return { hits: [], facets: {} };
  const only = opts.only?.length ? opts.only : sources.map((s) => s.type);
  const onlyList = sql.join(
    only.map((t) => sql`${t}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    WITH q AS MATERIALIZED (
      SELECT query FROM (SELECT websearch_to_tsquery(${config}, ${text}) AS query) w WHERE numnode(query) > 0
    ),
    hits AS MATERIALIZED (${sql.join(sources.map(matches), sql` UNION ALL `)}),
    facets AS (SELECT type, count(*)::int AS n FROM hits GROUP BY type),
    page AS (
      SELECT type, id, rank FROM hits WHERE type IN (${onlyList})
       ORDER BY rank DESC, type, id DESC LIMIT ${opts.limit} OFFSET ${opts.offset}
    )
    SELECT (SELECT coalesce(json_object_agg(type, n), '{}'::json) FROM facets) AS facets,
           (SELECT coalesce(json_agg(r ORDER BY r.rank DESC, r.type, r.id DESC), '[]'::json) FROM (
              SELECT page.type, page.id, page.rank, d.*
                FROM page CROSS JOIN q
                CROSS JOIN LATERAL (${sql.join(sources.map(details), sql` UNION ALL `)}) d
           ) r) AS hits`);
  const row = ((result as unknown as { rows: { facets: unknown; hits: unknown }[] }).rows ?? [])[0];
  const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? JSON.parse(v) : (v ?? fallback)) as T;
  return { hits: parse<SearchHit[]>(row?.hits, []), facets: parse<Record<string, number>>(row?.facets, {}) };
}
