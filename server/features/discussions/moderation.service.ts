// Moderation: hide/restore posts, dismiss flags, lock/pin/move threads, the flag queue and the
// audit log. Every action is written to the audit log in the same transaction.
import * as groupsQ from '../../../models/queries/groups.ts';
import { listAudit, writeAudit } from '../../../models/queries/audit.ts';
import * as postsQ from '../../../models/queries/posts.ts';
import * as threadsQ from '../../../models/queries/threads.ts';
import { groups } from '../../../models/schema.ts';
import { inArray, sql } from 'drizzle-orm';
import { readableGroupIds } from '../../../models/queries/visibility.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { accessBySlug, groupAccess } from '../groups/groups.service.ts';
import { moderationReasonSchema, moveSchema } from './discussions.schema.ts';
import { postAccess, threadAccess } from './discussions.service.ts';

const isStaff = (actor: Actor) => actor?.role === 'admin' || actor?.role === 'animator';

function requireModerator(actor: Actor, can: { moderate: boolean }): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!can.moderate) throw new ForbiddenError();
}

/** Hides a post from readers (moderators still see it), resolving its open flags. */
export async function setPostHidden(
  deps: Deps,
  actor: Actor,
  postId: number,
  hidden: boolean,
  input: unknown,
): Promise<void> {
  const { post, thread, access } = await postAccess(deps, actor, postId);
  requireModerator(actor, access.can);
  const { reason } = parseInput(moderationReasonSchema, input ?? {});
  await deps.database.db.transaction(async (tx) => {
    await postsQ.updatePost(
      tx,
      post.id,
      hidden
        ? { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason ?? null }
        : { hiddenAt: null, hiddenBy: null, hiddenReason: null },
    );
    if (hidden) await postsQ.resolveFlags(tx, post.id, actor.id, 'hidden');
    await writeAudit(tx, {
      actorId: actor.id,
      action: hidden ? 'post.hide' : 'post.restore',
      targetType: 'post',
      targetId: post.id,
      groupId: thread.groupId,
      reason: reason ?? null,
    });
    await deps.bus.record(tx, hidden ? 'post.hidden' : 'post.restored', {
      postId: post.id,
      threadId: thread.id,
      groupId: thread.groupId,
      byUserId: actor.id,
      reason: reason ?? null,
    });
  });
}

/** Closes a post's open flags without acting on the post. */
export async function dismissFlags(deps: Deps, actor: Actor, postId: number, input: unknown): Promise<number> {
  const { post, thread, access } = await postAccess(deps, actor, postId);
  requireModerator(actor, access.can);
  const { reason } = parseInput(moderationReasonSchema, input ?? {});
  return deps.database.db.transaction(async (tx) => {
    const n = await postsQ.resolveFlags(tx, post.id, actor.id, 'dismissed');
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'flag.dismiss',
      targetType: 'post',
      targetId: post.id,
      groupId: thread.groupId,
      reason: reason ?? null,
      data: { flags: n },
    });
    return n;
  });
}

type ThreadFlag = 'locked' | 'pinned';
const flagEvents = {
  locked: ['thread.locked', 'thread.unlocked'],
  pinned: ['thread.pinned', 'thread.unpinned'],
} as const;

/** Locks/unlocks or pins/unpins a thread. */
export async function setThreadFlag(
  deps: Deps,
  actor: Actor,
  threadId: number,
  flag: ThreadFlag,
  on: boolean,
  input: unknown,
): Promise<void> {
  const { thread, access } = await threadAccess(deps, actor, threadId);
  requireModerator(actor, access.can);
  const { reason } = parseInput(moderationReasonSchema, input ?? {});
  const event = flagEvents[flag][on ? 0 : 1];
  await deps.database.db.transaction(async (tx) => {
    await threadsQ.updateThread(tx, thread.id, { [flag]: on });
    await writeAudit(tx, {
      actorId: actor.id,
      action: event,
      targetType: 'thread',
      targetId: thread.id,
      groupId: thread.groupId,
      reason: reason ?? null,
    });
    await deps.bus.record(tx, event, {
      threadId: thread.id,
      groupId: thread.groupId,
      byUserId: actor.id,
      reason: reason ?? null,
    });
  });
}

