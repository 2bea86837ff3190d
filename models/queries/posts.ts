// Queries on posts, their revisions, reactions, mentions and flags.
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import {
  attachments,
  flags,
  groups,
  mentions,
  organizations,
  postRevisions,
  posts,
  reactions,
  threads,
  users,
  type Post,
} from '../schema.ts';

export async function insertPost(db: DbOrTx, values: typeof posts.$inferInsert): Promise<Post> {
  const [row] = await db.insert(posts).values(values).returning();
  return row!;
}

export async function findPost(db: DbOrTx, id: number): Promise<Post | undefined> {
  const [row] = await db.select().from(posts).where(eq(posts.id, id));
  return row;
}

/** A post with its thread and group, for authorization. */
export async function findPostContext(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ post: posts, thread: threads, group: groups })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .where(and(eq(posts.id, id), isNull(threads.deletedAt)));
  return row;
}

export async function updatePost(
  db: DbOrTx,
  id: number,
  values: Partial<typeof posts.$inferInsert>,
): Promise<Post | undefined> {
  const [row] = await db.update(posts).set(values).where(eq(posts.id, id)).returning();
  return row;
}

const parent = alias(posts, 'parent');
const parentAuthor = alias(users, 'parent_author');

export type PostRow = {
  id: number;
  threadId: number;
  parentId: number | null;
  position: number;
  depth: number;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  authorId: number | null;
  authorName: string | null;
  authorJobTitle: string | null;
  authorOrganization: string | null;
  parentPosition: number | null;
  parentAuthorName: string | null;
};

/** A post's reactions by kind, and whether the viewer gave each. */
export type PostReactionCount = { kind: 'utile' | 'grazie'; n: number; mine: boolean };
/** What a thread page shows of a post's attached files. */
export type PostFile = { id: number; filename: string; mime: string; size: number };

/**
 * One page of a thread in threaded order (each reply right after the post it answers), with each
 * post's reaction counts (and the viewer's own) and attached files, in one statement.
 */
export async function listThreadPosts(
  db: DbOrTx,
  threadId: number,
  page: { limit: number; offset: number },
  viewerId: number | null = null,
): Promise<(PostRow & { reactionCounts: PostReactionCount[]; files: PostFile[] })[]> {
  return db
    .select({
      reactionCounts: sql<PostReactionCount[]>`coalesce((
        SELECT json_agg(json_build_object('kind', r.kind, 'n', r.n, 'mine', r.mine))
          FROM (SELECT ${reactions.kind} AS kind, count(*)::int AS n, bool_or(${reactions.userId} = ${viewerId ?? -1}) AS mine
                  FROM ${reactions} WHERE ${reactions.postId} = ${posts.id} GROUP BY ${reactions.kind}) r), '[]'::json)`,
      files: sql<PostFile[]>`coalesce((
        SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'mime', a.mime, 'size', a.size) ORDER BY a.id)
          FROM ${attachments} a WHERE a.post_id = ${posts.id}), '[]'::json)`,
      id: posts.id,
      threadId: posts.threadId,
      parentId: posts.parentId,
      position: posts.position,
      depth: posts.depth,
      body: posts.body,
      bodyHtml: posts.bodyHtml,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      authorId: posts.authorId,
      authorName: users.name,
      authorJobTitle: users.jobTitle,
      authorOrganization: organizations.name,
      parentPosition: parent.position,
      parentAuthorName: parentAuthor.name,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(parent, eq(parent.id, posts.parentId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(eq(posts.threadId, threadId))
    .orderBy(asc(posts.sortPath))
    .limit(page.limit)
    .offset(page.offset);
}

/** How many posts come before a post in threaded order (to find the page it is on). */
export async function postsBefore(db: DbOrTx, threadId: number, sortPath: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), sql`${posts.sortPath} < ${sortPath}`));
  return row?.n ?? 0;
}

export type ReactionSummary = { utile: number; grazie: number; mine: string[] };

/** A post's reaction counts by kind as the page shows them. */
export function reactionSummary(counts: PostReactionCount[]): ReactionSummary {
  const summary: ReactionSummary = { utile: 0, grazie: 0, mine: [] };
  for (const c of counts) {
    summary[c.kind] = c.n;
    if (c.mine) summary.mine.push(c.kind);
  }
  return summary;
}

/** Reaction counts per post and which ones the viewer gave. */
export async function reactionsFor(
  db: DbOrTx,
  postIds: number[],
  viewerId: number | null,
): Promise<Map<number, ReactionSummary>> {
  const out = new Map<number, ReactionSummary>();
  if (!postIds.length) return out;
  const rows = await db
    .select({
      postId: reactions.postId,
      kind: reactions.kind,
      n: count(),
      mine: sql<boolean>`bool_or(${reactions.userId} = ${viewerId ?? -1})`,
    })
    .from(reactions)
    .where(inArray(reactions.postId, postIds))
    .groupBy(reactions.postId, reactions.kind);
  const byPost = new Map<number, PostReactionCount[]>();
  for (const r of rows) byPost.set(r.postId, [...(byPost.get(r.postId) ?? []), r]);
  for (const [postId, counts] of byPost) out.set(postId, reactionSummary(counts));
  return out;
}

export async function addReaction(
  db: DbOrTx,
  postId: number,
  userId: number,
  kind: 'utile' | 'grazie',
): Promise<boolean> {
  const rows = await db
    .insert(reactions)
    .values({ postId, userId, kind })
    .onConflictDoNothing()
    .returning({ postId: reactions.postId });
  return rows.length > 0;
}

export async function removeReaction(
  db: DbOrTx,
  postId: number,
  userId: number,
  kind: 'utile' | 'grazie',
): Promise<boolean> {
  const rows = await db
    .delete(reactions)
    .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId), eq(reactions.kind, kind)))
    .returning({ postId: reactions.postId });
  return rows.length > 0;
}

