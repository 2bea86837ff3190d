// Group rows → JSON for the API.
import type { Group } from '../../../models/schema.ts';
import type { GroupListRow } from '../../../models/queries/groups.ts';

export function groupJson(
  g: Pick<Group, 'id' | 'slug' | 'name' | 'description' | 'theme' | 'visibility'> & Partial<GroupListRow>,
) {
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    theme: g.theme,
    visibility: g.visibility,
    url: `/gruppi/${g.slug}`,
    ...(g.memberCount !== undefined ? { memberCount: g.memberCount } : {}),
    ...(g.activeThreads !== undefined ? { activeThreads: g.activeThreads } : {}),
    ...(g.lastActivityAt !== undefined ? { lastActivityAt: g.lastActivityAt?.toISOString() ?? null } : {}),
  };
}