/** Moves a thread to another group; the actor must moderate both. */
export async function moveThread(
  deps: Deps,
  actor: Actor,
  threadId: number,
  input: unknown,
): Promise<{ slug: string }> {
  const { thread, access } = await threadAccess(deps, actor, threadId);
  requireModerator(actor, access.can);
  const data = parseInput(moveSchema, input);
  const target = await groupsQ.findGroupBySlug(deps.database.db, data.group);
  if (!target) throw new ValidationError({ group: { key: 'validation.group_unknown' } });
  if (target.id === thread.groupId) throw new ValidationError({ group: { key: 'validation.group_same' } });
  const targetAccess = await groupAccess(deps.database.db, actor, target).catch(() => undefined);
  if (!targetAccess?.can.moderate) throw new ValidationError({ group: { key: 'validation.group_not_moderated' } });
  await deps.database.db.transaction(async (tx) => {
    await threadsQ.updateThread(tx, thread.id, { groupId: target.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'thread.move',
      targetType: 'thread',
      targetId: thread.id,
      groupId: target.id,
      reason: data.reason ?? null,
      data: { fromGroupId: thread.groupId, toGroupId: target.id },
    });
    await deps.bus.record(tx, 'thread.moved', {
      threadId: thread.id,
      fromGroupId: thread.groupId,
      groupId: target.id,
      byUserId: actor.id,
      reason: data.reason ?? null,
    });
  });
  return { slug: target.slug };
}

/**
 * Group ids whose flags and log the actor may see: 'all' for admins; for animators the groups they
 * may read (visibility.ts); for others the
 * groups they moderate. Moderation shows posts' words, so it follows the read rule of every page.
 */
async function moderatedGroupIds(deps: Deps, actor: Actor): Promise<number[] | 'all'> {
  if (!actor) throw new UnauthorizedError();
  if (actor.role === 'admin') return 'all';
  const moderates = sql`EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${groups.id} AND gm.user_id = ${actor.id} AND gm.status = 'active' AND gm.role IN ('owner', 'moderator'))`;
  const rows = await deps.database.db
    .select({ id: groups.id })
    .from(groups)
    .where(isStaff(actor) ? inArray(groups.id, readableGroupIds(actor)) : moderates);
  if (!rows.length && !isStaff(actor)) throw new ForbiddenError();
  return rows.map((r) => r.id);
}

/** Moderating a group's queue or log needs both the right to moderate and the right to read it. */
function requireModeratorReader(
  actor: Actor,
  can: { moderate: boolean; read: boolean },
): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!can.read) throw new NotFoundError();
  requireModerator(actor, can);
}

/** The open flags the actor may act on: one group's, or every group they moderate. */
export async function flagQueue(deps: Deps, actor: Actor, slug?: string) {
  if (slug) {
    const access = await accessBySlug(deps, actor, slug);
    requireModeratorReader(actor, access.can);
    return { access, flags: await postsQ.openFlags(deps.database.db, [access.group.id]) };
  }
  return { access: null, flags: await postsQ.openFlags(deps.database.db, await moderatedGroupIds(deps, actor)) };
}

/** The moderation audit log of one group, or (for animators and admins) of all groups. */
export async function auditLog(deps: Deps, actor: Actor, slug?: string) {
  if (slug) {
    const access = await accessBySlug(deps, actor, slug);
    requireModeratorReader(actor, access.can);
    return { access, entries: await listAudit(deps.database.db, access.group.id) };
  }
  if (!actor) throw new UnauthorizedError();
  if (!isStaff(actor)) throw new ForbiddenError();
  const ids = await moderatedGroupIds(deps, actor);
  return { access: null, entries: await listAudit(deps.database.db, ids === 'all' ? null : ids) };
}
