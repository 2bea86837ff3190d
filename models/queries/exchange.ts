// Queries on Cerco / Offro posts: writes, one post with its author, administration and linked
// practice, the board (active posts, filtered, searched, paged), the home page's newest, the sitemap.
// "Active" is one condition (activePost): not closed, not expired. Matching is exchange-matching.ts.
import { and, count, desc, eq, getTableColumns, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  exchangePosts,
  organizations,
  practices,
  users,
  type ExchangeKind,
  type ExchangePost,
  type NewExchangePost,
} from '../schema.ts';
import { SEARCH_CONFIG } from '../schema/search.ts';

/** Posts on the board: neither closed ("risolto") nor expired. */
export const activePost = (): SQL => and(isNull(exchangePosts.closedAt), gt(exchangePosts.expiresAt, sql`now()`))!;

export type ExchangePostRow = ExchangePost & {
  authorName: string | null;
  organizationName: string;
  organizationSlug: string;
  practiceSlug: string | null;
  practiceTitle: string | null;
};

const rowColumns = {
  ...getTableColumns(exchangePosts),
  authorName: users.name,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
  // A linked practice shows while its page is public (published, or archived and still readable).
  practiceSlug: sql<
    string | null
  >`CASE WHEN ${practices.status} IN ('published', 'archived') THEN ${practices.slug} END`,
  practiceTitle: sql<
    string | null
  >`CASE WHEN ${practices.status} IN ('published', 'archived') THEN ${practices.title} END`,
};

const selectPosts = (db: DbOrTx) =>
  db
    .select(rowColumns)
    .from(exchangePosts)
    .innerJoin(organizations, eq(organizations.id, exchangePosts.organizationId))
    .leftJoin(users, eq(users.id, exchangePosts.authorId))
    .leftJoin(practices, eq(practices.id, exchangePosts.practiceId));

export async function insertPost(db: DbOrTx, values: NewExchangePost): Promise<ExchangePost> {
  const [row] = await db.insert(exchangePosts).values(values).returning();
  return row!;
}

export async function updatePost(db: DbOrTx, id: number, values: Partial<NewExchangePost>): Promise<ExchangePost> {
  const [row] = await db
    .update(exchangePosts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(exchangePosts.id, id))
    .returning();
  return row!;
}

/** One post, active or not (who may read an inactive one is the policy's business). */
export async function findPost(db: DbOrTx, id: number): Promise<ExchangePostRow | undefined> {
  const [row] = await selectPosts(db).where(eq(exchangePosts.id, id));
  return row;
}

/** A practice a post may link to: published ones only. */
export async function publishedPracticeBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: practices.id, slug: practices.slug, title: practices.title })
    .from(practices)
    .where(and(eq(practices.slug, slug), eq(practices.status, 'published')));
  return row;
}

export type BoardFilter = {
  kind?: ExchangeKind | undefined;
  theme?: string | undefined;
  region?: string | undefined;
  /** Words to look for (websearch_to_tsquery syntax); the best matches first. */
  q?: string | undefined;
  limit: number;
  offset: number;
};

const tsquery = (q: string) => sql`websearch_to_tsquery(${sql.raw(`'${SEARCH_CONFIG}'::regconfig`)}, ${q})`;

/** The board: active posts, filtered, newest first (by relevance when searching), with the total. */
export async function listActivePosts(db: DbOrTx, f: BoardFilter): Promise<{ rows: ExchangePostRow[]; total: number }> {
  const where = and(
    activePost(),
    f.kind ? eq(exchangePosts.kind, f.kind) : undefined,
    f.theme ? sql`${exchangePosts.theme} = ${f.theme}` : undefined,
    f.region ? eq(exchangePosts.region, f.region) : undefined,
    f.q ? sql`exchange_posts.search_vector @@ ${tsquery(f.q)}` : undefined,
  );
  const order = f.q
    ? [sql`ts_rank(exchange_posts.search_vector, ${tsquery(f.q)}) DESC`, desc(exchangePosts.id)]
    : [desc(exchangePosts.createdAt), desc(exchangePosts.id)];
  const [rows, [total]] = await Promise.all([
    selectPosts(db)
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(exchangePosts).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** An author's own posts, active or not, newest first (their "my posts" list). */
export async function postsOfAuthor(db: DbOrTx, authorId: number, limit = 100): Promise<ExchangePostRow[]> {
  return selectPosts(db)
    .where(eq(exchangePosts.authorId, authorId))
    .orderBy(desc(exchangePosts.createdAt), desc(exchangePosts.id))
    .limit(limit);
}

/** Posts by id (active or not), for notifications and tests. */
export async function postsByIds(db: DbOrTx, ids: number[]): Promise<ExchangePostRow[]> {
  return ids.length ? selectPosts(db).where(inArray(exchangePosts.id, ids)) : [];
}

/** Active posts for the sitemap, newest first. */
export async function activePostPages(db: DbOrTx, limit: number): Promise<{ path: string; lastmod: Date }[]> {
  const rows = await db
    .select({ id: exchangePosts.id, lastmod: exchangePosts.updatedAt })
    .from(exchangePosts)
    .where(activePost())
    .orderBy(desc(exchangePosts.createdAt))
    .limit(limit);
  return rows.map((r) => ({ path: `/cerco-offro/${r.id}`, lastmod: r.lastmod }));
}

const POSTING_LOCK = 724_100_014;

/**
 * Posts an author wrote since `since`, counted after taking a per-author transaction lock, so two
 * posts sent at once are counted one after the other (call inside the writing transaction).
 */
export async function lockAndCountPostsSince(db: DbOrTx, authorId: number, since: Date): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${POSTING_LOCK}, ${authorId})`);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(exchangePosts)
    .where(and(eq(exchangePosts.authorId, authorId), gte(exchangePosts.createdAt, since)));
  return row?.n ?? 0;
}
