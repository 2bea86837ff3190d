// Who may publish a training offer: a system through its integration token, or a member of the
// provider organisation with a write-scoped token (the scope is enforced by the bearer middleware);
// in the browser, animators and admins, who may also publish for another organisation.
import type { Actor } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError } from '../../core/errors.ts';

/** Animators and admins manage the whole catalogue (the CSV upload page, any provider's offers). */
export const managesCatalogue = (actor: Actor): boolean => actor?.role === 'admin' || actor?.role === 'animator';

/** May the actor publish, change or withdraw offers of the organisation `organizationId`? */
export const canPublishFor = (actor: Actor, organizationId: number): boolean =>
  Boolean(actor) && (managesCatalogue(actor) || actor!.organizationId === organizationId);

export function assertSignedIn(actor: Actor): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
}

export function assertPublishFor(actor: Actor, organizationId: number): asserts actor is Express.User {
  assertSignedIn(actor);
  if (!canPublishFor(actor, organizationId)) throw new ForbiddenError('errors.offer_not_provider');
}

export function assertManagesCatalogue(actor: Actor): asserts actor is Express.User {
  assertSignedIn(actor);
  if (!managesCatalogue(actor)) throw new ForbiddenError();
}
