// Wires the private conversations' reactions to the bus (once per process, from server/subscribers.ts).
// The live push is the realtime broadcaster's (server/realtime/messages.ts); nothing here feeds the
// activity feed or search: private messages appear nowhere but in their conversation.
import type { Deps } from '../../core/deps.ts';
import { mailNewMessage } from './conversations.mail.ts';

export function registerConversationSubscribers(deps: Deps): void {
  deps.bus.subscribe('message.sent', (e) => mailNewMessage(deps, e).then(() => undefined));
}
