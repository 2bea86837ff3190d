// Private conversations, the reading side: a person's list with unread counts, one conversation's
// page (which marks what it shows as read), read/unread and mute, the header's count, and what the
// live broadcaster sends to each participant when a message arrives.
import * as q from '../../../models/queries/conversations.ts';
import * as m from '../../../models/queries/conversation-messages.ts';
import { blocksBetween } from '../../../models/queries/message-moderation.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import type { HeaderCount } from '../../core/header-counts.ts';
import { NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { NOT_FOUND, participation } from './conversations.access.ts';
import { blockBetween, canReportMessage, canWrite } from './conversations.policy.ts';
import { listQuerySchema, muteSchema, threadQuerySchema } from './conversations.schema.ts';

export const CONVERSATIONS_PER_PAGE = 20;
export const MESSAGES_PER_PAGE = 50;

const pagesOf = (total: number, per: number) => Math.max(1, Math.ceil(total / per));

/** The actor's conversations, newest activity first, with how many messages of each they have not read. */
export async function listConversations(deps: Deps, actor: Actor, input: unknown) {
  assertCan(actor, true);
  const { page } = parseInput(listQuerySchema, input);
  const db = deps.database.db;
  const [rows, unreadConversations] = await Promise.all([
    q.listConversationsOf(db, actor.id, {
      limit: CONVERSATIONS_PER_PAGE,
      offset: (page - 1) * CONVERSATIONS_PER_PAGE,
    }),
    q.countUnreadConversations(db, actor.id),
  ]);
  const total = rows[0]?.total ?? 0;
  return { rows, page, pages: pagesOf(total, CONVERSATIONS_PER_PAGE), total, unreadConversations };
}

/** Conversations with unread messages, muted ones aside: the number next to the envelope in the header. */
export function unreadConversations(deps: Deps, userId: number): Promise<number> {
  return q.countUnreadConversations(deps.database.db, userId);
}

/** The same count as the header reads it, with the signed-in person (core/header-counts.ts). */
export const unreadConversationsHeaderCount: HeaderCount = (db, userId) => q.unreadConversationsQuery(db, userId);

export type ConversationPage = Awaited<ReturnType<typeof conversationPage>>;

/**
 * One conversation as its participant sees it: a page of messages (the last one unless asked),
 * who is in it, what they may do. Showing messages marks them read, up to the newest shown.
 */
export async function conversationPage(deps: Deps, actor: Actor, conversationId: number, input: unknown) {
  const db = deps.database.db;
  const { conversation, participant, actor: viewer } = await participation(db, actor, conversationId);
  const query = parseInput(threadQuerySchema, input);
  const total = await m.countMessages(db, conversationId);
  const pages = pagesOf(total, MESSAGES_PER_PAGE);
  const page = Math.min(query.page ?? pages, pages);
  const [rows, people] = await Promise.all([
    m.listMessages(db, conversationId, { limit: MESSAGES_PER_PAGE, offset: (page - 1) * MESSAGES_PER_PAGE }),
    q.participantsOf(db, conversationId),
  ]);
  const others = people.filter((p) => p.userId !== viewer.id);
  const blocks = await blocksBetween(
    db,
    viewer.id,
    others.map((p) => p.userId),
  );
  const readBefore = participant.lastReadMessageId;
  const newest = rows.at(-1)?.id ?? 0;
  const markedRead = newest > readBefore;
  if (markedRead) await q.markReadUpTo(db, conversationId, viewer.id, newest);
  const messages = rows.map((row) => ({
    row,
    unread: row.id > readBefore && row.authorId !== viewer.id,
    can: { report: canReportMessage(viewer, row) },
  }));
  return {
    conversation,
    participant: { ...participant, lastReadMessageId: Math.max(readBefore, newest) },
    messages,
    firstUnreadId: messages.find((x) => x.unread)?.row.id ?? null,
    people,
    blockedWith: blocks.map((b) => (b.blockerId === viewer.id ? b.blockedId : b.blockerId)),
    block: blockBetween(viewer.id, blocks)?.reason ?? null,
    /** Whether showing it changed what the actor had read (the header's count is then out of date). */
    markedRead,
    page,
    pages,
    total,
    can: { write: canWrite(true, blocks, others.length), alone: others.length === 0 },
  };
}

/** Marks the conversation read up to its newest message. */
export async function markConversationRead(deps: Deps, actor: Actor, conversationId: number) {
  const db = deps.database.db;
  const { conversation, actor: reader } = await participation(db, actor, conversationId);
  await q.markReadUpTo(db, conversationId, reader.id, conversation.lastMessageId);
  return { unreadConversations: await q.countUnreadConversations(db, reader.id) };
}

/** "Segna come non letta": the newest message becomes unread again. */
export async function markConversationUnread(deps: Deps, actor: Actor, conversationId: number) {
  const db = deps.database.db;
  const { conversation, actor: reader } = await participation(db, actor, conversationId);
  const before = await m.messageIdBefore(db, conversationId, conversation.lastMessageId);
  await q.setReadMarker(db, conversationId, reader.id, before);
}

/** Every conversation of the actor read. */
export async function markAllConversationsRead(deps: Deps, actor: Actor): Promise<number> {
  assertCan(actor, true);
  return q.markAllRead(deps.database.db, actor.id);
}

/** A muted conversation sends no e-mail and stays out of the header's count; it still shows its unread messages. */
export async function muteConversation(deps: Deps, actor: Actor, conversationId: number, input: unknown) {
  const { muted } = parseInput(muteSchema, input);
  const db = deps.database.db;
  const { actor: person } = await participation(db, actor, conversationId);
  await q.setMuted(db, conversationId, person.id, muted);
  return { muted };
}

/**
 * What the live broadcaster sends about a new message: the message, and the people to send it to
 * (each with their header count) — whoever is in the conversation now, checked when it is sent, so
 * someone who left in the meantime gets nothing. The writer's other windows get it too.
 */
export async function liveDelivery(deps: Deps, conversationId: number, messageId: number) {
  const db = deps.database.db;
  const [message, people] = await Promise.all([m.findMessageRow(db, messageId), q.participantIds(db, conversationId)]);
  if (!message || message.conversationId !== conversationId) return undefined;
  const recipients = await Promise.all(
    people.map(async (userId) => ({ userId, unread: await q.countUnreadConversations(db, userId) })),
  );
  return { message, recipients };
}

/** A conversation with its people and the actor's own state, without its messages (the API's answers). */
export async function conversationSummary(deps: Deps, actor: Actor, conversationId: number) {
  const db = deps.database.db;
  const { conversation, participant } = await participation(db, actor, conversationId);
  return { conversation, participant, people: await q.participantsOf(db, conversationId) };
}

/** One message of a conversation the actor is in. */
export async function findMessage(deps: Deps, actor: Actor, conversationId: number, messageId: number) {
  const db = deps.database.db;
  await participation(db, actor, conversationId);
  const row = await m.findMessageRow(db, messageId);
  if (!row || row.conversationId !== conversationId) throw new NotFoundError(NOT_FOUND);
  return row;
}
