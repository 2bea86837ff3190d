// A new Cerco / Offro post tells the people behind its strong matches (exchange.matching.service.ts,
// STRONG_MATCH_SCORE): the authors of the opposite-kind posts it matches and the contact persons of
// the practices it matches, once (one notification per person and event, however often the event is
// delivered), with an e-mail per their settings. A post already closed again by then tells no one.
import type { Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { DomainEvent } from '../../core/events.ts';
import { strongMatchContacts } from '../exchange/exchange.matching.service.ts';
import { findReadablePost } from '../exchange/exchange.service.ts';
import { Audience, deliver } from './notifications.notify.ts';
import { excerptOf } from './notifications.view.ts';

export async function notifyExchangeMatches(deps: Deps, event: DomainEvent<'exchange.posted'>): Promise<number> {
  const { objectId: postId, actorId, title, url } = event.payload;
  const post = await findReadablePost(deps, null, postId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (!post) return 0;
  const contacts = await strongMatchContacts(deps, postId);
  if (!contacts.length) return 0;
  const audience = new Audience()
    .add(
      contacts.filter((c) => c.kind === 'exchange').map((c) => c.userId),
      'exchange_match',
    )
    .add(
      contacts.filter((c) => c.kind === 'practice').map((c) => c.userId),
      'exchange_practice_match',
    );
  const subject = {
    group: null,
    actorId,
    threadId: null,
    postId: null,
    data: { title, url, excerpt: excerptOf(post.description) },
  };
  return deliver(deps, audience, subject, event.id);
}
