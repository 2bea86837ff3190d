// Reading articles: the section lists (filters, keyset pages), one article with its parts and its
// related articles, the RSS feeds' items, the home page's latest news and a period's articles for
// the newsletter. Only published articles leave here, except to those who may edit them.
import * as q from '../../../models/queries/articles.ts';
import type { ArticleKind } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { fromItalianWallTime, italianWallTime } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { toAttachmentView } from '../attachments/attachments.service.ts';
import {
  canEditArticle,
  canReadArticle,
  canSeeArticleHistory,
  canWriteArticles,
  seesAllDrafts,
} from './articles.policy.ts';
import { articleListQuerySchema, sectionQuerySchema } from './articles.schema.ts';

/** How many related articles an article page shows. */
export const RELATED_COUNT = 4;

export type ListFilter = {
  kind?: ArticleKind | undefined;
  theme?: q.SectionQuery['theme'];
  tag?: string | undefined;
  year?: number | undefined;
  order: 'desc' | 'asc';
  after?: number | undefined;
  before?: number | undefined;
  limit: number;
};

const yearStart = (year: number) => fromItalianWallTime({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 })!;

/** A card carries its tags (read in the same row). */
export type CardWithTags = q.ArticleCard;

/**
 * One page of published articles: a keyset page of `limit` (one more is read to know whether a
 * next page exists), with the cursors of the pages around it.
 */
export async function listArticles(deps: Deps, f: ListFilter) {
  const backwards = f.before !== undefined;
  const rows = await q.listPublished(deps.database.db, {
    kind: f.kind,
    theme: f.theme,
    tag: f.tag,
    from: f.year ? yearStart(f.year) : undefined,
    to: f.year ? yearStart(f.year + 1) : undefined,
    order: f.order,
    after: backwards ? undefined : f.after,
    before: f.before,
    limit: f.limit + 1,
  });
  const more = rows.length > f.limit;
  const page = backwards ? rows.slice(more ? 1 : 0) : rows.slice(0, f.limit);
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : f.after !== undefined;
  return {
    items: page,
    next: hasNext && page.length ? page.at(-1)!.id : undefined,
    prev: hasPrev && page.length ? page[0]!.id : undefined,
  };
}

/** The years a list's year filter offers, newest first (from the first and last publication). */
async function yearsOf(deps: Deps, kind?: ArticleKind): Promise<number[]> {
  const span = await q.publishedSpan(deps.database.db, kind);
  if (!span) return [];
  const years: number[] = [];
  for (let y = italianWallTime(span.last).year; y >= italianWallTime(span.first).year; y--) years.push(y);
  return years;
}

/**
 * A section page: `/notizie` (every kind, or ?tipo=) or one kind's section, filtered by theme, tag
 * and year, newest or oldest first; writers also see the drafts and scheduled articles they may open.
 */
export async function sectionPage(deps: Deps, actor: Actor, kind: ArticleKind | undefined, input: unknown) {
  const query = parseInput(sectionQuerySchema, input);
  const filter = {
    kind: kind ?? query.tipo,
    theme: query.tema,
    tag: query.tag,
    year: query.anno,
    order: query.ordine === 'meno-recenti' ? ('asc' as const) : ('desc' as const),
    after: query.dopo,
    before: query.prima,
    limit: query.limit,
  };
  const firstPage = filter.after === undefined && filter.before === undefined;
  const [list, years, unpublished] = await Promise.all([
    listArticles(deps, filter),
    yearsOf(deps, kind),
    canWriteArticles(actor) && firstPage
      ? q.unpublishedFor(deps.database.db, actor!.id, seesAllDrafts(actor), 20)
      : Promise.resolve([]),
  ]);
  return { query, filter, ...list, years, unpublished, can: { write: canWriteArticles(actor) } };
}

/** The API's list: the same filters with English names; refuses (400) what it does not know. */
export async function apiList(deps: Deps, input: unknown) {
  const f = parseInput(articleListQuerySchema, input);
  return listArticles(deps, { ...f, year: f.year });
}

/** One article as the actor may see it, with its parts and related articles; otherwise 404. */
export async function readArticle(deps: Deps, actor: Actor, slug: string) {
  const db = deps.database.db;
  const found = await q.findArticleToRead(db, slug);
  if (!found || !canReadArticle(actor, found)) throw new NotFoundError();
  const { tags, ...article } = found;
  const [pressItems, files, explicit] = await Promise.all([
    article.kind === 'press' ? q.pressItemsOf(db, article.id) : Promise.resolve([]),
    q.attachmentsOfArticle(db, article.id),
    q.explicitRelated(db, article.id),
  ]);
  const similar =
    explicit.length >= RELATED_COUNT
      ? []
      : await q.similarArticles(
          db,
          article,
          tags,
          explicit.map((r) => r.id),
          RELATED_COUNT - explicit.length,
        );
  return {
    article,
    tags,
    pressItems,
    attachments: files.map(toAttachmentView),
    related: [...explicit, ...similar],
    explicitCount: explicit.length,
    can: { edit: canEditArticle(actor, article), history: canSeeArticleHistory(actor, article) },
  };
}

/** The newest published articles of a kind (or of every kind), for the RSS feeds. */
export async function feedItems(deps: Deps, kind?: ArticleKind, limit = 30) {
  return (await listArticles(deps, { kind, order: 'desc', limit })).items;
}

/** The home page's "latest news": the newest published articles of every kind. */
export async function latestNews(deps: Deps, limit = 4) {
  return (await listArticles(deps, { order: 'desc', limit })).items;
}

/** Articles published in [from, to), oldest first: what a newsletter of that period tells. */
export async function publishedBetween(deps: Deps, from: Date, to: Date) {
  return q.publishedIn(deps.database.db, from, to);
}
