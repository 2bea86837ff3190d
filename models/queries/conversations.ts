// Queries on private conversations and their participants. Reading a conversation always starts
// from `findParticipation` (the person's own participant row): there is no query that loads a
// conversation for someone who is not in it.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  conversationParticipants as participants,
  conversations,
  organizations,
  users,
  type Conversation,
  type ConversationOrigin,
  type ConversationParticipant,
} from '../schema.ts';

export async function insertConversation(
  db: DbOrTx,
  values: { subject: string; origin: ConversationOrigin | null; createdBy: number },
): Promise<Conversation> {
  const [row] = await db.insert(conversations).values(values).returning();
  return row!;
}

/** Adds people (again: someone who left and is added back is a participant anew). */
export async function addParticipants(
  db: DbOrTx,
  conversationId: number,
  people: { userId: number; addedBy: number | null; lastReadMessageId?: number }[],
): Promise<number[]> {
  if (!people.length) return [];
  const rows = await db
    .insert(participants)
    .values(people.map((p) => ({ conversationId, ...p })))
    .onConflictDoNothing()
    .returning({ userId: participants.userId });
  return rows.map((r) => r.userId);
}

export async function removeParticipant(db: DbOrTx, conversationId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(participants)
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)))
    .returning({ userId: participants.userId });
  return rows.length > 0;
}

/** The conversation with the person's participant row: undefined when they are not in it (or it does not exist). */
export async function findParticipation(
  db: DbOrTx,
  conversationId: number,
  userId: number,
  opts: { forUpdate?: boolean } = {},
): Promise<{ conversation: Conversation; participant: ConversationParticipant } | undefined> {
  const query = db
    .select({ conversation: conversations, participant: participants })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
  // Writers lock the conversation's row: messages and membership changes of one conversation go in turn.
  const [row] = await (opts.forUpdate ? query.for('update', { of: conversations }) : query);
  return row;
}

export type ParticipantRow = {
  userId: number;
  name: string;
  handle: string;
  jobTitle: string;
  organizationName: string | null;
  joinedAt: Date;
  lastReadMessageId: number;
  muted: boolean;
};

export async function participantsOf(db: DbOrTx, conversationId: number): Promise<ParticipantRow[]> {
  return db
    .select({
      userId: participants.userId,
      name: users.name,
      handle: users.handle,
      jobTitle: users.jobTitle,
      organizationName: organizations.name,
      joinedAt: participants.joinedAt,
      lastReadMessageId: participants.lastReadMessageId,
      muted: participants.muted,
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(participants.conversationId, conversationId))
    .orderBy(participants.joinedAt, users.name);
}

export async function participantIds(db: DbOrTx, conversationId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: participants.userId })
    .from(participants)
    .where(eq(participants.conversationId, conversationId));
  return rows.map((r) => r.userId);
}

export type ConversationListRow = {
  id: number;
  subject: string;
  lastMessageAt: Date;
  muted: boolean;
  unread: number;
  others: { id: number; name: string }[];
  lastAuthorName: string | null;
  lastBody: string;
  lastKind: string | null;
  lastRemoved: boolean;
  total: number;
};

/** One page of the person's conversations, newest activity first, each with its unread messages. */
export async function listConversationsOf(
  db: DbOrTx,
  userId: number,
  page: { limit: number; offset: number },
): Promise<ConversationListRow[]> {
  const result = await db.execute(sql`
    SELECT c.id, c.subject, c.last_message_at AS "lastMessageAt", p.muted,
      (SELECT count(*)::int FROM conversation_messages m
        WHERE m.conversation_id = c.id AND m.id > p.last_read_message_id
          AND m.author_id IS DISTINCT FROM p.user_id) AS unread,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
        FROM conversation_participants o JOIN users u ON u.id = o.user_id
        WHERE o.conversation_id = c.id AND o.user_id <> p.user_id), '[]'::json) AS others,
      lu.name AS "lastAuthorName", coalesce(lm.body, '') AS "lastBody", lm.kind AS "lastKind",
      (lm.removed_at IS NOT NULL) AS "lastRemoved",
      count(*) OVER ()::int AS total
    FROM conversation_participants p
    JOIN conversations c ON c.id = p.conversation_id
    LEFT JOIN conversation_messages lm ON lm.id = c.last_message_id
    LEFT JOIN users lu ON lu.id = lm.author_id
    WHERE p.user_id = ${userId}
    ORDER BY c.last_message_at DESC, c.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`);
  return (result as unknown as { rows: ConversationListRow[] }).rows.map((r) => ({
    ...r,
    lastMessageAt: new Date(r.lastMessageAt),
  }));
}

