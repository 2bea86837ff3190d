// Room names clients may subscribe to, and what each subscription joins on the server. Public
// names follow DESIGN.md (feed, group:<slug>, thread:<id>, …); the server joins internal rooms
// keyed by id, and only after the same policy checks the pages make.
import { and, eq, inArray, not } from 'drizzle-orm';
import type { FeedScope } from '../../models/queries/activities.ts';
import {
  GROUP_ACCESS,
  groupAllowed,
  readableByEveryoneSql,
  readableGroupIds,
} from '../../models/queries/visibility.ts';
import { groupMemberships, groups, subscriptions, threads, users } from '../../models/schema.ts';
import type { Deps } from '../core/deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { threadAccess } from '../features/discussions/discussions.service.ts';
import { accessBySlug, groupAccess } from '../features/groups/groups.service.ts';
import { findGroupById } from '../../models/queries/groups.ts';
import { accessBySlug as courseAccessBySlug } from '../features/courses/courses.service.ts';
import { findReadable as findReadableTwinning } from '../features/twinnings/twinnings.service.ts';

/** The largest id a PostgreSQL integer holds: nothing has a larger one (and asking would be a database error). */
export const MAX_ID = 2_147_483_647;

export const ROOM_PATTERN =
  /^(feed|network|group:[a-z0-9][a-z0-9-]{0,79}|thread:[1-9]\d{0,9}|twinning:[a-z0-9][a-z0-9-]{0,79}|course:[a-z0-9][a-z0-9-]{0,79})$/;

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
  /** A twinning's room: its own activity (status, milestones) and its discussion space's. */
  twinning: (twinningId: number) => `twn:${twinningId}`,
};

/** The group id of a group room (`grp:<id>`), for presence; undefined for other rooms. */
export const groupOfRoom = (room: string): number | undefined =>
  /^grp:(\d+)$/.exec(room) ? Number(room.slice(4)) : undefined;

export type Subscription = {
  /** Internal rooms to join. */
  joins: string[];
  /** The feed a reconnecting client resumes from. */
  scope: FeedScope;
  /** Set for group rooms, which report presence. */
  group?: { id: number; slug: string };
  thread?: { id: number; groupId: number };
};

/** What a socket remembers of one public subscription (socket.data.subs[room]). */
export type SubscriptionEntry = { joins: string[]; groupId?: number; threadGroupId?: number };

export const subscriptionEntry = (sub: Subscription): SubscriptionEntry => ({
  joins: sub.joins,
  ...(sub.group ? { groupId: sub.group.id } : {}),
  ...(sub.thread ? { threadGroupId: sub.thread.groupId } : {}),
});

/** Groups whose activity the user may read (visibility.ts) but not everyone: their feed rooms. */
async function restrictedReadableGroups(deps: Deps, user: Express.User): Promise<number[]> {
  const rows = await deps.database.db
    .select({ id: groups.id })
    .from(groups)
    .where(and(inArray(groups.id, readableGroupIds(user)), not(readableByEveryoneSql(groups.visibility))));
  return rows.map((r) => r.id);
}

/** Decides a subscription; a room the user may not read is "not found", like on the pages. */
export async function authorize(deps: Deps, user: Express.User, room: string): Promise<Subscription> {
  const [kind, key = ''] = room.split(':');
  switch (kind) {
    case 'feed': {
      const restricted = await restrictedReadableGroups(deps, user);
      return {
        joins: [rooms.feedPublic, rooms.self(user.id), ...restricted.map(rooms.feedGroup)],
        scope: { kind: 'global' },
      };
    }
    case 'network': {
      const db = deps.database.db;
      const [mine, followed] = await Promise.all([
        db
          .select({ id: groupMemberships.groupId })
          .from(groupMemberships)
          .where(and(eq(groupMemberships.userId, user.id), eq(groupMemberships.status, 'active'))),
        // Followed threads the person can still read (visibility.ts).
        db
          .select({ id: subscriptions.targetId })
          .from(subscriptions)
          .innerJoin(threads, eq(threads.id, subscriptions.targetId))
          .where(
            and(
              eq(subscriptions.userId, user.id),
              eq(subscriptions.targetType, 'thread'),
              groupAllowed('read', threads.groupId, user),
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
      return {
        joins: [rooms.group(access.group.id)],
        scope: { kind: 'group', groupId: access.group.id },
        group: { id: access.group.id, slug: access.group.slug },
      };
    }
    case 'thread': {
      const id = Number(key);
      if (!(id <= MAX_ID)) throw new NotFoundError();
      const { thread } = await threadAccess(deps, user, id);
      return {
        joins: [rooms.thread(thread.id)],
        scope: { kind: 'thread', threadId: thread.id },
        thread: { id: thread.id, groupId: thread.groupId },
      };
    }
    case 'course': {
      // Learners and those who run the course: the activity of its discussion space.
      const access = await courseAccessBySlug(deps, user, key);
      const groupId = access.course.groupId;
      if (!groupId || !(access.can.learn || access.can.manage)) throw new NotFoundError();
      // Its activity is the private space's: someone removed from the space no longer gets it.
      const space = await groupAccess(deps.database.db, user, await findGroupById(deps.database.db, groupId)).catch(
        () => null,
      );
      if (!space?.can.read) throw new NotFoundError();
      return { joins: [rooms.course(groupId)], scope: { kind: 'group', groupId } };
    }
    case 'twinning': {
      // Whoever may read the twinning's page (a proposal: those who run it); a missing one is "not found".
      const { twinning } = await findReadableTwinning(deps, user, key);
      return { joins: [rooms.twinning(twinning.id)], scope: { kind: 'global' } };
    }
    default:
      throw new NotFoundError();
  }
}

/**
 * The sockets whose subscriptions a change to a group may affect: those in its rooms and its
 * threads' rooms (who may lose them), and the people who may gain rooms (those whose membership
 * or site role lets them read it, for the feed; followers of its threads for "network").
 */
export async function concernedByGroup(deps: Deps, groupId: number): Promise<{ rooms: string[]; userIds: number[] }> {
  const db = deps.database.db;
  const [threadRows, members, admins, followers] = await Promise.all([
    db.select({ id: threads.id }).from(threads).where(eq(threads.groupId, groupId)),
    db
      .select({ id: groupMemberships.userId })
      .from(groupMemberships)
      .where(
        and(eq(groupMemberships.groupId, groupId), inArray(groupMemberships.status, [...GROUP_ACCESS.read.statuses])),
      ),
    db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.role, [...GROUP_ACCESS.read.siteRoles])),
    db
      .selectDistinct({ id: subscriptions.userId })
      .from(subscriptions)
      .innerJoin(threads, eq(threads.id, subscriptions.targetId))
      .where(and(eq(subscriptions.targetType, 'thread'), eq(threads.groupId, groupId))),
  ]);
  return {
    rooms: [
      rooms.group(groupId),
      rooms.feedGroup(groupId),
      rooms.course(groupId),
      ...threadRows.map((t) => rooms.thread(t.id)),
    ],
    userIds: [...new Set([...members, ...admins, ...followers].map((r) => r.id))],
  };
}

/** The sockets a moved thread concerns: those in its room, and the people following it. */
export async function concernedByThread(deps: Deps, threadId: number): Promise<{ rooms: string[]; userIds: number[] }> {
  const followers = await deps.database.db
    .select({ id: subscriptions.userId })
    .from(subscriptions)
    .where(and(eq(subscriptions.targetType, 'thread'), eq(subscriptions.targetId, threadId)));
  return { rooms: [rooms.thread(threadId)], userIds: followers.map((f) => f.id) };
}
