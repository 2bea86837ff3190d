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
  /** Where the row lives, shown beside the title (a group's name, a course's title): computed for the page's rows only. */
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
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, ShortWord=2`;
/**
 * Snippets are cut from the first characters of a text only: ts_headline costs about a microsecond
 * per character (measured: 30 ms for twenty 3,000-character lessons), so a long lesson whose words
 * come later gets its opening lines as a snippet, without marks.
 */
const SNIPPET_SOURCE_MAX = 2000;

const config = sql.raw(`'${SEARCH_CONFIG}'::regconfig`);
const nullText = sql`NULL::text`;

const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? [];
const execRows = async <T>(db: DbOrTx, query: SQL): Promise<T[]> => rowsOf<T>(await db.execute(query));

/**
 * How many matches of each type are ranked and counted at most. A search never reads more rows than
 * this per type, whatever the words: the most recent matches are taken (a backward scan of the
 * primary key for frequent words, the GIN index then a top-N sort for rare ones: the planner sees
 * the query's words and picks), ranked, and paged; a facet at the cap means "at least this many".
 */
export const SEARCH_CANDIDATES = 100;

/**
 * The parsed query (websearch_to_tsquery's output, as text) written out as a constant in each place
 * it is used, not in a CTE: the planner then sees its words and their frequency in the column's
 * statistics, and chooses the plan that reads the fewest rows. Parsed once beforehand: parsing it
 * again at each place (stemming and unaccent included) costs more than running the search.
 */
const tsquery = (parsed: string) => sql`${parsed}::tsquery`;

/** One type's most recent matches the viewer may see, ranked. */
const matches = (s: SearchSource, query: string) =>
  sql`(SELECT ${s.type}::text AS type, c.id, ts_rank(c.vector, ${tsquery(query)}) AS rank FROM (
         SELECT (${s.id})::int AS id, ${s.vector} AS vector FROM ${s.from}
          WHERE ${s.vector} @@ ${tsquery(query)} AND (${s.visible})
          ORDER BY ${s.id} DESC LIMIT ${SEARCH_CANDIDATES}) c)`;

/**
 * The text a snippet is cut from: its first characters, without the highlight marks (only
 * ts_headline may put them there) and without Markdown's signs (links keep their words).
 */
const snippetSource = (body: SQL) =>
  sql`regexp_replace(regexp_replace(translate(left(${body}, ${SNIPPET_SOURCE_MAX}), ${HIGHLIGHT_START + HIGHLIGHT_END}, ''),
        ${MARKDOWN_LINK}, ${'\\1'}, 'g'), ${MARKDOWN_SIGNS}, '', 'gn')`;
/** [words](url) and ![words](url): the words stay. */
const MARKDOWN_LINK = String.raw`!?\[([^][]*)\]\([^()]*\)`;
/** Emphasis, code, headings, strike-through, and quote marks at the start of a line. */
const MARKDOWN_SIGNS = String.raw`[*_` + '`' + String.raw`#~]+|^>+`;

/** One type's fields and snippets for its rows on the page. */
const details = (s: SearchSource, query: string, ids: number[]) =>
  sql`SELECT ${s.type}::text AS type, (${s.id})::int AS id, (${s.slug ?? nullText})::text AS slug,
             (${s.parent ?? nullText})::text AS parent, (${s.title})::text AS title, (${s.context ?? nullText})::text AS context,
             ts_headline(${config}, ${snippetSource(s.body)},
                         ${tsquery(query)}, ${HEADLINE_OPTIONS}) AS snippet
        FROM ${s.from}
       WHERE ${s.id} IN (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )})`;

/**
 * The tsquery of a text ('' when it has no word to look for). Parsing depends on the text alone, so
 * the latest texts' parses are kept in memory, sparing frequent searches a round trip.
 */
async function parseQuery(db: DbOrTx, text: string): Promise<string> {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const [row] = await execRows<{ query: string; n: number }>(
    db,
    sql`SELECT q::text AS query, numnode(q) AS n FROM websearch_to_tsquery(${config}, ${text}) q`,
  );
  const query = row?.n ? row.query : '';
  if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, query);
  return query;
}
const PARSED_KEPT = 1000;
const parsed = new Map<string, string>();

