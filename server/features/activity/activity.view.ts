// Activity rows → what the feed partial and the API show. The same partial renders an item on a
// page and in a live push (rendered once per language by the broadcaster).
import type { ActivityRow } from '../../../models/queries/activities.ts';

export function activityView(a: ActivityRow) {
  const data = (a.data ?? {}) as Record<string, unknown>;
  return {
    id: a.id,
    type: a.type,
    verbKey: `activity.verbs.${a.type.replace('.', '_')}`,
    actor: a.actorId ? { id: a.actorId, name: a.actorName ?? '', url: `/membri/${a.actorId}` } : null,
    object: { type: a.objectType, id: a.objectId, title: a.objectTitle, url: a.objectUrl },
    group: a.groupSlug ? { slug: a.groupSlug, name: a.groupName, url: `/gruppi/${a.groupSlug}` } : null,
    count: typeof data.count === 'number' ? data.count : undefined,
    reaction: typeof data.kind === 'string' ? data.kind : undefined,
    createdAt: a.createdAt,
  };
}
export type ActivityView = ReturnType<typeof activityView>;

/** The DESIGN.md `activity` payload: {id, type, actor:{id,name}, object:{type,id,title,url}, group?, createdAt}. */
export function activityJson(a: ActivityRow) {
  return {
    id: a.id,
    type: a.type,
    actor: a.actorId ? { id: a.actorId, name: a.actorName } : null,
    object: { type: a.objectType, id: a.objectId, title: a.objectTitle, url: a.objectUrl },
    ...(a.groupSlug ? { group: { slug: a.groupSlug, name: a.groupName } } : {}),
    createdAt: a.createdAt.toISOString(),
  };
}
