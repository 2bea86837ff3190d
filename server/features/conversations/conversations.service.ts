// Private conversations, the writes: starting one (from a profile, or from another feature with an
// origin), replying, adding people, leaving. Each is one transaction that records `message.sent`
// in the outbox, so live delivery and e-mail follow the commit and never a rolled-back message.
// Blocks are checked inside the transaction: a refused message writes nothing.
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/conversations.ts';
import { insertMessage } from '../../../models/queries/conversation-messages.ts';
import { blocksAmong, blocksBetween } from '../../../models/queries/message-moderation.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import type { Conversation, ConversationMessage, MessageData, MessageKind } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ValidationError, type FieldErrors } from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { participation } from './conversations.access.ts';
import { resolveOrigin } from './conversations.origin.ts';
import { blockBetween, canMeet, canStartConversation, type Block } from './conversations.policy.ts';
import {
  addParticipantsSchema,
  MAX_RECIPIENTS,
  originRefSchema,
  replySchema,
  startConversationSchema,
  type ConversationOrigin,
  type StartConversationInput,
} from './conversations.schema.ts';

export type { ConversationOrigin, StartConversationInput } from './conversations.schema.ts';
export { conversationPath } from './conversations.view.ts';

/** New conversations one person may start in an hour: plenty for work, a wall for unsolicited mass messages. */
export const NEW_CONVERSATIONS_PER_HOUR = 30;

/** The @handles typed in a recipients field, without "@", in lower case. */
const handlesIn = (text: string) =>
  [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((h) => h.replace(/^@/, '').toLowerCase())
        .filter(Boolean),
    ),
  ].slice(0, MAX_RECIPIENTS + 1);

/** The people named by ids and @handles, the actor aside; each one unknown is a field error. */
async function resolvePeople(db: DbOrTx, actor: Express.User, ids: number[], handleText: string) {
  const handles = handlesIn(handleText);
  const [byId, byHandle] = await Promise.all([q.usersByIds(db, [...new Set(ids)]), findUsersByHandles(db, handles)]);
  const fields: FieldErrors = {};
  const missingId = ids.find((id) => !byId.some((u) => u.id === id));
  if (missingId !== undefined) fields.recipientIds = { key: 'validation.conversations.recipient_unknown' };
  const missingHandle = handles.find((h) => !byHandle.some((u) => u.handle === h));
  if (missingHandle)
    fields.handles = { key: 'validation.conversations.handle_unknown', params: { handle: missingHandle } };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  const people = new Map<number, q.Addressee>();
  for (const u of [...byId, ...byHandle]) if (u.id !== actor.id) people.set(u.id, u);
  return { people: [...people.values()], named: byId.length + byHandle.length };
}

/** The refusal of a message because of a block, naming the person when the field is known. */
function blockedError(actorId: number, blocks: readonly Block[], names: Map<number, string>, field?: string) {
  const found = blockBetween(actorId, blocks);
  if (!found) {
    // Among the others, not the actor: people who may not be put in contact again.
    return new AppError(403, 'blocked', 'conversations.errors.blocked_among', {
      [field ?? 'recipientIds']: { key: 'conversations.errors.blocked_among' },
    });
  }
  const key = found.reason === 'you_blocked' ? 'conversations.errors.you_blocked' : 'conversations.errors.blocked_you';
  const fields = field ? { [field]: { key, params: { name: names.get(found.otherId) ?? '' } } } : undefined;
  return new AppError(403, 'blocked', `${key}_generic`, fields);
}

/** Writes one message and everything that follows from it, inside the caller's transaction. */
async function writeMessage(
  deps: Deps,
  tx: DbOrTx,
  m: {
    conversationId: number;
    authorId: number;
    kind: MessageKind;
    body?: string;
    data?: MessageData;
    recipientIds: number[];
  },
): Promise<ConversationMessage> {
  const body = m.body ?? '';
  const message = await insertMessage(tx, {
    conversationId: m.conversationId,
    authorId: m.authorId,
    kind: m.kind,
    body,
    bodyHtml: body ? renderMarkdown(body) : '',
    data: m.data ?? {},
  });
  await q.touchConversation(tx, m.conversationId, message.id, message.createdAt);
  // The writer has read what they wrote.
  await q.markReadUpTo(tx, m.conversationId, m.authorId, message.id);
  await deps.bus.record(tx, 'message.sent', {
    conversationId: m.conversationId,
    messageId: message.id,
    authorId: m.authorId,
    recipientIds: m.recipientIds,
  });
  return message;
}

/**
 * Starts a conversation: recipients (ids and/or @handles), a subject and the first message. Other
 * features call it with an `origin` (a practice's contact person, a match between a request and an
 * offer); the pages and the API never pass one, their schema does not know it.
 */
