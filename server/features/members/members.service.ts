// Member directory and profiles.
import * as groupsQ from '../../../models/queries/groups.ts';
import * as users from '../../../models/queries/users.ts';
import { deleteUserSessionsExcept } from '../../../models/queries/sessions.ts';
import { isSubscribed, subscribe, unsubscribe } from '../../../models/queries/subscriptions.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, canEditProfile, canSeeEmail } from '../accounts/accounts.policy.ts';
import { resolveOrganization, revokeAllTokens, sessionEnded, tokensRevoked } from '../accounts/accounts.service.ts';
import { hashPassword, verifyPassword } from '../accounts/passwords.ts';
import { memberFilterSchema, passwordChangeSchema, profileSchema } from './members.schema.ts';

export const MEMBERS_PER_PAGE = 24;

/** Members newest first, filtered by region, administration and name. */
export async function listMembers(deps: Deps, input: unknown) {
  const filter = parseInput(memberFilterSchema, input);
  const { rows, total } = await users.listMembers(deps.database.db, filter, {
    limit: MEMBERS_PER_PAGE,
    offset: (filter.page - 1) * MEMBERS_PER_PAGE,
  });
  return { filter, rows, total, pages: Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE)) };
}

/** A member's profile with the groups the viewer may see; email only for the owner and admins. */
export async function getProfile(deps: Deps, actor: Actor, id: number) {
  const member = await users.findMember(deps.database.db, id);
  if (!member) throw new NotFoundError();
  const groups = await groupsQ.groupsOfUser(deps.database.db, id, actor);
  const email = canSeeEmail(actor, id) ? (await users.findUserById(deps.database.db, id))?.email : undefined;
  return { member, groups, email };
}

/** Updates a profile; a new administration name creates an unverified administration. */
export async function updateProfile(deps: Deps, actor: Actor, id: number, input: unknown) {
  assertCan(actor, canEditProfile(actor, id));
  const data = parseInput(profileSchema, input);
  let createdOrgId: number | undefined;
  const updated = await deps.database.db.transaction(async (tx) => {
    if (!(await users.findUserById(tx, id))) throw new NotFoundError();
    const { org, created } = await resolveOrganization(tx, data.organization, data.region);
    if (created) createdOrgId = org.id;
    return (await users.updateUser(tx, id, {
      name: data.name,
      jobTitle: data.jobTitle,
      region: data.region,
      organizationId: org.id,
      bio: data.bio,
      locale: data.locale,
    }))!;
  });
  if (createdOrgId) deps.bus.publish('organization.created', { organizationId: createdOrgId, byUserId: actor.id });
  deps.bus.publish('user.updated', { userId: id });
  return updated;
}

/** Changes the actor's own password after checking the current one; says how many API tokens it revoked. */
export async function changePassword(deps: Deps, actor: Actor, id: number, input: unknown, keepSessionId?: string): Promise<{ tokensRevoked: number }> {
  assertCan(actor, actor?.id === id);
  const data = parseInput(passwordChangeSchema, input);
  const user = await users.findUserById(deps.database.db, id);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new ValidationError({ currentPassword: { key: 'validation.wrong_password' } });
  }
  const passwordHash = await hashPassword(data.newPassword);
  // A stolen cookie or token must not outlive the password it was stolen with: other sessions end,
  // personal API tokens are revoked, and the live connections opened with either close.
  const { ended, revoked } = await deps.database.db.transaction(async (tx) => {
    await users.updateUser(tx, id, { passwordHash });
    return { ended: await deleteUserSessionsExcept(tx, id, keepSessionId), revoked: await revokeAllTokens(tx, id) };
  });
  for (const sessionId of ended) sessionEnded(deps, id, sessionId);
  tokensRevoked(deps, id, revoked);
  deps.bus.publish('user.updated', { userId: id });
  return { tokensRevoked: revoked.length };
}

export async function latestMembers(deps: Deps, limit = 5) {
  return users.latestMembers(deps.database.db, limit);
}

/** Follows or unfollows a person: their activity joins "my network". Nobody follows themself. */
export async function setFollowing(deps: Deps, actor: Actor, memberId: number, on: boolean): Promise<boolean> {
  assertCan(actor, actor?.id !== memberId);
  if (!(await users.findUserById(deps.database.db, memberId))) throw new NotFoundError();
  const target = { targetType: 'user' as const, targetId: memberId };
  if (on) await subscribe(deps.database.db, actor.id, target);
  else await unsubscribe(deps.database.db, actor.id, target);
  return on;
}

export async function isFollowing(deps: Deps, actor: Actor, memberId: number): Promise<boolean> {
  return actor ? isSubscribed(deps.database.db, actor.id, { targetType: 'user', targetId: memberId }) : false;
}
