// Blocks between people (who may not write to whom) and reports of private messages. A report is
// read back only with the one message it is about: no query here reaches the rest of a conversation.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import { conversationMessages as messages, messageReports as reports, userBlocks, users } from '../schema.ts';

/** Blocks in either direction between `userId` and any of `otherIds`. */
export async function blocksBetween(
  db: DbOrTx,
  userId: number,
  otherIds: number[],
): Promise<{ blockerId: number; blockedId: number }[]> {
  if (!otherIds.length) return [];
  return db
    .select({ blockerId: userBlocks.blockerId, blockedId: userBlocks.blockedId })
    .from(userBlocks)
    .where(
      or(
        and(eq(userBlocks.blockerId, userId), inArray(userBlocks.blockedId, otherIds)),
        and(eq(userBlocks.blockedId, userId), inArray(userBlocks.blockerId, otherIds)),
      ),
    );
}

/** Any block among a set of people (a conversation's participants), in either direction. */
export async function blocksAmong(db: DbOrTx, userIds: number[]): Promise<{ blockerId: number; blockedId: number }[]> {
  if (userIds.length < 2) return [];
  return db
    .select({ blockerId: userBlocks.blockerId, blockedId: userBlocks.blockedId })
    .from(userBlocks)
    .where(and(inArray(userBlocks.blockerId, userIds), inArray(userBlocks.blockedId, userIds)));
}

export async function insertBlock(db: DbOrTx, blockerId: number, blockedId: number): Promise<boolean> {
  const rows = await db
    .insert(userBlocks)
    .values({ blockerId, blockedId })
    .onConflictDoNothing()
    .returning({ blockedId: userBlocks.blockedId });
  return rows.length > 0;
}

export async function deleteBlock(db: DbOrTx, blockerId: number, blockedId: number): Promise<boolean> {
  const rows = await db
    .delete(userBlocks)
    .where(and(eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)))
    .returning({ blockedId: userBlocks.blockedId });
  return rows.length > 0;
}

export async function listBlocked(db: DbOrTx, blockerId: number) {
  return db
    .select({ id: users.id, name: users.name, handle: users.handle, since: userBlocks.createdAt })
    .from(userBlocks)
    .innerJoin(users, eq(users.id, userBlocks.blockedId))
    .where(eq(userBlocks.blockerId, blockerId))
    .orderBy(asc(users.name));
}

/** Files a report and returns its id; undefined when this person had already reported this message. */
export async function insertReport(
  db: DbOrTx,
  values: { messageId: number; reporterId: number; reason: string },
): Promise<number | undefined> {
  const [row] = await db.insert(reports).values(values).onConflictDoNothing().returning({ id: reports.id });
  return row?.id;
}

const reporter = alias(users, 'reporter');
const author = alias(users, 'author');

export type ReportRow = {
  id: number;
  reason: string;
  createdAt: Date;
  reporterName: string | null;
  messageId: number;
  messageHtml: string;
  messageCreatedAt: Date;
  messageRemoved: boolean;
  authorId: number | null;
  authorName: string | null;
  total: number;
};

/** Open reports, oldest first, each with the reported message alone (its text and author). */
export async function listOpenReports(db: DbOrTx, page: { limit: number; offset: number }): Promise<ReportRow[]> {
  return db
    .select({
      id: reports.id,
      reason: reports.reason,
      createdAt: reports.createdAt,
      reporterName: reporter.name,
      messageId: messages.id,
      messageHtml: messages.bodyHtml,
      messageCreatedAt: messages.createdAt,
      messageRemoved: sql<boolean>`${messages.removedAt} IS NOT NULL`,
      authorId: messages.authorId,
      authorName: author.name,
      total: sql<number>`count(*) OVER ()::int`,
    })
    .from(reports)
    .innerJoin(messages, eq(messages.id, reports.messageId))
    .leftJoin(reporter, eq(reporter.id, reports.reporterId))
    .leftJoin(author, eq(author.id, messages.authorId))
    .where(isNull(reports.resolvedAt))
    .orderBy(asc(reports.createdAt), asc(reports.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countOpenReports(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(isNull(reports.resolvedAt));
  return row?.n ?? 0;
}

/** The message an open report is about (undefined when the report is unknown or already resolved). */
export async function openReport(db: DbOrTx, id: number): Promise<{ id: number; messageId: number } | undefined> {
  const [row] = await db
    .select({ id: reports.id, messageId: reports.messageId })
    .from(reports)
    .where(and(eq(reports.id, id), isNull(reports.resolvedAt)));
  return row;
}

/** Closes every open report of a message with the administrator's decision; returns how many. */
export async function resolveReports(
  db: DbOrTx,
  messageId: number,
  by: number,
  resolution: 'dismissed' | 'removed',
): Promise<number> {
  const rows = await db
    .update(reports)
    .set({ resolvedAt: new Date(), resolvedBy: by, resolution })
    .where(and(eq(reports.messageId, messageId), isNull(reports.resolvedAt)))
    .returning({ id: reports.id });
  return rows.length;
}

/** The administrators (a report is announced to them). */
export async function adminIds(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  return rows.map((r) => r.id);
}
