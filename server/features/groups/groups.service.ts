// Group use cases: directory, creation, membership (join, request, approve, invite, leave, remove), roles.
import type { Group, GroupRole } from '../../../models/schema.ts';
import * as q from '../../../models/queries/groups.ts';
import { writeAudit } from '../../../models/queries/audit.ts';
import { subscribe, unsubscribe, unsubscribeGroupThreads } from '../../../models/queries/subscriptions.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import { readableByEveryone } from '../../../models/queries/visibility.ts';
import type { DbOrTx } from '../../../models/db.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../core/errors.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import {
  canCreateGroup,
  canManageGroup,
  canModerateGroup,
  canPostInGroup,
  canReadGroup,
  canSeeGroup,
  joinOutcome,
  type Membership,
} from './groups.policy.ts';
import { groupInputSchema, groupListSchema, inviteSchema, memberRoleSchema, reasonSchema } from './groups.schema.ts';

export type GroupAccess = {
  group: Group;
  membership: Membership;
  can: { read: boolean; post: boolean; moderate: boolean; manage: boolean; join: boolean; leave: boolean };
};

/** Loads a group as the actor sees it; a group they may not know exists is a 404. */
export async function groupAccess(db: DbOrTx, actor: Actor, group: Group | undefined): Promise<GroupAccess> {
  if (!group) throw new NotFoundError();
  const membership = actor ? await q.findMembership(db, group.id, actor.id) : undefined;
  return accessWithMembership(actor, group, membership);
}

/** The same as groupAccess, for a caller that read the actor's membership with the group. */
export function accessWithMembership(actor: Actor, group: Group, membership: Membership | undefined): GroupAccess {
  if (!canSeeGroup(actor, group, membership)) throw new NotFoundError();
  const activeMember = membership?.status === 'active';
  return {
    group,
    membership,
    can: {
      read: canReadGroup(actor, group, membership),
      post: canPostInGroup(actor, group, membership),
      moderate: canModerateGroup(actor, membership),
      manage: canManageGroup(actor, membership),
      join:
        Boolean(actor) &&
        !activeMember &&
        membership?.status !== 'pending' &&
        (group.visibility !== 'private' || membership?.status === 'invited'),
      leave: activeMember,
    },
  };
}

export async function accessBySlug(deps: Deps, actor: Actor, slug: string): Promise<GroupAccess> {
  return groupAccess(deps.database.db, actor, await q.findGroupBySlug(deps.database.db, slug));
}

/** Like accessBySlug, but content the actor may not read is a 404 too (closed groups' discussions). */
export async function readableGroup(deps: Deps, actor: Actor, slug: string): Promise<GroupAccess> {
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.read) throw new NotFoundError();
  return access;
}

/** Groups the actor may know exist, most members first. */
export async function visibleGroups(deps: Deps, actor: Actor) {
  return q.listVisibleGroups(deps.database.db, actor);
}

/** How many groups the actor may know exist (all of them, for an admin). */
export async function countGroups(deps: Deps, actor: Actor): Promise<number> {
  return q.countGroups(deps.database.db, actor);
}

/** Groups on the /gruppi page, a page at a time. */
export const GROUPS_PER_PAGE = 24;

/**
 * Groups the actor may know exist, with their figures, most active first or by name: a page of
 * GROUPS_PER_PAGE when `paged` (the /gruppi page), all of them otherwise (the API).
 */
export async function listGroups(deps: Deps, actor: Actor, input: unknown, paged = false) {
  const { ordine, page } = parseInput(groupListSchema, input);
  const { rows, total } = await q.listGroupsWithStats(
    deps.database.db,
    actor,
    ordine === 'nome' ? 'name' : 'activity',
    paged ? { limit: GROUPS_PER_PAGE, offset: (page - 1) * GROUPS_PER_PAGE } : undefined,
  );
  return { order: ordine, page, pages: Math.max(1, Math.ceil(total / GROUPS_PER_PAGE)), total, groups: rows };
}

