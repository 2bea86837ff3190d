// Who may do what with accounts. Pure functions; templates get the results as `can` flags.
import type { Actor } from '../../core/deps.ts';
import { ForbiddenError, UnauthorizedError } from '../../core/errors.ts';

export const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';
export const canChangeRoles = (actor: Actor): boolean => isAdmin(actor);
export const canEditProfile = (actor: Actor, memberId: number): boolean =>
  Boolean(actor && (actor.id === memberId || actor.role === 'admin'));
export const canManageOrganizations = (actor: Actor): boolean => isAdmin(actor);
/** "Ultimo accesso" is for the community's members, not for the whole internet. */
export const canSeeLastLogin = (actor: Actor): boolean => Boolean(actor);
export const canSeeEmail = (actor: Actor, memberId: number): boolean => canEditProfile(actor, memberId);

/** Throws 401 for anonymous visitors and 403 for members without the right. */
export function assertCan(actor: Actor, allowed: boolean): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!allowed) throw new ForbiddenError();
}
