// Matching for Cerco / Offro: for one post, the opposite-kind active posts and the published
// practices of other administrations, ranked by Italian full-text similarity plus theme and region.
//
// The formula (also in the README, "Cerco / Offro"), computed in one statement on the generated
// `search_vector` columns (italian_unaccent: Italian stems, stopwords dropped, accents ignored):
//
//   corpus   = active posts (not closed, not expired) + published practices;  N = its size
//   w_d(l)   = 1.0 if the lexeme l is in d's title (weight A), 0.7 if in a practice's summary or
//              tags (B), 0.4 in the rest of the text (C)
//   idf(l)   = ln(1 + (N + 1) / (df(l) + 1)), df(l) = corpus documents holding l: words most posts
//              share ("lavoro", "servizi") count little, distinctive ones ("over", "tirocini") a lot
//   x_d(l)   = w_d(l) · idf(l)
//   text     = Σ_shared x_P(l)·x_C(l) / (‖x_P‖·‖x_C‖)       the cosine of the two vectors, 0..1
//   score    = 0.70·text + 0.20·[same theme] + 0.10·[same region]                          0..1
//
// Lexemes of the words that only say what a post is ("cerchiamo", "offriamo", "esperienze",
// "buone pratiche"…: IGNORED_WORDS) are left out of both vectors. Cosine rather than ts_rank_cd: it is
// symmetric, it does not favour a long practice over a short post, and each shared lexeme's share of
// it is known, so the reasons shown ("parole in comune") are the words that weighed most.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { SEARCH_CONFIG } from '../schema/search.ts';

export const MATCH_WEIGHTS = { text: 0.7, theme: 0.2, region: 0.1 } as const;

/** Words about posting itself, never a reason for a match (their lexemes are computed by PostgreSQL). */
export const IGNORED_WORDS =
  'cerco cerchiamo cercare cercando offro offriamo offrire proponiamo mettiamo disposizione disponibile ' +
  'disponibili interessati interessate interessa vorremmo esperienza esperienze buona buone pratica pratiche ' +
  'ente enti amministrazione amministrazioni altri altre nostro nostra nostri nostre';

export type MatchCandidateRow = {
  kind: 'exchange' | 'practice';
  id: number;
  slug: string | null;
  title: string;
  /** The candidate's text, for turning shared lexemes back into words (its first characters). */
  text: string;
  theme: string;
  region: string;
  /** The person to contact: a post's author, a practice's contact person (else its creator). */
  contactId: number | null;
  contactName: string | null;
  organizationName: string | null;
  /** An exchange candidate's kind (cerco/offro); null for practices. */
  postKind: string | null;
  textScore: number;
  score: number;
  /** Shared lexemes, the weightiest first. */
  shared: string[];
};

const config = sql.raw(`'${SEARCH_CONFIG}'::regconfig`);
const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? [];
/** A lexeme's weight in a document, from the tsvector's labels (see the formula above). */
const weightOf = (weights: ReturnType<typeof sql>) =>
  sql`CASE WHEN 'A' = ANY(${weights}) THEN 1.0 WHEN 'B' = ANY(${weights}) THEN 0.7 ELSE 0.4 END::float8`;

/**
 * The best candidates for post `postId` (which may itself be closed or expired: its author still
 * sees its matches), at most `limit`, with `score` at least `minScore`. Candidates share a word or
 * the theme; posts and practices of the post's own administration are left out.
 */
