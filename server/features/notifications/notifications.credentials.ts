// From the credentials feature's events to notifications: the person hears that the platform issued
// them a credential (a course completed, a competence validated) and that one was revoked. Both come
// from the platform (no actor), so the person is told even of their own achievement.
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { Audience, deliver, type Subject } from './notifications.notify.ts';

const platformSubject = (title: string, url: string): Subject => ({
  group: null,
  actorId: null,
  threadId: null,
  postId: null,
  data: { title, url },
});

export async function notifyCredentialIssued(deps: Deps, e: DomainEvent<'credential.issued'>): Promise<number> {
  const { actorId, title, url } = e.payload;
  return deliver(deps, new Audience().add([actorId], 'credential_issued'), platformSubject(title, url), e.id);
}

export async function notifyCredentialRevoked(deps: Deps, e: DomainEvent<'credential.revoked'>): Promise<number> {
  const { userId, title, url } = e.payload;
  return deliver(deps, new Audience().add([userId], 'credential_revoked'), platformSubject(title, url), e.id);
}
