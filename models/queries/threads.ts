// Queries on discussion threads.
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { groupMemberships, groups, posts, subscriptions, threadReads, threads, users, type Thread } from '../schema.ts';

export async function insertThread(db: DbOrTx, values: typeof threads.$inferInsert): Promise<Thread> {
  const [row] = await db.insert(threads).values(values).returning();
  return row!;
}

export async function findThread(db: DbOrTx, id: number): Promise<Thread | undefined> {
  const [row] = await db
    .select()
    .from(threads)
    .where(and(eq(threads.id, id), isNull(threads.deletedAt)));
  return row;
}

export async function updateThread(
  db: DbOrTx,
  id: number,
  values: Partial<typeof threads.$inferInsert>,
): Promise<Thread | undefined> {
  const [row] = await db.update(threads).set(values).where(eq(threads.id, id)).returning();
  return row;
}

/** Reserves the next position in a thread (row-locked by the UPDATE, so concurrent replies never collide). */
export async function nextPosition(db: DbOrTx, threadId: number): Promise<number> {
  const [row] = await db
    .update(threads)
    .set({ lastPosition: sql`${threads.lastPosition} + 1` })
    .where(eq(threads.id, threadId))
    .returning({ position: threads.lastPosition });
  return row!.position;
}

export async function touchThread(db: DbOrTx, threadId: number, at: Date): Promise<void> {
  await db
    .update(threads)
    .set({ postCount: sql`${threads.postCount} + 1`, lastPostAt: at })
    .where(eq(threads.id, threadId));
}

export type ThreadListRow = {
  id: number;
  title: string;
  pinned: boolean;
  locked: boolean;
  postCount: number;
  lastPosition: number;
  lastPostAt: Date;
  createdAt: Date;
  authorId: number | null;
  authorName: string | null;
  lastReadPosition: number | null;
};

/** A group's threads: pinned first, then by last activity; with the viewer's read position. */
export async function listGroupThreads(
  db: DbOrTx,
  groupId: number,
  viewerId: number | null,
  page: { limit: number; offset: number },
): Promise<{ rows: ThreadListRow[]; total: number }> {
  const rows = await db
    .select({
      id: threads.id,
      title: threads.title,
      pinned: threads.pinned,
      locked: threads.locked,
      postCount: threads.postCount,
      lastPosition: threads.lastPosition,
      lastPostAt: threads.lastPostAt,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
      authorName: users.name,
      lastReadPosition: threadReads.lastReadPosition,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(threads)
    .leftJoin(users, eq(users.id, threads.authorId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewerId ?? -1)))
    .where(and(eq(threads.groupId, groupId), isNull(threads.deletedAt)))
    .orderBy(desc(threads.pinned), desc(threads.lastPostAt), desc(threads.id))
    .limit(page.limit)
    .offset(page.offset);
  // The total comes with the page's rows; only a page past the end asks for it on its own.
  if (rows.length || !page.offset) return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
  const [total] = await db
    .select({ n: count() })
    .from(threads)
    .where(and(eq(threads.groupId, groupId), isNull(threads.deletedAt)));
  return { rows: [], total: total?.n ?? 0 };
}

export async function markRead(db: DbOrTx, userId: number, threadId: number, position: number): Promise<void> {
  await db
    .insert(threadReads)
    .values({ userId, threadId, lastReadPosition: position })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: { lastReadPosition: sql`greatest(${threadReads.lastReadPosition}, ${position})`, readAt: sql`now()` },
    });
}

/** The first post of a thread (position 1). */
export async function firstPostId(db: DbOrTx, threadId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.position, 1)));
  return row?.id;
}

/**
 * A thread with its group and what the viewer has to do with them — membership, read marker,
 * subscription — in one statement (the thread page). No viewer: nulls and false.
 */
export async function threadForViewer(db: DbOrTx, threadId: number, viewerId: number | null) {
  const viewer = viewerId ?? -1;
  const [row] = await db
    .select({
      thread: threads,
      group: groups,
      membership: groupMemberships,
      lastRead: sql<number | null>`(SELECT ${threadReads.lastReadPosition} FROM ${threadReads}
        WHERE ${threadReads.userId} = ${viewer} AND ${threadReads.threadId} = ${threads.id})`,
      following: sql<boolean>`EXISTS (SELECT 1 FROM ${subscriptions} WHERE ${subscriptions.userId} = ${viewer}
        AND ${subscriptions.targetType} = 'thread' AND ${subscriptions.targetId} = ${threads.id})`,
    })
    .from(threads)
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .leftJoin(groupMemberships, and(eq(groupMemberships.groupId, threads.groupId), eq(groupMemberships.userId, viewer)))
    .where(and(eq(threads.id, threadId), isNull(threads.deletedAt)));
  return row;
}

export async function groupOfThread(db: DbOrTx, threadId: number) {
  const [row] = await db
    .select({ thread: threads, group: groups })
    .from(threads)
    .innerJoin(groups, eq(groups.id, threads.groupId))
    .where(and(eq(threads.id, threadId), isNull(threads.deletedAt)));
  return row;
}

/** The ids of a group's threads (their live rooms). */
export async function threadIdsOfGroup(db: DbOrTx, groupId: number): Promise<number[]> {
  return (await db.select({ id: threads.id }).from(threads).where(eq(threads.groupId, groupId))).map((t) => t.id);
}

export type LatestThreadRow = {
  id: number;
  title: string;
  createdAt: Date;
  authorName: string | null;
  /** The opening post's text; null when it is hidden or deleted. */
  body: string | null;
};

/** A group's newest threads (not deleted), with the opening post's text when it is still visible (feeds). */
export async function latestThreads(db: DbOrTx, groupId: number, limit: number): Promise<LatestThreadRow[]> {
  return db
    .select({
      id: threads.id,
      title: threads.title,
      createdAt: threads.createdAt,
      authorName: users.name,
      body: sql<string | null>`(SELECT p.body FROM posts p WHERE p.thread_id = ${threads.id} AND p.position = 1
                                  AND p.deleted_at IS NULL AND p.hidden_at IS NULL)`,
    })
    .from(threads)
    .leftJoin(users, eq(users.id, threads.authorId))
    .where(and(eq(threads.groupId, groupId), isNull(threads.deletedAt)))
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .limit(limit);
}
