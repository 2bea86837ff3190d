// Feeds: global, per group, per person, per thread and "my network", each showing only what the
// viewer may read, paginated by cursor (the last activity id seen).
import * as q from '../../../models/queries/activities.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { UnauthorizedError } from '../../core/errors.ts';
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
  return { items: page, next: more && f.dopo === undefined ? page.at(-1)?.id : undefined, kind: f.tipo, network: effective.kind === 'network' };
}

/** Activities newer than `since` in a scope, oldest first: what a reconnecting browser missed. */
export async function missedSince(deps: Deps, actor: Actor, scope: q.FeedScope, since: number, limit = 100): Promise<q.ActivityRow[]> {
  return q.listActivities(deps.database.db, viewerOf(actor), { scope, after: since, limit });
}
