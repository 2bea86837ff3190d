// Everything that reacts to domain events, wired once per process (main.ts) or per test app.
import type { Deps } from './core/deps.ts';
import { registerActivitySubscribers } from './features/activity/activity.subscriber.ts';
import { registerNotificationSubscribers } from './features/notifications/notifications.subscriber.ts';
import { registerNewsletterSubscribers } from './features/newsletter/newsletter.subscriber.ts';
import { registerConversationSubscribers } from './features/conversations/conversations.subscriber.ts';
import { registerBookletSubscribers } from './features/booklet/booklet.subscriber.ts';
import { registerCredentialSubscribers } from './features/credentials/credentials.subscriber.ts';
import { registerPrivacySubscribers } from './features/privacy/privacy.subscriber.ts';
import { registerWebhookSubscribers } from './features/webhooks/webhooks.subscriber.ts';

export function registerSubscribers(deps: Deps): void {
  // Subscribers are added here by the features that own them (notifications, activity feed, …).
  registerNotificationSubscribers(deps);
  registerActivitySubscribers(deps);
  registerNewsletterSubscribers(deps);
  registerConversationSubscribers(deps);
  registerBookletSubscribers(deps);
  registerCredentialSubscribers(deps);
  registerPrivacySubscribers(deps);
  registerWebhookSubscribers(deps);
}
