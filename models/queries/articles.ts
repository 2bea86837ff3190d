// Queries on articles: the row and its parts (tags, press items, relations, files, revisions), the
// section lists (published only, keyset-paginated on (published_at, id)), related articles, the
// scheduled ones that are due, and what a period published (the newsletter).
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { lockLinkableUploads } from './attachments.ts';
import {
  articleAttachments,
  articleRelations,
  articleRevisions,
  articles,
  articleTags,
  attachments,
  pressItems,
  users,
  type Article,
  type ArticleKind,
  type ArticleTheme,
  type Attachment,
  type NewArticle,
  type PressItem,
} from '../schema.ts';

/** The outer article row's id, for subqueries. */
const ARTICLE_ID = sql.raw('"articles"."id"');

export type ArticleWithAuthor = Article & { authorName: string | null };

export async function findArticleBySlug(
  db: DbOrTx,
  slug: string,
  opts: { lock?: boolean } = {},
): Promise<ArticleWithAuthor | undefined> {
  const query = db
    .select({ article: articles, authorName: users.name })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(eq(articles.slug, slug));
  const [row] = opts.lock ? await query.for('update', { of: articles }) : await query;
  return row ? { ...row.article, authorName: row.authorName } : undefined;
}

/** An article to read, with its author's name and its tags (alphabetical) in the same row. */
export async function findArticleToRead(
  db: DbOrTx,
  slug: string,
): Promise<(ArticleWithAuthor & { tags: string[] }) | undefined> {
  const [row] = await db
    .select({
      article: articles,
      authorName: users.name,
      tags: sql<string[]>`ARRAY(SELECT t.tag FROM article_tags t WHERE t.article_id = ${ARTICLE_ID} ORDER BY t.tag)`,
    })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(eq(articles.slug, slug));
  return row ? { ...row.article, authorName: row.authorName, tags: row.tags } : undefined;
}

export async function slugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug));
  return Boolean(row);
}

/** Inserts an article; undefined when its slug was taken meanwhile (the unique key decides). */
export async function insertArticleUnlessSlugTaken(db: DbOrTx, values: NewArticle): Promise<Article | undefined> {
  const [row] = await db.insert(articles).values(values).onConflictDoNothing({ target: articles.slug }).returning();
  return row;
}

export async function updateArticle(db: DbOrTx, id: number, values: Partial<NewArticle>): Promise<Article> {
  const [row] = await db.update(articles).set(values).where(eq(articles.id, id)).returning();
  return row!;
}

// --- Parts ---------------------------------------------------------------------------------

export async function replaceTags(db: DbOrTx, articleId: number, tags: string[]): Promise<void> {
  await db.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (tags.length) await db.insert(articleTags).values(tags.map((tag) => ({ articleId, tag })));
}

/** Tags of the given articles, by article id, alphabetical. */
export async function tagsOf(db: DbOrTx, articleIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!articleIds.length) return out;
  const rows = await db
    .select()
    .from(articleTags)
    .where(inArray(articleTags.articleId, articleIds))
    .orderBy(asc(articleTags.tag));
  for (const r of rows) out.set(r.articleId, [...(out.get(r.articleId) ?? []), r.tag]);
  return out;
}

export type PressItemInput = Omit<PressItem, 'id' | 'articleId' | 'position'>;

export async function replacePressItems(db: DbOrTx, articleId: number, items: PressItemInput[]): Promise<void> {
  await db.delete(pressItems).where(eq(pressItems.articleId, articleId));
  if (items.length) await db.insert(pressItems).values(items.map((item, i) => ({ ...item, articleId, position: i })));
}

export async function pressItemsOf(db: DbOrTx, articleId: number): Promise<PressItem[]> {
  return db.select().from(pressItems).where(eq(pressItems.articleId, articleId)).orderBy(asc(pressItems.position));
}

export async function replaceRelations(db: DbOrTx, articleId: number, relatedIds: number[]): Promise<void> {
  await db.delete(articleRelations).where(eq(articleRelations.articleId, articleId));
  if (relatedIds.length)
    await db.insert(articleRelations).values(relatedIds.map((relatedId, i) => ({ articleId, relatedId, position: i })));
}

/**
 * The articles named by these slugs (unknown slugs are simply absent), drafts too: with their
 * status and author, for the caller's policy to keep only those the writer may read.
 */
export async function articlesBySlugs(
  db: DbOrTx,
  slugs: string[],
): Promise<Pick<Article, 'id' | 'slug' | 'status' | 'authorId'>[]> {
  if (!slugs.length) return [];
  return db
    .select({ id: articles.id, slug: articles.slug, status: articles.status, authorId: articles.authorId })
    .from(articles)
    .where(inArray(articles.slug, slugs));
}