/** The list's own pages (/gruppi/nuovo, the new-group form) are no group's address. */
const RESERVED_SLUGS = ['nuovo'];

/** True when a slug names a group already, or one of the list's own pages. */
const groupSlugTaken = async (tx: DbOrTx, slug: string): Promise<boolean> =>
  RESERVED_SLUGS.includes(slug) || (await q.groupSlugExists(tx, slug));

/** Creates a group; its creator becomes owner and follows it. Animators and admins only. */
export async function createGroup(deps: Deps, actor: Actor, input: unknown): Promise<Group> {
  if (!actor) throw new UnauthorizedError();
  if (!canCreateGroup(actor)) throw new ForbiddenError('groups.errors.cannot_create');
  const data = parseInput(groupInputSchema, input);
  const group = await deps.database.db.transaction(async (tx) => {
    const created = await insertUnderFreeSlug(
      slugify(data.name, 60, 'gruppo'),
      (s) => groupSlugTaken(tx, s),
      (slug) => q.insertGroupIfSlugFree(tx, { ...data, slug, createdBy: actor.id }),
    );
    await q.setMembership(tx, { groupId: created.id, userId: actor.id, role: 'owner', status: 'active' });
    await subscribe(tx, actor.id, { targetType: 'group', targetId: created.id });
    await deps.bus.record(tx, 'group.created', { groupId: created.id, byUserId: actor.id });
    await deps.bus.record(tx, 'member.joined', { groupId: created.id, userId: actor.id });
    return created;
  });
  return group;
}

/** A group as its settings form shows it. Owners, animators and admins. */
export async function groupForEdit(deps: Deps, actor: Actor, slug: string): Promise<Group> {
  const { group, can } = await accessBySlug(deps, actor, slug);
  if (!can.manage) throw new ForbiddenError();
  return group;
}

/** Edits name, description, theme and visibility. Owners, animators and admins. */
export async function updateGroup(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Group> {
  const access = await accessBySlug(deps, actor, slug);
  if (!actor) throw new UnauthorizedError();
  if (!access.can.manage) throw new ForbiddenError();
  const data = parseInput(groupInputSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const updated = (await q.updateGroup(tx, access.group.id, data))!;
    await deps.bus.record(tx, 'group.updated', { groupId: updated.id, byUserId: actor.id });
    return updated;
  });
}

/**
 * Joins a group: public → member at once; closed → a request for the moderators; private → only
 * by accepting an invitation (otherwise the group does not exist for the actor).
 */
export async function joinGroup(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ status: 'active' | 'pending'; group: Group }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  const { group, membership } = access;
  if (membership?.status === 'active' || membership?.status === 'pending') return { status: membership.status, group };
  const outcome = membership?.status === 'invited' ? 'active' : joinOutcome(group);
  if (outcome === 'invitation_required') throw new NotFoundError();
  await deps.database.db.transaction(async (tx) => {
    await q.setMembership(tx, {
      groupId: group.id,
      userId: actor.id,
      role: membership?.role ?? 'member',
      status: outcome,
    });
    if (outcome === 'active') await subscribe(tx, actor.id, { targetType: 'group', targetId: group.id });
    await deps.bus.record(tx, outcome === 'active' ? 'member.joined' : 'member.requested', {
      groupId: group.id,
      userId: actor.id,
    });
  });
  return { status: outcome, group };
}

/** Leaves a group (or withdraws a request). The last owner must hand over first. */
export async function leaveGroup(deps: Deps, actor: Actor, slug: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const { group, membership } = await accessBySlug(deps, actor, slug);
  if (!membership) throw new NotFoundError();
  await deps.database.db.transaction(async (tx) => {
    if (membership.role === 'owner' && membership.status === 'active' && (await q.countOwners(tx, group.id)) <= 1) {
      throw new AppError(400, 'validation', 'groups.errors.last_owner', { group: { key: 'groups.errors.last_owner' } });
    }
    await q.deleteMembership(tx, group.id, actor.id);
    await unsubscribe(tx, actor.id, { targetType: 'group', targetId: group.id });
    if (!readableByEveryone(group.visibility)) await unsubscribeGroupThreads(tx, actor.id, group.id);
    await deps.bus.record(tx, 'member.left', { groupId: group.id, userId: actor.id });
  });
}

