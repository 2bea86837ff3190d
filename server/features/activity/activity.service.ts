// Feeds: global, per group, per person, per thread and "my network", each showing only what the
// viewer may read, paginated by cursor (the last activity id seen).
import * as q from '../../../models/queries/activities.ts';
import { findMember } from '../../../models/queries/users.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { readableGroup } from '../groups/groups.service.ts';
import { parseInput } from '../../core/validation.ts';
import { KIND_TYPES, feedQuerySchema } from './activity.schema.ts';

export const viewerOf = (actor: Actor): q.Viewer => (actor ? { id: actor.id, role: actor.role } : null);

export type Feed = { items: q.ActivityRow[]; next: number | undefined; kind: string | undefined; network: boolean };

/** One page of a feed. `scope` is decided by the caller after its own access check. */
export async function readFeed(deps: Deps, actor: Actor, scope: q.FeedScope, input: unknown): Promise<Feed> {
  const f = parseInput(feedQuerySchema, input);
  let effective = scope;
  if (f.rete && scope.kind === 'global') {
    if (!actor) throw new UnauthorizedError();
    effective = { kind: 'network', userId: actor.id };
  }
  const items = await q.listActivities(deps.database.db, viewerOf(actor), {
    scope: effective,
    types: f.tipo ? [...KIND_TYPES[f.tipo]] : undefined,
    before: f.prima,
    after: f.dopo,
    limit: f.limit + 1,
  });
  const more = items.length > f.limit;
  const page = items.slice(0, f.limit);
  return {
    items: page,
    next: more && f.dopo === undefined ? page.at(-1)?.id : undefined,
    kind: f.tipo,
    network: effective.kind === 'network',
  };
}

/** Where a feed is read: everywhere, one group (by slug) or one person (by id). */
export type FeedPlace = { group?: string | undefined; member?: number | undefined };

/**
 * One page of the feed of a place; a group the actor may not read is a 404. With `named` (a page
 * titled with the group's or the person's name) it says who they are, and an unknown person is a
 * 404 too; the API lists an unknown person's (empty) feed.
 */
export async function feedOf(
  deps: Deps,
  actor: Actor,
  place: FeedPlace,
  input: unknown,
  opts: { named?: boolean } = {},
) {
  if (place.group !== undefined) {
    const { group } = await readableGroup(deps, actor, place.group);
    return {
      feed: await readFeed(deps, actor, { kind: 'group', groupId: group.id }, input),
      group: { slug: group.slug, name: group.name },
    };
  }
  if (place.member !== undefined && !opts.named)
    return { feed: await readFeed(deps, actor, { kind: 'user', userId: place.member }, input) };
  if (place.member !== undefined) {
    const member = await findMember(deps.database.db, place.member);
    if (!member) throw new NotFoundError();
    return {
      feed: await readFeed(deps, actor, { kind: 'user', userId: member.id }, input),
      member: { id: member.id, name: member.name },
    };
  }
  return { feed: await readFeed(deps, actor, { kind: 'global' }, input) };
}

/** Activities newer than `since` in a scope, oldest first: what a reconnecting browser missed. */
export async function missedSince(
  deps: Deps,
  actor: Actor,
  scope: q.FeedScope,
  since: number,
  limit = 100,
): Promise<q.ActivityRow[]> {
  return q.listActivities(deps.database.db, viewerOf(actor), { scope, after: since, limit });
}
