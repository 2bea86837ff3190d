// The home page's overview and the site search over people and administrations.
import type { Actor, Deps } from '../../core/deps.ts';
import { readFeed } from '../activity/activity.service.ts';
import { myCourses, suggestedCourses } from '../courses/courses.service.ts';
import { upcomingEvents } from '../events/events.service.ts';
import { visibleGroups } from '../groups/groups.service.ts';
import { countMembers, latestMembers, searchMembers } from '../members/members.service.ts';
import { countOrganizations, searchOrganizations } from '../organizations/organizations.service.ts';

/** The shortest text /cerca looks for, and the longest it keeps. */
export const SEARCH_MIN_LENGTH = 2;
const SEARCH_MAX_LENGTH = 80;
const SEARCH_LIMIT = 20;

/** What the home page shows the actor: figures, groups they may see, newcomers, the feed, their courses, upcoming events. */
export async function homePage(deps: Deps, actor: Actor) {
  const [memberCount, organizations, groups, latest, feed, mine, events] = await Promise.all([
    countMembers(deps),
    countOrganizations(deps),
    visibleGroups(deps, actor),
    latestMembers(deps, 6),
    readFeed(deps, actor, { kind: 'global' }, { limit: 8 }),
    actor ? myCourses(deps, actor) : Promise.resolve([]),
    upcomingEvents(deps, actor, 4),
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
    events,
  };
}

/** /cerca: people and administrations matching the text (at least two characters, else nothing is searched). */
export async function searchSite(deps: Deps, input: unknown) {
  const q = typeof input === 'string' ? input.trim().slice(0, SEARCH_MAX_LENGTH) : '';
  if (q.length < SEARCH_MIN_LENGTH) return { q, searched: false, people: [], organizations: [] };
  const [people, organizations] = await Promise.all([
    searchMembers(deps, q, SEARCH_LIMIT),
    searchOrganizations(deps, q, SEARCH_LIMIT),
  ]);
  return { q, searched: true, people, organizations };
}