/** The slugs an article names as related, in order (drafts included: the editor sees what they wrote). */
export async function relatedSlugsOf(db: DbOrTx, articleId: number): Promise<string[]> {
  const rows = await db
    .select({ slug: articles.slug })
    .from(articleRelations)
    .innerJoin(articles, eq(articles.id, articleRelations.relatedId))
    .where(eq(articleRelations.articleId, articleId))
    .orderBy(asc(articleRelations.position));
  return rows.map((r) => r.slug);
}

/** An article's files, in order. */
export async function attachmentsOfArticle(db: DbOrTx, articleId: number): Promise<Attachment[]> {
  const rows = await db
    .select({ attachment: attachments })
    .from(articleAttachments)
    .innerJoin(attachments, eq(attachments.id, articleAttachments.attachmentId))
    .where(eq(articleAttachments.articleId, articleId))
    .orderBy(asc(articleAttachments.position), asc(attachments.id));
  return rows.map((r) => r.attachment);
}

/**
 * Links uploads to an article: each must be an unlinked upload of `uploaderId`. Links all or none; returns how many it linked (fewer than asked: refuse).
 */
export async function linkArticleAttachments(
  db: DbOrTx,
  articleId: number,
  ids: number[],
  uploaderId: number,
  firstPosition: number,
): Promise<number> {
  if (!ids.length) return 0;
  const free = await lockLinkableUploads(db, ids, uploaderId);
  if (free !== ids.length) return free;
  const linked = await db
    .insert(articleAttachments)
    .values(ids.map((attachmentId, i) => ({ articleId, attachmentId, position: firstPosition + i })))
    .onConflictDoNothing()
    .returning({ id: articleAttachments.attachmentId });
  return linked.length;
}

/** Unlinks files from an article; they become unlinked uploads, removed by the stale-upload clean-up. */
export async function unlinkArticleAttachments(db: DbOrTx, articleId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .delete(articleAttachments)
    .where(and(eq(articleAttachments.articleId, articleId), inArray(articleAttachments.attachmentId, ids)));
}

/** The article an attachment belongs to, with what deciding who reads it takes. */
export async function articleOfAttachment(
  db: DbOrTx,
  attachmentId: number,
): Promise<Pick<Article, 'id' | 'status' | 'authorId'> | undefined> {
  const [row] = await db
    .select({ id: articles.id, status: articles.status, authorId: articles.authorId })
    .from(articleAttachments)
    .innerJoin(articles, eq(articles.id, articleAttachments.articleId))
    .where(eq(articleAttachments.attachmentId, attachmentId));
  return row;
}

// --- Revisions -----------------------------------------------------------------------------

export async function insertRevision(db: DbOrTx, values: typeof articleRevisions.$inferInsert): Promise<void> {
  await db.insert(articleRevisions).values(values);
}

export async function listRevisions(db: DbOrTx, articleId: number) {
  return db
    .select({
      id: articleRevisions.id,
      title: articleRevisions.title,
      summary: articleRevisions.summary,
      body: articleRevisions.body,
      data: articleRevisions.data,
      createdAt: articleRevisions.createdAt,
      editorName: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.editedBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.id));
}

// --- Lists ---------------------------------------------------------------------------------

const cardColumns = {
  id: articles.id,
  slug: articles.slug,
  kind: articles.kind,
  title: articles.title,
  summary: articles.summary,
  theme: articles.theme,
  status: articles.status,
  publishedAt: articles.publishedAt,
  authorId: articles.authorId,
  authorName: users.name,
  lawReference: articles.lawReference,
  lawStatus: articles.lawStatus,
  lawDate: articles.lawDate,
  // Its tags in the same row: a list of cards costs one query, not one more for their tags.
  tags: sql<string[]>`ARRAY(SELECT t.tag FROM article_tags t WHERE t.article_id = ${ARTICLE_ID} ORDER BY t.tag)`,
};
export type ArticleCard = {
  id: number;
  slug: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  theme: ArticleTheme;
  status: Article['status'];
  publishedAt: Date | null;
  authorId: number | null;
  authorName: string | null;
  lawReference: string | null;
  lawStatus: Article['lawStatus'];
  lawDate: string | null;
  /** Alphabetical. */
  tags: string[];
};

export type SectionQuery = {
  kind?: ArticleKind | undefined;
  theme?: ArticleTheme | undefined;
  tag?: string | undefined;
  /** Published in [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  order: 'desc' | 'asc';
  /** Keyset: the rows after (in the list's order) or before this article. */
  after?: number | undefined;
  before?: number | undefined;
  limit: number;
};

const published = eq(articles.status, 'published');