/** Conversations with messages the person has not read, muted ones aside (the header's count). */
export async function countUnreadConversations(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await unreadConversationsQuery(db, userId);
  return row?.n ?? 0;
}

/** The query behind countUnreadConversations, to be awaited or used as a subquery. */
export function unreadConversationsQuery(db: DbOrTx, userId: number) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(participants)
    .innerJoin(conversations, eq(conversations.id, participants.conversationId))
    .where(
      and(
        eq(participants.userId, userId),
        eq(participants.muted, false),
        sql`${conversations.lastMessageId} > ${participants.lastReadMessageId}`,
      ),
    );
}

/** Moves the person's read marker forward to `messageId` (never back). */
export async function markReadUpTo(db: DbOrTx, conversationId: number, userId: number, messageId: number) {
  await db
    .update(participants)
    .set({ lastReadMessageId: sql`greatest(${participants.lastReadMessageId}, ${messageId})` })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
}

/** Sets the person's read marker to exactly `messageId` ("segna come non letta"). */
export async function setReadMarker(db: DbOrTx, conversationId: number, userId: number, messageId: number) {
  await db
    .update(participants)
    .set({ lastReadMessageId: messageId })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
}

/** Every conversation of the person read up to its newest message; returns how many changed. */
export async function markAllRead(db: DbOrTx, userId: number): Promise<number> {
  const rows = await db
    .update(participants)
    .set({ lastReadMessageId: conversations.lastMessageId })
    .from(conversations)
    .where(
      and(
        eq(conversations.id, participants.conversationId),
        eq(participants.userId, userId),
        sql`${conversations.lastMessageId} > ${participants.lastReadMessageId}`,
      ),
    )
    .returning({ id: participants.conversationId });
  return rows.length;
}

export async function setMuted(db: DbOrTx, conversationId: number, userId: number, muted: boolean) {
  await db
    .update(participants)
    .set({ muted })
    .where(and(eq(participants.conversationId, conversationId), eq(participants.userId, userId)));
}

/** Records the conversation's newest message. */
export async function touchConversation(db: DbOrTx, conversationId: number, messageId: number, at: Date) {
  await db
    .update(conversations)
    .set({ lastMessageId: messageId, lastMessageAt: at })
    .where(eq(conversations.id, conversationId));
}

/** How many conversations the person started since `since` (a cap against unsolicited mass messages). */
const STARTING_LOCK = 724_100_015;

/** Conversations a person started since `since`, after taking a per-person transaction lock (call inside the writing transaction). */
export async function lockAndCountConversationsSince(db: DbOrTx, userId: number, since: Date): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${STARTING_LOCK}, ${userId})`);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.createdBy, userId), sql`${conversations.createdAt} >= ${since}`));
  return row?.n ?? 0;
}

export type Addressee = { id: number; name: string; handle: string };

/** The people among `ids` who exist (recipients are checked against this). */
export async function usersByIds(db: DbOrTx, ids: number[]): Promise<Addressee[]> {
  if (!ids.length) return [];
  return db.select({ id: users.id, name: users.name, handle: users.handle }).from(users).where(inArray(users.id, ids));
}

/** Participants other than `userId` still in the conversation (who a new message goes to). */
export async function otherParticipantIds(db: DbOrTx, conversationId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: participants.userId })
    .from(participants)
    .where(and(eq(participants.conversationId, conversationId), ne(participants.userId, userId)));
  return rows.map((r) => r.userId);
}
