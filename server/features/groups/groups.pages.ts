// What the group pages read: a group's page (its discussions, first members, pending requests,
// activity) and its members' page, each as the actor may see it.
import * as q from '../../../models/queries/groups.ts';
import { latestThreads } from '../../../models/queries/threads.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { readFeed } from '../activity/activity.service.ts';
import { NotFoundError } from '../../core/errors.ts';
import { threadsOfGroup } from '../discussions/discussions.service.ts';
import { accessWithMembership, listGroupMembers, readableGroup } from './groups.service.ts';

/** How many members the group page shows; the members' page lists them all. */
export const GROUP_PAGE_MEMBERS = 24;

/**
 * A group's page: anyone who may know the group sees it; its discussions, members and activity
 * only those who may read it; requests waiting for approval only its moderators.
 */
export async function groupPage(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const db = deps.database.db;
  // The group, the viewer's membership and subscription and the group's two counts: one statement.
  const found = await q.findGroupForViewer(db, slug, actor?.id ?? null);
  if (!found) throw new NotFoundError();
  const access = accessWithMembership(actor, found.group, found.membership ?? undefined);
  const { group, can } = access;
  const [discussions, members, pending, feed] = await Promise.all([
    can.read ? threadsOfGroup(deps, actor, access, input) : Promise.resolve(null),
    can.read ? q.groupMembers(db, group.id, GROUP_PAGE_MEMBERS) : Promise.resolve([]),
    can.moderate ? q.pendingMembers(db, group.id) : Promise.resolve([]),
    can.read ? readFeed(deps, actor, { kind: 'group', groupId: group.id }, { limit: 10 }) : Promise.resolve(null),
  ]);
  return {
    ...access,
    discussions,
    members,
    memberCount: can.read ? found.memberCount : 0,
    pending,
    following: actor ? found.following : false,
    activeThreads: can.read ? found.activeThreads : 0,
    feed,
  };
}

/** A group's members' page: every active member for those who may read the group, and the requests for its moderators. */
export async function groupMembersPage(deps: Deps, actor: Actor, slug: string) {
  const list = await listGroupMembers(deps, actor, slug);
  return { ...list, pending: list.can.moderate ? await q.pendingMembers(deps.database.db, list.group.id) : [] };
}

/** How many threads a group's RSS feed lists. */
export const GROUP_FEED_ITEMS = 20;

/** A group's feed: its newest discussions, for those who may read the group (anyone else: a 404, as for its page). */
export async function groupFeed(deps: Deps, actor: Actor, slug: string) {
  const { group } = await readableGroup(deps, actor, slug);
  return { group, threads: await latestThreads(deps.database.db, group.id, GROUP_FEED_ITEMS) };
}