type PageRow = { type: string; id: number; rank: number };

/**
 * The matches of `text` (websearch syntax: words, "phrases", -excluded, or) over `sources`, best
 * first: the page (of the types in `only`, or all) and the number of matches of each type (at most
 * SEARCH_CANDIDATES). Three short statements: parse the text (unless parsed lately); find, rank,
 * count and page the matches; then titles and snippets for the page's rows only.
 */
export async function searchIndex(
  db: DbOrTx,
  sources: SearchSource[],
  text: string,
  opts: { only?: string[] | undefined; limit: number; offset: number },
): Promise<{ hits: SearchHit[]; facets: Record<string, number> }> {
  const query = await parseQuery(db, text);
  // An empty query (only stop words or signs) matches nothing.
  if (!query || !sources.length) return { hits: [], facets: {} };
  const only = opts.only?.length ? opts.only : sources.map((s) => s.type);
  const [found] = await execRows<{ facets: unknown; page: unknown }>(
    db,
    sql`WITH hits AS MATERIALIZED (${sql.join(
      sources.map((s) => matches(s, query)),
      sql` UNION ALL `,
    )})
    SELECT (SELECT coalesce(json_object_agg(type, n), '{}'::json) FROM (SELECT type, count(*)::int AS n FROM hits GROUP BY type) f) AS facets,
           (SELECT coalesce(json_agg(p), '[]'::json) FROM (
              SELECT type, id, rank FROM hits WHERE type IN (${sql.join(
                only.map((t) => sql`${t}`),
                sql`, `,
              )})
               ORDER BY rank DESC, type, id DESC LIMIT ${opts.limit} OFFSET ${opts.offset}) p) AS page`,
  );
  const facets = parseJson<Record<string, number>>(found?.facets, {});
  const page = parseJson<PageRow[]>(found?.page, []);
  if (!page.length) return { hits: [], facets };
  const wanted = sources
    .map((s) => ({ s, ids: page.filter((p) => p.type === s.type).map((p) => p.id) }))
    .filter((w) => w.ids.length);
  const rows = await execRows<Omit<SearchHit, 'rank'>>(
    db,
    sql.join(
      wanted.map((w) => sql`(${details(w.s, query, w.ids)})`),
      sql` UNION ALL `,
    ),
  );
  const byKey = new Map(rows.map((r) => [`${r.type}:${r.id}`, r]));
  const hits = page.flatMap((p) => {
    const row = byKey.get(`${p.type}:${p.id}`);
    return row ? [{ ...row, rank: p.rank }] : [];
  });
  return { hits, facets };
}

const parseJson = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? JSON.parse(v) : (v ?? fallback)) as T;

// --- For lists that search one table with their own filters (the practices' catalogue) -------------

/** The tsquery of a text as searchIndex parses it ('' when it has no word to look for). */
export const parseSearchText = (db: DbOrTx, text: string): Promise<string> => parseQuery(db, text);

/** `vector` matches a parsed query (parseSearchText's output). */
export const matchesSearch = (vector: SQL, query: string): SQL => sql`${vector} @@ ${tsquery(query)}`;

/** The rank of a match, as searchIndex ranks. */
export const searchRank = (vector: SQL, query: string): SQL => sql`ts_rank(${vector}, ${tsquery(query)})`;

/** A snippet of `body` with the matches between HIGHLIGHT_START and HIGHLIGHT_END, as searchIndex cuts them. */
export const searchSnippet = (body: SQL, query: string): SQL =>
  sql`ts_headline(${config}, ${snippetSource(body)}, ${tsquery(query)}, ${HEADLINE_OPTIONS})`;
