// Member directory and profiles.
import * as groupsQ from '../../../models/queries/groups.ts';
import * as users from '../../../models/queries/users.ts';
import { isSubscribed, subscribe, unsubscribe } from '../../../models/queries/subscriptions.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan, canEditProfile, canSeeEmail } from '../accounts/accounts.policy.ts';
import { resolveOrganization } from '../accounts/accounts.service.ts';
import { allOrganizations } from '../organizations/organizations.service.ts';
import { readFeed } from '../activity/activity.service.ts';
import { memberFilterSchema, profileSchema } from './members.schema.ts';

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

/** The directory page: a page of members, and the administrations that have members (the filter's choices). */
export async function memberDirectory(deps: Deps, input: unknown) {
  const [result, organizations] = await Promise.all([listMembers(deps, input), allOrganizations(deps)]);
  return { ...result, organizations: organizations.filter((o) => o.memberCount > 0) };
}

export async function countMembers(deps: Deps): Promise<number> {
  return users.countUsers(deps.database.db);
}

/** A member's public row (name, administration, role…); a 404 when there is no such person. */
export async function getMember(deps: Deps, id: number) {
  const member = await users.findMember(deps.database.db, id);
  if (!member) throw new NotFoundError();
  return member;
}

/** A member's profile with the groups the viewer may see; email only for the owner and admins. */
export async function getProfile(deps: Deps, actor: Actor, id: number) {
  const member = await users.findMember(deps.database.db, id);
  if (!member) throw new NotFoundError();
  const groups = await groupsQ.groupsOfUser(deps.database.db, id, actor);
  const email = canSeeEmail(actor, id) ? (await users.findUserById(deps.database.db, id))?.email : undefined;
  return { member, groups, email };
}

/**
 * A profile page: the profile, the person's recent activity the viewer may read, whether the viewer
 * follows them, the blocks between the two and the person's booklet visibility (read with the member).
 */
export async function profilePage(deps: Deps, actor: Actor, id: number) {
  const db = deps.database.db;
  const found = await users.findMemberForProfile(db, id, actor?.id ?? null);
  if (!found) throw new NotFoundError();
  const { booklet, following, blocks, ...member } = found;
  const [groups, email, feed] = await Promise.all([
    groupsQ.groupsOfUser(db, id, actor),
    canSeeEmail(actor, id) ? users.findUserById(db, id).then((u) => u?.email) : Promise.resolve(undefined),
    readFeed(deps, actor, { kind: 'user', userId: id }, { limit: 10 }),
  ]);
  return { member, groups, email, feed, following, blocks, bookletVisibility: booklet };
}

/**
 * What the profile form starts from: the member, their language, and the administrations to choose
 * from. Only the person themself and admins may edit a profile.
 */
export async function profileForEdit(deps: Deps, actor: Actor, id: number) {
  assertCan(actor, canEditProfile(actor, id));
  const [{ member }, user, organizations] = await Promise.all([
    getProfile(deps, actor, id),
    users.findUserById(deps.database.db, id),
    allOrganizations(deps),
  ]);
  return { member, locale: user?.locale, organizations };
}

/** Updates a profile; a new administration name creates an unverified administration. */
export async function updateProfile(deps: Deps, actor: Actor, id: number, input: unknown) {
  assertCan(actor, canEditProfile(actor, id));
  const data = parseInput(profileSchema, input);
  return deps.database.db.transaction(async (tx) => {
    if (!(await users.findUserById(tx, id))) throw new NotFoundError();
    const { org, created } = await resolveOrganization(tx, data.organization, data.region);
    const updated = (await users.updateUser(tx, id, {
      name: data.name,
      jobTitle: data.jobTitle,
      region: data.region,
      organizationId: org.id,
      bio: data.bio,
      locale: data.locale,
    }))!;
    if (created) await deps.bus.record(tx, 'organization.created', { organizationId: org.id, byUserId: actor.id });
    await deps.bus.record(tx, 'user.updated', { userId: id });
    return updated;
  });
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