/**
 * One page of published articles in the list's order. With `after`/`before` the page starts after
 * (ends before) that article, compared on (published_at, id): an index range scan however deep the
 * page. `before` pages are read backwards and returned in the list's order.
 */
export async function listPublished(db: DbOrTx, q: SectionQuery): Promise<ArticleCard[]> {
  const conds: (SQL | undefined)[] = [published];
  if (q.kind) conds.push(eq(articles.kind, q.kind));
  if (q.theme) conds.push(eq(articles.theme, q.theme));
  if (q.tag)
    conds.push(sql`EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = ${ARTICLE_ID} AND t.tag = ${q.tag})`);
  if (q.from) conds.push(gte(articles.publishedAt, q.from));
  if (q.to) conds.push(lt(articles.publishedAt, q.to));
  const backwards = q.before !== undefined;
  const cursor = q.after ?? q.before;
  // Going forward in a newest-first list means older rows: "<"; everything else follows from that.
  const older = (q.order === 'desc') !== backwards;
  if (cursor !== undefined) {
    const op = sql.raw(older ? '<' : '>');
    conds.push(
      sql`(${articles.publishedAt}, ${articles.id}) ${op} (SELECT c.published_at, c.id FROM articles c WHERE c.id = ${cursor})`,
    );
  }
  const dir = older ? desc : asc;
  const rows = await db
    .select(cardColumns)
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(...conds))
    .orderBy(dir(articles.publishedAt), dir(articles.id))
    .limit(q.limit);
  return backwards ? rows.reverse() : rows;
}

/** The first and last publication dates of published articles (of a kind): the years a list offers. */
export async function publishedSpan(db: DbOrTx, kind?: ArticleKind): Promise<{ first: Date; last: Date } | null> {
  const where = and(published, kind ? eq(articles.kind, kind) : undefined);
  const edge = async (dir: typeof asc) => {
    const [row] = await db
      .select({ at: articles.publishedAt })
      .from(articles)
      .where(where)
      .orderBy(dir(articles.publishedAt), dir(articles.id))
      .limit(1);
    return row?.at ?? null;
  };
  const [first, last] = await Promise.all([edge(asc), edge(desc)]);
  return first && last ? { first, last } : null;
}

/** The drafts and scheduled articles a writer may open (all of them with `all`). */
export async function unpublishedFor(
  db: DbOrTx,
  authorId: number,
  all: boolean,
  limit: number,
): Promise<ArticleCard[]> {
  return db
    .select(cardColumns)
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(ne(articles.status, 'published'), all ? undefined : eq(articles.authorId, authorId)))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(limit);
}

/** Published articles an article names as related, in its order. */
export async function explicitRelated(db: DbOrTx, articleId: number): Promise<ArticleCard[]> {
  return db
    .select(cardColumns)
    .from(articleRelations)
    .innerJoin(articles, eq(articles.id, articleRelations.relatedId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articleRelations.articleId, articleId), published))
    .orderBy(asc(articleRelations.position));
}

/**
 * Published articles close to one: sharing its tags (the more the closer) or its theme, then the
 * most recent. Reads only the candidates of its tags and theme (both indexed), never every article.
 */
export async function similarArticles(
  db: DbOrTx,
  article: Pick<Article, 'id' | 'theme'>,
  tags: string[],
  exceptIds: number[],
  limit: number,
): Promise<ArticleCard[]> {
  const shared = sql`(SELECT count(*) FROM article_tags t WHERE t.article_id = ${ARTICLE_ID} AND t.tag IN ${tags})`;
  const byTag = sql`EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = ${ARTICLE_ID} AND t.tag IN ${tags})`;
  const recent = [desc(articles.publishedAt), desc(articles.id)];
  return db
    .select(cardColumns)
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(
      and(
        published,
        notInArray(articles.id, [article.id, ...exceptIds]),
        tags.length ? sql`(${articles.theme} = ${article.theme} OR ${byTag})` : eq(articles.theme, article.theme),
      ),
    )
    .orderBy(...(tags.length ? [sql`${shared} DESC`, ...recent] : recent))
    .limit(limit);
}

/** Published articles in [from, to), oldest first (a period's newsletter). */
export async function publishedIn(db: DbOrTx, from: Date, to: Date): Promise<ArticleCard[]> {
  return db
    .select(cardColumns)
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(published, gte(articles.publishedAt, from), lt(articles.publishedAt, to)))
    .orderBy(asc(articles.publishedAt), asc(articles.id));
}

// --- Scheduled publication -----------------------------------------------------------------

/**
 * Scheduled articles due at `now`, locked for this transaction; rows another process is publishing
 * are skipped, so each goes live once however many processes run the job.
 */
export async function lockDueArticles(db: DbOrTx, now: Date, limit: number): Promise<Article[]> {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}