export async function startConversation(
  deps: Deps,
  actor: Actor,
  input: StartConversationInput,
): Promise<{ conversation: Conversation; message: ConversationMessage }> {
  assertCan(actor, canStartConversation(actor));
  const data = parseInput(startConversationSchema, input);
  const db = deps.database.db;
  const { people, named } = await resolvePeople(db, actor, data.recipientIds, data.handles);
  if (!people.length) {
    const key = named ? 'validation.conversations.self_only' : 'validation.conversations.recipients_required';
    throw new ValidationError({ recipientIds: { key } });
  }
  if (people.length > MAX_RECIPIENTS) {
    throw new ValidationError({
      recipientIds: { key: 'validation.conversations.too_many_recipients', params: { max: MAX_RECIPIENTS } },
    });
  }
  const names = new Map(people.map((p) => [p.id, p.name]));
  const recipientIds = people.map((p) => p.id);
  const origin = data.origin ?? (await resolveOrigin(deps, actor, data));
  return db.transaction(async (tx) => {
    // Counted under a per-writer lock, so conversations started at once are counted in turn.
    const since = new Date(Date.now() - 3_600_000);
    if ((await q.lockAndCountConversationsSince(tx, actor.id, since)) >= NEW_CONVERSATIONS_PER_HOUR) {
      throw new AppError(429, 'rate_limited', 'conversations.errors.too_many_new');
    }
    const blocks = await blocksBetween(tx, actor.id, recipientIds);
    if (blocks.length) throw blockedError(actor.id, blocks, names, 'recipientIds');
    if (!canMeet(await blocksAmong(tx, recipientIds))) throw blockedError(actor.id, [], names, 'recipientIds');
    const conversation = await q.insertConversation(tx, {
      subject: data.subject,
      origin: origin ?? null,
      createdBy: actor.id,
    });
    await q.addParticipants(tx, conversation.id, [
      { userId: actor.id, addedBy: actor.id },
      ...recipientIds.map((userId) => ({ userId, addedBy: actor.id })),
    ]);
    const message = await writeMessage(deps, tx, {
      conversationId: conversation.id,
      authorId: actor.id,
      kind: 'text',
      body: data.body,
      recipientIds,
    });
    return { conversation, message };
  });
}

/** A reply: to everyone still in the conversation, unless a block stands between the writer and one of them. */
export async function sendMessage(
  deps: Deps,
  actor: Actor,
  conversationId: number,
  input: unknown,
): Promise<ConversationMessage> {
  const { body } = parseInput(replySchema, input);
  return deps.database.db.transaction(async (tx) => {
    const { actor: writer } = await participation(tx, actor, conversationId, { forUpdate: true });
    const others = await q.otherParticipantIds(tx, conversationId, writer.id);
    if (!others.length) throw new ConflictError('conversations.errors.alone');
    const blocks = await blocksBetween(tx, writer.id, others);
    if (blocks.length) throw blockedError(writer.id, blocks, new Map());
    return writeMessage(deps, tx, { conversationId, authorId: writer.id, kind: 'text', body, recipientIds: others });
  });
}

/**
 * Adds people to a conversation (any participant may): they read it from the start, as the form
 * says. Nobody is added who has a block with someone already in it.
 */
export async function addParticipants(
  deps: Deps,
  actor: Actor,
  conversationId: number,
  input: unknown,
): Promise<{ added: number }> {
  const data = parseInput(addParticipantsSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const { actor: adder } = await participation(tx, actor, conversationId, { forUpdate: true });
    const current = await q.participantIds(tx, conversationId);
    const { people, named } = await resolvePeople(tx, adder, data.recipientIds, data.handles);
    const newcomers = people.filter((p) => !current.includes(p.id));
    if (!newcomers.length) {
      const key = named ? 'validation.conversations.already_in' : 'validation.conversations.recipients_required';
      throw new ValidationError({ handles: { key } });
    }
    if (current.length - 1 + newcomers.length > MAX_RECIPIENTS) {
      throw new ValidationError({
        handles: { key: 'validation.conversations.too_many_recipients', params: { max: MAX_RECIPIENTS } },
      });
    }
    const names = new Map(newcomers.map((p) => [p.id, p.name]));
    const mine = await blocksBetween(
      tx,
      adder.id,
      newcomers.map((p) => p.id),
    );
    if (mine.length) throw blockedError(adder.id, mine, names, 'handles');
    const everyone = [...current, ...newcomers.map((p) => p.id)];
    const among = await blocksAmong(tx, everyone);
    if (among.some((b) => names.has(b.blockerId) || names.has(b.blockedId)))
      throw blockedError(adder.id, [], names, 'handles');
    await q.addParticipants(
      tx,
      conversationId,
      newcomers.map((p) => ({ userId: p.id, addedBy: adder.id })),
    );
    for (const p of newcomers) {
      await writeMessage(deps, tx, {
        conversationId,
        authorId: adder.id,
        kind: 'joined',
        data: { userId: p.id, userName: p.name, byName: adder.name },
        recipientIds: everyone.filter((id) => id !== adder.id),
      });
    }
    return { added: newcomers.length };
  });
}

/** Leaves a conversation: it disappears from the person's list, and no new message reaches them. */
export async function leaveConversation(deps: Deps, actor: Actor, conversationId: number): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const { actor: leaver } = await participation(tx, actor, conversationId, { forUpdate: true });
    await q.removeParticipant(tx, conversationId, leaver.id);
    const others = await q.participantIds(tx, conversationId);
    if (!others.length) return;
    await writeMessage(deps, tx, {
      conversationId,
      authorId: leaver.id,
      kind: 'left',
      data: { userId: leaver.id, userName: leaver.name },
      recipientIds: others,
    });
  });
}

/** What the new conversation's form says it is about (`?post=&match=` or `?pratica=`): a 404 for what the actor may not read. */
export async function originForForm(deps: Deps, actor: Actor, input: unknown): Promise<ConversationOrigin | undefined> {
  assertCan(actor, true);
  return resolveOrigin(deps, actor, parseInput(originRefSchema, input));
}

/**
 * The people a new conversation's form starts with (`?a=<id>&a=<id>` from a profile, a practice, a
 * match): those who exist, oneself aside. Anything else in the address is ignored.
 */
export async function recipientsForForm(deps: Deps, actor: Actor, given: unknown): Promise<q.Addressee[]> {
  assertCan(actor, true);
  const ids = (Array.isArray(given) ? given : [given])
    .map((v) => Number(v))
    .filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 && n !== actor.id)
    .slice(0, MAX_RECIPIENTS);
  return q.usersByIds(deps.database.db, [...new Set(ids)]);
}
