// The Notiziario's reaction to its own event: the e-mails go out after the commit that sent the issue.
import type { Deps } from '../../core/deps.ts';
import { deliverIssue } from './newsletter.mail.ts';

export function registerNewsletterSubscribers(deps: Deps): void {
  deps.bus.subscribe('newsletter.sent', (e) => deliverIssue(deps, e).then(() => undefined));
}