export async function rankMatches(
  db: DbOrTx,
  postId: number,
  opts: { limit: number; minScore: number },
): Promise<MatchCandidateRow[]> {
  const result = await db.execute(sql`
    WITH src AS (
      SELECT e.id, e.kind, e.organization_id, e.theme, e.region, e.search_vector AS v
        FROM exchange_posts e WHERE e.id = ${postId}
    ),
    ignored AS (SELECT unnest(tsvector_to_array(to_tsvector(${config}, ${IGNORED_WORDS}))) AS lexeme),
    corpus AS (
      SELECT 'exchange'::text AS kind, e.id, e.search_vector AS v FROM exchange_posts e
       WHERE e.closed_at IS NULL AND e.expires_at > now()
      UNION ALL
      SELECT 'practice'::text, p.id, p.search_vector FROM practices p WHERE p.status = 'published'
    ),
    n AS (SELECT count(*)::float8 AS n FROM corpus),
    terms AS (
      SELECT c.kind, c.id, t.lexeme, ${weightOf(sql`t.weights`)} AS w
        FROM corpus c CROSS JOIN LATERAL unnest(c.v) t
       WHERE t.lexeme NOT IN (SELECT lexeme FROM ignored)
    ),
    df AS (SELECT lexeme, count(*)::float8 AS df FROM terms GROUP BY lexeme),
    src_x AS (
      SELECT t.lexeme, ${weightOf(sql`t.weights`)} * ln(1 + (n.n + 1) / (coalesce(df.df, 0) + 1)) AS x
        FROM src CROSS JOIN LATERAL unnest(src.v) t CROSS JOIN n LEFT JOIN df ON df.lexeme = t.lexeme
       WHERE t.lexeme NOT IN (SELECT lexeme FROM ignored)
    ),
    src_norm AS (SELECT sqrt(sum(x * x)) AS norm FROM src_x),
    candidates AS (
      SELECT 'exchange'::text AS kind, e.id, NULL::text AS slug, e.title,
             left(e.title || E'\n' || e.description, 6000) AS text, e.theme, e.region,
             e.author_id AS contact_id, e.organization_id, e.kind AS post_kind
        FROM exchange_posts e, src
       WHERE e.closed_at IS NULL AND e.expires_at > now() AND e.kind <> src.kind
         AND e.organization_id <> src.organization_id
      UNION ALL
      SELECT 'practice'::text, p.id, p.slug, p.title,
             left(p.title || E'\n' || p.summary || E'\n' || p.description || E'\n' || p.objectives
                  || E'\n' || p.target_users || E'\n' || p.results, 6000),
             p.theme, p.region, coalesce(p.contact_user_id, p.created_by), p.organization_id, NULL::text
        FROM practices p, src
       WHERE p.status = 'published' AND p.organization_id <> src.organization_id
         AND NOT EXISTS (SELECT 1 FROM practice_organizations po
                          WHERE po.practice_id = p.id AND po.organization_id = src.organization_id)
    ),
    cand_x AS (
      SELECT t.kind, t.id, t.lexeme, t.w * ln(1 + (n.n + 1) / (df.df + 1)) AS x
        FROM terms t JOIN candidates c ON c.kind = t.kind AND c.id = t.id
        JOIN df ON df.lexeme = t.lexeme CROSS JOIN n
    ),
    cand_norm AS (SELECT kind, id, sqrt(sum(x * x)) AS norm FROM cand_x GROUP BY kind, id),
    dots AS (
      SELECT c.kind, c.id, sum(c.x * s.x) AS dot, array_agg(c.lexeme ORDER BY c.x * s.x DESC, c.lexeme) AS shared
        FROM cand_x c JOIN src_x s ON s.lexeme = c.lexeme GROUP BY c.kind, c.id
    ),
    scored AS (
      SELECT c.*, coalesce(d.dot / nullif(cn.norm * sn.norm, 0), 0)::float8 AS text_score,
             coalesce(d.shared, ARRAY[]::text[]) AS shared,
             (c.theme = src.theme) AS same_theme, (c.region = src.region) AS same_region
        FROM candidates c CROSS JOIN src CROSS JOIN src_norm sn
        LEFT JOIN dots d ON d.kind = c.kind AND d.id = c.id
        LEFT JOIN cand_norm cn ON cn.kind = c.kind AND cn.id = c.id
       WHERE d.dot IS NOT NULL OR c.theme = src.theme
    ),
    ranked AS (
      SELECT s.*, (${MATCH_WEIGHTS.text}::float8 * s.text_score
                   + CASE WHEN s.same_theme THEN ${MATCH_WEIGHTS.theme}::float8 ELSE 0 END
                   + CASE WHEN s.same_region THEN ${MATCH_WEIGHTS.region}::float8 ELSE 0 END) AS score
        FROM scored s
    )
    SELECT r.kind, r.id, r.slug, r.title, r.text, r.theme, r.region, r.contact_id AS "contactId",
           u.name AS "contactName", o.name AS "organizationName", r.post_kind AS "postKind",
           r.text_score AS "textScore", r.score, r.shared
      FROM ranked r
      LEFT JOIN users u ON u.id = r.contact_id
      LEFT JOIN organizations o ON o.id = r.organization_id
     WHERE r.score >= ${opts.minScore}
     ORDER BY r.score DESC, r.kind, r.id
     LIMIT ${opts.limit}`);
  return rowsOf<MatchCandidateRow>(result).map((r) => ({
    ...r,
    score: Number(r.score),
    textScore: Number(r.textScore),
  }));
}

/** Each word's lexemes in the matching configuration (none for a stopword), in one round trip. */
export async function lexemesOfWords(db: DbOrTx, words: string[]): Promise<Map<string, string[]>> {
  if (!words.length) return new Map();
  const result = await db.execute(sql`
    SELECT w AS word, tsvector_to_array(to_tsvector(${config}, w)) AS lexemes
      FROM json_array_elements_text(${JSON.stringify(words)}::json) w`);
  return new Map(rowsOf<{ word: string; lexemes: string[] }>(result).map((r) => [r.word, r.lexemes]));
}
