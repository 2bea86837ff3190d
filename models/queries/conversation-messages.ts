// Queries on the messages of private conversations, and the e-mail bookkeeping of their participants.
import { and, asc, count, eq, lt, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  conversationMessages as messages,
  conversationParticipants as participants,
  organizations,
  users,
  type ConversationMessage,
} from '../schema.ts';

export async function insertMessage(db: DbOrTx, values: typeof messages.$inferInsert): Promise<ConversationMessage> {
  const [row] = await db.insert(messages).values(values).returning();
  return row!;
}

export type MessageRow = {
  id: number;
  conversationId: number;
  kind: ConversationMessage['kind'];
  body: string;
  bodyHtml: string;
  data: ConversationMessage['data'];
  createdAt: Date;
  removedAt: Date | null;
  authorId: number | null;
  authorName: string | null;
  authorOrganization: string | null;
};

const messageColumns = {
  id: messages.id,
  conversationId: messages.conversationId,
  kind: messages.kind,
  body: messages.body,
  bodyHtml: messages.bodyHtml,
  data: messages.data,
  createdAt: messages.createdAt,
  removedAt: messages.removedAt,
  authorId: messages.authorId,
  authorName: users.name,
  authorOrganization: organizations.name,
};

/** One page of a conversation's messages, oldest first. */
export async function listMessages(
  db: DbOrTx,
  conversationId: number,
  page: { limit: number; offset: number },
): Promise<MessageRow[]> {
  return db
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countMessages(db: DbOrTx, conversationId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(messages).where(eq(messages.conversationId, conversationId));
  return row?.n ?? 0;
}

/** One message with its author (for the live push and a report's page). */
export async function findMessageRow(db: DbOrTx, id: number): Promise<MessageRow | undefined> {
  const [row] = await db
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(messages.id, id));
  return row;
}

/** The newest message before `id` in the conversation (0 when none): where "unread" starts again. */
export async function messageIdBefore(db: DbOrTx, conversationId: number, id: number): Promise<number> {
  const [row] = await db
    .select({ id: max(messages.id) })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), lt(messages.id, id)));
  return row?.id ?? 0;
}

/** Replaces a message's text with nothing (an administrator's decision after a report). */
export async function removeMessage(db: DbOrTx, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ body: '', bodyHtml: '', removedAt: at })
    .where(and(eq(messages.id, id), sql`${messages.removedAt} IS NULL`))
    .returning({ id: messages.id });
  return rows.length > 0;
}

export type MailRecipient = { id: number; name: string; email: string; locale: string };

/**
 * Claims the e-mail about `messageId` for one participant: only when they are still in the
 * conversation, have not muted it, want message e-mails, have not read it yet, and were not already
 * e-mailed about an earlier message they still have not read (one e-mail per run of unread
 * messages). The claim is the update itself, so a redelivered event never mails twice.
 */
export async function claimMessageMail(
  db: DbOrTx,
  conversationId: number,
  userId: number,
  messageId: number,
): Promise<MailRecipient | undefined> {
  const claimed = await db
    .update(participants)
    .set({ lastMailedMessageId: messageId })
    .where(
      and(
        eq(participants.conversationId, conversationId),
        eq(participants.userId, userId),
        eq(participants.muted, false),
        sql`${participants.lastReadMessageId} < ${messageId}`,
        sql`(${participants.lastMailedMessageId} IS NULL OR ${participants.lastMailedMessageId} <= ${participants.lastReadMessageId})`,
        sql`EXISTS (SELECT 1 FROM users u WHERE u.id = ${participants.userId} AND u.message_emails)`,
      ),
    )
    .returning({ userId: participants.userId });
  if (!claimed.length) return undefined;
  const [person] = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  return person;
}
