// The home page's overview.
import type { Actor, Deps } from '../../core/deps.ts';
import { readFeed } from '../activity/activity.service.ts';
import { myCourses, suggestedCourses } from '../courses/courses.service.ts';
import { visibleGroups } from '../groups/groups.service.ts';
import { countMembers, latestMembers } from '../members/members.service.ts';
import { countOrganizations } from '../organizations/organizations.service.ts';

/** What the home page shows the actor: figures, groups they may see, newcomers, the feed, their courses. */
export async function homePage(deps: Deps, actor: Actor) {
  const [memberCount, organizations, groups, latest, feed, mine] = await Promise.all([
    countMembers(deps),
    countOrganizations(deps),
    visibleGroups(deps, actor),
    latestMembers(deps, 6),
    readFeed(deps, actor, { kind: 'global' }, { limit: 8 }),
    actor ? myCourses(deps, actor) : Promise.resolve([]),
  ]);
  const courses = await suggestedCourses(
    deps,
    mine.map((c) => c.slug),
    3,
  );
  return {
    memberCount,
    organizationCount: organizations.total,
    groupCount: groups.length,
    groups: groups.slice(0, 6),
    latest,
    feed,
    // "I miei corsi": what I am studying first, with where to resume.
    myCourses: mine.filter((c) => c.status === 'active').slice(0, 4),
    courses,
  };
}
