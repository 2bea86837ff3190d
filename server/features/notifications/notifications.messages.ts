// A reported private message: the administrators are told, with a link to their queue. The
// notification carries nothing of the message (not its text, not its conversation's subject).
import { adminIds } from '../../../models/queries/message-moderation.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { Audience, deliver, type Subject } from './notifications.notify.ts';

export async function notifyMessageReported(deps: Deps, e: DomainEvent<'message.reported'>): Promise<number> {
  const subject: Subject = {
    group: null,
    actorId: e.payload.reporterId,
    threadId: null,
    postId: null,
    data: { url: '/admin/segnalazioni-messaggi-privati' },
  };
  const admins = await adminIds(deps.database.db);
  return deliver(deps, new Audience().add(admins, 'message_report'), subject, e.id);
}