export async function insertRevision(db: DbOrTx, values: typeof postRevisions.$inferInsert): Promise<void> {
  await db.insert(postRevisions).values(values);
}

export async function listRevisions(db: DbOrTx, postId: number) {
  return db
    .select({
      id: postRevisions.id,
      body: postRevisions.body,
      createdAt: postRevisions.createdAt,
      editorName: users.name,
    })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.editedBy))
    .where(eq(postRevisions.postId, postId))
    .orderBy(desc(postRevisions.id));
}

export async function replaceMentions(db: DbOrTx, postId: number, userIds: number[]): Promise<number[]> {
  const before = (await db.select({ userId: mentions.userId }).from(mentions).where(eq(mentions.postId, postId))).map(
    (r) => r.userId,
  );
  await db.delete(mentions).where(eq(mentions.postId, postId));
  if (userIds.length)
    await db
      .insert(mentions)
      .values(userIds.map((userId) => ({ postId, userId })))
      .onConflictDoNothing();
  return userIds.filter((id) => !before.includes(id));
}

export async function insertFlag(db: DbOrTx, values: { postId: number; reporterId: number; reason: string }) {
  const [row] = await db
    .insert(flags)
    .values(values)
    .onConflictDoUpdate({
      target: [flags.postId, flags.reporterId],
      set: { reason: values.reason, resolvedAt: null, resolvedBy: null, resolution: null, createdAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function resolveFlags(db: DbOrTx, postId: number, byUserId: number, resolution: string): Promise<number> {
  const rows = await db
    .update(flags)
    .set({ resolvedAt: sql`now()`, resolvedBy: byUserId, resolution })
    .where(and(eq(flags.postId, postId), isNull(flags.resolvedAt)))
    .returning({ id: flags.id });
  return rows.length;
}

const reporter = alias(users, 'reporter');

/** Open flags, oldest first, optionally limited to some groups. */
export async function openFlags(db: DbOrTx, groupIds: number[] | 'all') {
  if (groupIds !== 'all' && !groupIds.length) return [];
  return db
    .select({
      id: flags.id,
      reason: flags.reason,
      createdAt: flags.createdAt,
      reporterName: reporter.name,
      postId: posts.id,
      postHtml: posts.bodyHtml,
      postHidden: posts.hiddenAt,
      authorName: users.name,
      threadId: threads.id,
      threadTitle: threads.title,
      groupSlug: groups.slug,
      groupName: groups.name,
    })
    .from(flags)
    .innerJoin(posts, eq(posts.id, flags.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .leftJoin(reporter, eq(reporter.id, flags.reporterId))
    .where(
      and(
        isNull(flags.resolvedAt),
        isNull(posts.deletedAt),
        groupIds === 'all' ? undefined : inArray(groups.id, groupIds),
      ),
    )
    .orderBy(asc(flags.createdAt));
}
