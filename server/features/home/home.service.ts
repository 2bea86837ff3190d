// The home page's overview.
import type { Actor, Deps } from '../../core/deps.ts';
import { FragmentCache } from '../../core/fragments.ts';
import { readFeed } from '../activity/activity.service.ts';
import { latestNews } from '../articles/articles.service.ts';
import { homeLearning, suggestedCourses } from '../courses/courses.service.ts';
import { upcomingEvents } from '../events/events.service.ts';
import { newestPosts } from '../exchange/exchange.service.ts';
import { visibleGroups } from '../groups/groups.service.ts';
import { countMembers, latestMembers } from '../members/members.service.ts';
import { countOrganizations } from '../organizations/organizations.service.ts';
import { latestPractices, mostReusedPractices } from '../practices/practices.catalogue.service.ts';
import { latestTwinnings } from '../twinnings/twinnings.service.ts';
import { homeQuestionnaires } from '../questionnaires/questionnaires.service.ts';

/** How long another app process may show a home fragment after the change (see core/fragments.ts). */
const FRAGMENT_TTL_MS = 30_000;
/** How many courses the home suggests (published ones the person does not follow). */
const SUGGESTED_COURSES = 3;
const caches = new WeakMap<Deps, FragmentCache>();

/** The home page's shared fragments for these deps, cleared by the events that change them. */
function homeCache(deps: Deps): FragmentCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new FragmentCache(FRAGMENT_TTL_MS);
    cache.invalidateOn(
      deps.bus,
      ['user.registered', 'user.updated', 'organization.created', 'organization.merged', 'organization.verified'],
      'home:community',
    );
    cache.invalidateOn(deps.bus, ['article.published', 'article.updated'], 'home:news');
    cache.invalidateOn(deps.bus, ['exchange.posted', 'exchange.updated'], 'home:exchange');
    cache.invalidateOn(
      deps.bus,
      // Archived (a transition) or changed (a new version), a practice leaves or changes on the home at once.
      [
        'practice.published',
        'practice.reused',
        'practice.reuse_withdrawn',
        'practice.transitioned',
        'practice.updated',
      ],
      'home:practices',
    );
    cache.invalidateOn(
      deps.bus,
      ['twinning.created', 'twinning.approved', 'twinning.status_changed', 'twinning.milestone', 'member.joined'],
      'home:twinnings',
    );
    cache.invalidateOn(deps.bus, ['questionnaire.published'], 'home:questionnaires');
    caches.set(deps, cache);
  }
  return cache;
}

/** The same for everyone: how many members and administrations, and the newcomers. */
const communityFigures = (deps: Deps) =>
  homeCache(deps).get('home:community', async () => {
    const [memberCount, organizations, latest] = await Promise.all([
      countMembers(deps),
      countOrganizations(deps),
      latestMembers(deps, 6),
    ]);
    return { memberCount, organizationCount: organizations.total, latest };
  });

/** Published practices: the newest and the most reused, the same for everyone. */
const practiceLists = (deps: Deps) =>
  homeCache(deps).get('home:practices', async () => ({
    latest: await latestPractices(deps, 3),
    mostReused: await mostReusedPractices(deps, 3),
  }));

/** What the home page shows the actor: figures, groups they may see, newcomers, the feed, their courses, the news, upcoming events. */
export async function homePage(deps: Deps, actor: Actor) {
  const [community, groups, feed, learning, news, events, exchange, practices] = await Promise.all([
    communityFigures(deps),
    visibleGroups(deps, actor),
    readFeed(deps, actor, { kind: 'global' }, { limit: 8 }),
    // Signed in: my courses, the suggested ones and my booklet's counts in one statement.
    actor
      ? homeLearning(deps, actor, SUGGESTED_COURSES)
      : suggestedCourses(deps, [], SUGGESTED_COURSES).then((suggested) => ({ mine: [], suggested, booklet: null })),
    // Published news only: the same for everyone.
    homeCache(deps).get('home:news', () => latestNews(deps, 4)),
    // Upcoming events depend on the viewer (private groups' events): not shared.
    upcomingEvents(deps, actor, 4),
    // Active Cerco/Offro posts are public: shared (an expiry shows within the fragment's time to live).
    homeCache(deps).get('home:exchange', () => newestPosts(deps, 4)),
    practiceLists(deps),
  ]);
  const { mine, suggested: courses, booklet } = learning;
  // "Ultimi gemellaggi": approved and later ones are public, shared.
  const twinnings = await homeCache(deps).get('home:twinnings', () => latestTwinnings(deps, 3));
  // Published questionnaires are public: shared.
  const questionnaires = await homeCache(deps).get('home:questionnaires', () => homeQuestionnaires(deps, 4));
  return {
    ...community,
    groupCount: groups.length,
    groups: groups.slice(0, 6),
    feed,
    // "I miei corsi": what I am studying first, with where to resume.
    myCourses: mine.filter((c) => c.status === 'active').slice(0, 4),
    courses,
    news,
    events,
    exchange,
    practices,
    booklet,
    twinnings,
    questionnaires,
  };
}
