// Matching for Cerco / Offro: a post's best counterparts (opposite-kind active posts and published
// practices of other administrations), ranked by models/queries/exchange-matching.ts (the formula is
// there and in the README), each with the reasons a person can check: the same theme, the same
// region, and the words both texts use, shown as written in the post (stems turned back into words,
// neighbouring shared words kept together: "over 50").
import * as m from '../../../models/queries/exchange-matching.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { findReadablePost } from './exchange.service.ts';

export { MATCH_WEIGHTS } from '../../../models/queries/exchange-matching.ts';

/** A candidate is shown on a post's page from this score (0..1). */
export const MIN_SHOWN_SCORE = 0.2;
/**
 * A new post tells the people behind the candidates from this score: the same theme and region and
 * a cosine of about 0.3 (a few distinctive words in common), or the same theme and a cosine of 0.43,
 * or a different theme and a cosine of 0.57 (the texts largely say the same things).
 */
export const STRONG_MATCH_SCORE = 0.5;
/** How many matches a post's page and the API show. */
export const MATCHES_SHOWN = 5;
/** At most this many words or phrases in the "parole in comune" reason. */
const WORDS_SHOWN = 5;

export type MatchReason =
  | { code: 'same_theme'; theme: string }
  | { code: 'same_region'; region: string }
  | { code: 'common_words'; words: string[] };

export type Match = Omit<m.MatchCandidateRow, 'text' | 'shared' | 'textScore'> & {
  reasons: MatchReason[];
  /** Where its page is. */
  url: string;
};

/** Words, hyphenated ones whole ("e-learning", "comune-CPI"), as PostgreSQL's parser reads them. */
const WORD_RE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const tokens = (text: string) => text.slice(0, 6000).match(WORD_RE) ?? [];
/** Acronyms (CPI, NEET) keep their capitals; other words are shown in lower case. */
const display = (word: string) =>
  word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word) ? word : word.toLowerCase();

/**
 * The shared lexemes as words: runs of neighbouring words of `source` whose stems are shared become
 * one phrase ("over 50"); the weightiest stems first; words missing from `source` are looked up in the
 * candidate's text, else shown as the stem.
 */
function commonWords(source: string[], other: string[], shared: string[], lexemes: Map<string, string[]>): string[] {
  const sharedSet = new Set(shared);
  // A word's shared stems ("e-learning" has three: e-learning, e, learning).
  const stemsOf = (w: string) => (lexemes.get(w.toLowerCase()) ?? []).filter((l) => sharedSet.has(l));
  const phrases: { text: string; stems: Set<string> }[] = [];
  let run: string[] = [];
  let stems = new Set<string>();
  const flush = () => {
    if (run.length) phrases.push({ text: run.join(' '), stems });
    run = [];
    stems = new Set();
  };
  for (const word of source) {
    const found = stemsOf(word);
    if (!found.length || run.length >= 3) flush();
    if (!found.length) continue;
    run.push(display(word));
    for (const stem of found) stems.add(stem);
  }
  flush();
  const out: string[] = [];
  const covered = new Set<string>();
  for (const stem of shared) {
    if (out.length >= WORDS_SHOWN) break;
    if (covered.has(stem)) continue;
    // The phrase that says the most: "competenze acquisite" rather than "competenze" alone.
    let phrase: (typeof phrases)[number] | undefined;
    for (const p of phrases) if (p.stems.has(stem) && (!phrase || p.stems.size > phrase.stems.size)) phrase = p;
    const text = phrase?.text ?? other.map(display).find((w) => stemsOf(w).includes(stem)) ?? stem;
    for (const s of phrase?.stems ?? [stem]) covered.add(s);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

const matchUrl = (r: Pick<m.MatchCandidateRow, 'kind' | 'id' | 'slug'>) =>
  r.kind === 'practice' ? `/buone-pratiche/${r.slug}` : `/cerco-offro/${r.id}`;

/** Ranked candidates of a post with their reasons (the post is assumed readable). */
async function rankWithReasons(
  deps: Deps,
  post: { id: number; title: string; description: string; theme: string; region: string },
  opts: { limit: number; minScore: number },
): Promise<Match[]> {
  const db = deps.database.db;
  const rows = await m.rankMatches(db, post.id, opts);
  if (!rows.length) return [];
  const source = tokens(`${post.title}\n${post.description}`);
  const words = new Set(source.map((w) => w.toLowerCase()));
  for (const r of rows) for (const w of tokens(r.text)) words.add(w.toLowerCase());
  const lexemes = await m.lexemesOfWords(db, [...words].slice(0, 5000));
  return rows.map(({ text, shared, textScore: _t, ...row }) => {
    const reasons: MatchReason[] = [];
    if (row.theme === post.theme) reasons.push({ code: 'same_theme', theme: row.theme });
    if (row.region === post.region) reasons.push({ code: 'same_region', region: row.region });
    const common = commonWords(source, tokens(text), shared, lexemes);
    if (common.length) reasons.push({ code: 'common_words', words: common });
    return { ...row, score: Math.round(row.score * 100) / 100, reasons, url: matchUrl(row) };
  });
}

/** The best matches of a post the actor may read (its page and GET /api/v1/exchange/:id/matches). */
export async function matchesFor(deps: Deps, actor: Actor, id: number, limit = MATCHES_SHOWN): Promise<Match[]> {
  const post = await findReadablePost(deps, actor, id);
  return rankWithReasons(deps, post, { limit, minScore: MIN_SHOWN_SCORE });
}

/**
 * The people to tell about a new post: behind each strong match (score ≥ STRONG_MATCH_SCORE), a
 * post's author or a practice's contact person, with what they are told about.
 */
export async function strongMatchContacts(
  deps: Deps,
  postId: number,
): Promise<{ userId: number; kind: 'exchange' | 'practice'; title: string; score: number }[]> {
  const rows = await m.rankMatches(deps.database.db, postId, { limit: 50, minScore: STRONG_MATCH_SCORE });
  return rows
    .filter((r): r is typeof r & { contactId: number } => r.contactId !== null)
    .map((r) => ({ userId: r.contactId, kind: r.kind, title: r.title, score: r.score }));
}
