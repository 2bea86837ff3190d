// Loads the demo private conversations (conversations-data.ts) inside the demo's transaction: their
// participants, messages in order (a "joined" line where someone was added), and each person's read
// marker. Written directly, like the rest of the demo: no e-mail and no live push for the past.
// Skipped when there are conversations already.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { renderMarkdown } from '../core/markdown.ts';
import {
  conversationMessages,
  conversationParticipants,
  conversations,
  users,
  type ConversationMessage,
} from '../../models/schema.ts';
import { demoConversations, type DemoConversation } from './conversations-data.ts';

const at = (daysAgo: number, step: number, now: number) => new Date(now - daysAgo * 86_400_000 + step * 60_000);

async function seedOne(tx: Tx, c: DemoConversation, idOf: (key: string) => number | undefined, now: number) {
  const ids = c.participants.map(idOf);
  if (ids.some((id) => id === undefined)) return false;
  const names = new Map((await tx.select({ id: users.id, name: users.name }).from(users)).map((u) => [u.id, u.name]));
  const first = c.messages[0]!;
  const [conversation] = await tx
    .insert(conversations)
    .values({
      subject: c.subject,
      origin: c.origin ?? null,
      createdBy: ids[0]!,
      createdAt: at(first.daysAgo, 0, now),
    })
    .returning();
  const joinedLater = new Set(c.messages.flatMap((m) => ('joined' in m ? [m.joined] : [])));
  const written: ConversationMessage[] = [];
  for (const [step, m] of c.messages.entries()) {
    const createdAt = at(m.daysAgo, step, now);
    const values =
      'joined' in m
        ? {
            authorId: idOf(m.by)!,
            kind: 'joined' as const,
            data: { userId: idOf(m.joined)!, userName: names.get(idOf(m.joined)!), byName: names.get(idOf(m.by)!) },
          }
        : { authorId: idOf(m.from)!, kind: 'text' as const, body: m.body, bodyHtml: renderMarkdown(m.body) };
    const [row] = await tx
      .insert(conversationMessages)
      .values({ conversationId: conversation!.id, createdAt, ...values })
      .returning();
    written.push(row!);
  }
  const last = written.at(-1)!;
  await tx
    .update(conversations)
    .set({ lastMessageId: last.id, lastMessageAt: last.createdAt })
    .where(eq(conversations.id, conversation!.id));
  await tx.insert(conversationParticipants).values(
    c.participants.map((key) => {
      const unread = c.unread?.[key] ?? 0;
      const joined = c.messages.find((m) => 'joined' in m && m.joined === key);
      return {
        conversationId: conversation!.id,
        userId: idOf(key)!,
        joinedAt: joinedLater.has(key) && joined ? at(joined.daysAgo, 0, now) : conversation!.createdAt,
        addedBy: ids[0]!,
        lastReadMessageId: written[written.length - 1 - unread]?.id ?? 0,
        muted: c.muted?.includes(key) ?? false,
        // Nothing is e-mailed for the past: their unread messages count as already announced.
        lastMailedMessageId: last.id,
      };
    }),
  );
  return true;
}

export async function seedConversations(
  tx: Tx,
  idOf: (key: string) => number | undefined,
  now: number,
  data: DemoConversation[] = demoConversations,
): Promise<number> {
  const [existing] = await tx.select({ id: conversations.id }).from(conversations).limit(1);
  if (existing) return 0;
  let count = 0;
  for (const c of data) if (await seedOne(tx, c, idOf, now)) count++;
  return count;
}