async function moderatedGroup(deps: Deps, actor: Actor, slug: string): Promise<GroupAccess & { actor: Express.User }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.moderate) throw new ForbiddenError();
  return { ...access, actor };
}

/** Approves a pending request. Group moderators, animators, admins. */
export async function approveMember(deps: Deps, actor: Actor, slug: string, userId: number): Promise<void> {
  const { group, actor: by } = await moderatedGroup(deps, actor, slug);
  await deps.database.db.transaction(async (tx) => {
    const m = await q.findMembership(tx, group.id, userId);
    if (!m || m.status !== 'pending') throw new NotFoundError();
    await q.setMembership(tx, { groupId: group.id, userId, role: m.role, status: 'active' });
    await subscribe(tx, userId, { targetType: 'group', targetId: group.id });
    await writeAudit(tx, {
      actorId: by.id,
      action: 'member.approve',
      targetType: 'membership',
      targetId: userId,
      groupId: group.id,
    });
    await deps.bus.record(tx, 'member.approved', { groupId: group.id, userId, byUserId: by.id });
    await deps.bus.record(tx, 'member.joined', { groupId: group.id, userId });
  });
}

/** Invites a member by @handle; in a public group they simply become a member. */
export async function inviteMember(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: unknown,
): Promise<{ userId: number; status: 'invited' | 'active' }> {
  const { group, actor: by } = await moderatedGroup(deps, actor, slug);
  const { handle } = parseInput(inviteSchema, input);
  const [user] = await findUsersByHandles(deps.database.db, [handle]);
  if (!user) throw new ValidationError({ handle: { key: 'groups.errors.unknown_handle' } });
  const existing = await q.findMembership(deps.database.db, group.id, user.id);
  if (existing?.status === 'active')
    throw new ConflictError('groups.errors.already_member', { handle: { key: 'groups.errors.already_member' } });
  const status = existing?.status === 'pending' || group.visibility === 'public' ? 'active' : 'invited';
  await deps.database.db.transaction(async (tx) => {
    await q.setMembership(tx, { groupId: group.id, userId: user.id, role: 'member', status });
    if (status === 'active') await subscribe(tx, user.id, { targetType: 'group', targetId: group.id });
    await writeAudit(tx, {
      actorId: by.id,
      action: 'member.invite',
      targetType: 'membership',
      targetId: user.id,
      groupId: group.id,
    });
    if (status === 'active') await deps.bus.record(tx, 'member.joined', { groupId: group.id, userId: user.id });
    else await deps.bus.record(tx, 'member.invited', { groupId: group.id, userId: user.id, byUserId: by.id });
  });
  return { userId: user.id, status };
}

/** Removes a member or rejects a request, with a reason in the audit log. */
export async function removeMember(
  deps: Deps,
  actor: Actor,
  slug: string,
  userId: number,
  input: unknown,
): Promise<void> {
  const { group, actor: by, can } = await moderatedGroup(deps, actor, slug);
  const { reason } = parseInput(reasonSchema, input ?? {});
  await deps.database.db.transaction(async (tx) => {
    const m = await q.findMembership(tx, group.id, userId);
    if (!m) throw new NotFoundError();
    // Moderators cannot remove owners; only managers (owners, animators, admins) can.
    if (m.role === 'owner' && !can.manage) throw new ForbiddenError();
    if (m.role === 'owner' && m.status === 'active' && (await q.countOwners(tx, group.id)) <= 1) {
      throw new AppError(400, 'validation', 'groups.errors.last_owner', {
        userId: { key: 'groups.errors.last_owner' },
      });
    }
    await q.deleteMembership(tx, group.id, userId);
    await unsubscribe(tx, userId, { targetType: 'group', targetId: group.id });
    if (!readableByEveryone(group.visibility)) await unsubscribeGroupThreads(tx, userId, group.id);
    await writeAudit(tx, {
      actorId: by.id,
      action: m.status === 'pending' ? 'member.reject' : 'member.remove',
      targetType: 'membership',
      targetId: userId,
      groupId: group.id,
      reason: reason ?? null,
    });
    await deps.bus.record(tx, 'member.removed', { groupId: group.id, userId, byUserId: by.id });
  });
}

