// Live delivery of private messages: `message:new` to the own room of each person in the
// conversation when it is sent (checked then, so someone who left gets nothing), never to a shared
// room. Each gets the message rendered in both languages, as they would see it (their own, or
// someone else's with "Segnala"), and their header's new count of unread conversations.
import type { Deps } from '../core/deps.ts';
import type { DomainEvent } from '../core/events.ts';
import { LANGUAGES } from '../core/i18n.ts';
import { renderFragment } from '../core/views.ts';
import { liveDelivery } from '../features/conversations/conversations.inbox.service.ts';
import { isReportable } from '../features/conversations/conversations.policy.ts';
import { messageView } from '../features/conversations/conversations.view.ts';
import { rooms } from './rooms.ts';

type Emit = (target: string, event: string, data: unknown) => void;

export async function broadcastMessage(deps: Deps, emit: Emit, e: DomainEvent<'message.sent'>): Promise<void> {
  const delivery = await liveDelivery(deps, e.payload.conversationId, e.payload.messageId);
  if (!delivery) return;
  const { message, recipients } = delivery;
  /** The message as the writer sees it, and as everyone else does (with "Segnala"). */
  const rendered = new Map<boolean, Record<string, string>>();
  const html = async (mine: boolean) => {
    const cached = rendered.get(mine);
    if (cached) return cached;
    const viewerId = mine ? (message.authorId ?? 0) : -1;
    // Everyone but the writer is a participant who may report it (the report page checks again).
    const can = { report: !mine && isReportable(message) };
    const view = messageView(message, viewerId, { unread: !mine, can });
    const out: Record<string, string> = {};
    for (const lang of LANGUAGES) out[lang] = (await renderFragment('conversations/message', view, lang)).trim();
    rendered.set(mine, out);
    return out;
  };
  for (const { userId, unread } of recipients) {
    const mine = userId === message.authorId;
    emit(rooms.user(userId), 'message:new', {
      conversationId: message.conversationId,
      messageId: message.id,
      kind: message.kind,
      author: message.authorId ? { id: message.authorId, name: message.authorName ?? '' } : null,
      mine,
      unread,
      html: await html(mine),
    });
  }
}
