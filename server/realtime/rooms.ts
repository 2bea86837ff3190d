// Room names clients may subscribe to, and what each subscription joins on the server. Public
// names follow DESIGN.md (feed, group:<slug>, thread:<id>, …); the server joins internal rooms
// keyed by id, and only after the same policy checks the pages make.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FeedScope } from '../../models/queries/activities.ts';
import { groupMemberships, groups, subscriptions, threads } from '../../models/schema.ts';
import type { Deps } from '../core/deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { threadAccess } from '../features/discussions/discussions.service.ts';
import { accessBySlug, groupAccess } from '../features/groups/groups.service.ts';
import { findGroupById } from '../../models/queries/groups.ts';
import { accessBySlug as courseAccessBySlug } from '../features/courses/courses.service.ts';

export const ROOM_PATTERN = /^(feed|network|group:[a-z0-9][a-z0-9-]{0,79}|thread:[1-9]\d{0,9}|twinning:[a-z0-9][a-z0-9-]{0,79}|course:[a-z0-9][a-z0-9-]{0,79})$/;

/** Internal rooms: who receives what. */
export const rooms = {
  user: (id: number) => `user:${id}`,
  self: (id: number) => `self:${id}`,
  feedPublic: 'feed:public',
  feedGroup: (groupId: number) => `feed:g:${groupId}`,
  group: (groupId: number) => `grp:${groupId}`,
  thread: (threadId: number) => `thr:${threadId}`,
  /** A course's room, keyed by its discussion space (the group whose readers may see its activity). */
  course: (groupId: number) => `crs:${groupId}`,
};

export type Subscription = {
  /** Internal rooms to join. */
  joins: string[];
  /** The feed a reconnecting client resumes from. */
  scope: FeedScope;
  /** Set for group rooms, which report presence. */
  group?: { id: number; slug: string };
  thread?: { id: number; groupId: number };
};

/** Groups whose feed activity the user may read but that are not public: their feed rooms. */
async function restrictedReadableGroups(deps: Deps, user: Express.User): Promise<number[]> {
  const db = deps.database.db;
  if (user.role === 'admin') {
    return (await db.select({ id: groups.id }).from(groups).where(sql`${groups.visibility} <> 'public'`)).map((g) => g.id);
  }
  const rows = await db
    .select({ id: groups.id })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, user.id), eq(groupMemberships.status, 'active'), sql`${groups.visibility} <> 'public'`));
  return rows.map((r) => r.id);
}

/** Decides a subscription; a room the user may not read is "not found", like on the pages. */
export async function authorize(deps: Deps, user: Express.User, room: string): Promise<Subscription> {
  const [kind, key = ''] = room.split(':');
  switch (kind) {
    case 'feed': {
      const restricted = await restrictedReadableGroups(deps, user);
      return { joins: [rooms.feedPublic, rooms.self(user.id), ...restricted.map(rooms.feedGroup)], scope: { kind: 'global' } };
    }
    case 'network': {
      const db = deps.database.db;
      const [mine, followed] = await Promise.all([
        db.select({ id: groupMemberships.groupId }).from(groupMemberships).where(and(eq(groupMemberships.userId, user.id), eq(groupMemberships.status, 'active'))),
        // Followed threads the person can still read: public groups, active membership, or admin.
        db
          .select({ id: subscriptions.targetId })
          .from(subscriptions)
          .innerJoin(threads, eq(threads.id, subscriptions.targetId))
          .innerJoin(groups, eq(groups.id, threads.groupId))
          .where(
            and(
              eq(subscriptions.userId, user.id),
              eq(subscriptions.targetType, 'thread'),
              user.role === 'admin'
                ? undefined
                : sql`(${groups.visibility} = 'public' OR EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.group_id = ${groups.id} AND gm.user_id = ${user.id} AND gm.status = 'active'))`,
            ),
          ),
      ]);
      return {
        joins: [rooms.self(user.id), ...mine.map((g) => rooms.group(g.id)), ...followed.map((t) => rooms.thread(t.id))],
        scope: { kind: 'network', userId: user.id },
      };
    }
    case 'group': {
      const access = await accessBySlug(deps, user, key);
      if (!access.can.read) throw new NotFoundError();
      return { joins: [rooms.group(access.group.id)], scope: { kind: 'group', groupId: access.group.id }, group: { id: access.group.id, slug: access.group.slug } };
    }
    case 'thread': {
      const { thread } = await threadAccess(deps, user, Number(key));
      return { joins: [rooms.thread(thread.id)], scope: { kind: 'thread', threadId: thread.id }, thread: { id: thread.id, groupId: thread.groupId } };
    }
    case 'course': {
      // Learners and those who run the course: the activity of its discussion space.
      const access = await courseAccessBySlug(deps, user, key);
      const groupId = access.course.groupId;
      if (!groupId || !(access.can.learn || access.can.manage)) throw new NotFoundError();
      // Its activity is the private space's: someone removed from the space no longer gets it.
      const space = await groupAccess(deps.database.db, user, await findGroupById(deps.database.db, groupId)).catch(() => null);
      if (!space?.can.read) throw new NotFoundError();
      return { joins: [rooms.course(groupId)], scope: { kind: 'group', groupId } };
    }
    default:
      // Twinnings have no pages yet: nothing to subscribe to.
      throw new NotFoundError();
  }
}

/** Of these groups, the ones the user can no longer read (after leaving, removal, a move). */
export async function unreadableGroups(deps: Deps, user: Express.User, groupIds: number[]): Promise<number[]> {
  if (!groupIds.length || user.role === 'admin') return [];
  const rows = await deps.database.db
    .select({ id: groups.id, visibility: groups.visibility, status: groupMemberships.status })
    .from(groups)
    .leftJoin(groupMemberships, and(eq(groupMemberships.groupId, groups.id), eq(groupMemberships.userId, user.id)))
    .where(inArray(groups.id, groupIds));
  return groupIds.filter((id) => {
    const g = rows.find((r) => r.id === id);
    return !g || (g.visibility !== 'public' && g.status !== 'active');
  });
}