/** Changes a member's role in the group. Owners, animators, admins. */
export async function setMemberRole(
  deps: Deps,
  actor: Actor,
  slug: string,
  userId: number,
  input: unknown,
): Promise<GroupRole> {
  if (!actor) throw new UnauthorizedError();
  const { group, can } = await accessBySlug(deps, actor, slug);
  if (!can.manage) throw new ForbiddenError();
  const { role } = parseInput(memberRoleSchema, input);
  await deps.database.db.transaction(async (tx) => {
    const m = await q.findMembership(tx, group.id, userId);
    if (!m || m.status !== 'active') throw new NotFoundError();
    if (m.role === 'owner' && role !== 'owner' && (await q.countOwners(tx, group.id)) <= 1) {
      throw new ValidationError({ role: { key: 'groups.errors.last_owner' } });
    }
    await q.setMembership(tx, { groupId: group.id, userId, role, status: 'active' });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'member.role',
      targetType: 'membership',
      targetId: userId,
      groupId: group.id,
      data: { role },
    });
    await deps.bus.record(tx, 'member.role_changed', { groupId: group.id, userId, role, byUserId: actor.id });
  });
  return role;
}

export async function listGroupMembers(deps: Deps, actor: Actor, slug: string) {
  const access = await readableGroup(deps, actor, slug);
  return { ...access, members: await q.groupMembers(deps.database.db, access.group.id) };
}

export async function listPending(deps: Deps, actor: Actor, slug: string) {
  const { group } = await moderatedGroup(deps, actor, slug);
  return q.pendingMembers(deps.database.db, group.id);
}

/** Follows or unfollows a group's new discussions. */
export async function setGroupSubscription(deps: Deps, actor: Actor, slug: string, on: boolean): Promise<boolean> {
  if (!actor) throw new UnauthorizedError();
  const { group } = await readableGroup(deps, actor, slug);
  const target = { targetType: 'group' as const, targetId: group.id };
  if (on) await subscribe(deps.database.db, actor.id, target);
  else await unsubscribe(deps.database.db, actor.id, target);
  return on;
}

/**
 * A group another feature runs for its people (a course's discussion space): created with its
 * owners inside the caller's transaction. The caller publishes what it needs after commit.
 */
export async function provisionGroup(
  tx: DbOrTx,
  values: {
    name: string;
    description: string;
    theme: string;
    visibility: Group['visibility'];
    createdBy: number | null;
  },
  owners: number[],
): Promise<Group> {
  const group = await insertUnderFreeSlug(
    slugify(values.name, 60, 'gruppo'),
    (s) => groupSlugTaken(tx, s),
    (slug) => q.insertGroupIfSlugFree(tx, { ...values, slug }),
  );
  for (const userId of owners)
    await q.setMembership(tx, { groupId: group.id, userId, role: 'owner', status: 'active' });
  return group;
}

/** Makes someone an active member of a provisioned group, keeping a higher role they already hold. */
export async function ensureGroupMember(
  tx: DbOrTx,
  groupId: number,
  userId: number,
  role: GroupRole = 'member',
): Promise<void> {
  const current = await q.findMembership(tx, groupId, userId);
  if (current?.status === 'active' && (current.role === 'owner' || current.role === role)) return;
  await q.setMembership(tx, {
    groupId,
    userId,
    role: current?.status === 'active' && current.role === 'moderator' && role === 'member' ? 'moderator' : role,
    status: 'active',
  });
}
