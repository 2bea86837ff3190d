// Home page, language switch, accessibility declaration and site search over what exists so far.
import { Router } from 'express';
import { listVisibleGroups } from '../../../models/queries/groups.ts';
import { listOrganizations } from '../../../models/queries/organizations.ts';
import { countUsers, listMembers } from '../../../models/queries/users.ts';
import { safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { isLang } from '../../core/i18n.ts';
import { memberView } from '../members/members.view.ts';
import { latestMembers } from '../members/members.service.ts';
import { readFeed } from '../activity/activity.service.ts';
import { activityView } from '../activity/activity.view.ts';
import { myCourses, suggestedCourses } from '../courses/courses.service.ts';

const YEAR = 365 * 24 * 60 * 60 * 1000;

export function homeRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const viewer = req.user ?? null;
    const [memberCount, orgs, groups, latest, feed, mine] = await Promise.all([
      countUsers(deps.database.db),
      listOrganizations(deps.database.db),
      listVisibleGroups(deps.database.db, viewer),
      latestMembers(deps, 6),
      readFeed(deps, viewer, { kind: 'global' }, { limit: 8 }),
      viewer ? myCourses(deps, viewer) : Promise.resolve([]),
    ]);
    const courses = await suggestedCourses(deps, mine.map((c) => c.slug), 3);
    res.render('home/index', {
      title: req.t('home.title'),
      isHome: true,
      memberCount,
      organizationCount: orgs.length,
      groupCount: groups.length,
      groups: groups.slice(0, 6),
      latest: latest.map((m) => memberView(m, viewer)),
      feed: { items: feed.items.map(activityView), room: 'feed', lastId: feed.items[0]?.id ?? 0 },
      // "I miei corsi": what I am studying first, with where to resume.
      myCourses: mine.filter((c) => c.status === 'active').slice(0, 4),
      courses,
    });
  });

  router.get('/lingua/:lang', (req, res) => {
    if (isLang(req.params.lang)) {
      res.cookie('lang', req.params.lang, { maxAge: YEAR, sameSite: 'lax', httpOnly: true, secure: deps.config.secureCookies });
    }
    res.redirect(303, safeReturnPath(req.query.next));
  });

  router.get('/dichiarazione-accessibilita', (req, res) => {
    res.render('home/accessibility', {
      title: req.t('accessibility.title'),
      breadcrumbs: [{ label: req.t('accessibility.title') }],
    });
  });

  router.get('/cerca', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 80) : '';
    let people: ReturnType<typeof memberView>[] = [];
    let organizations: Awaited<ReturnType<typeof listOrganizations>> = [];
    if (q.length >= 2) {
      const needle = q.toLocaleLowerCase('it');
      [people, organizations] = await Promise.all([
        listMembers(deps.database.db, { q }, { limit: 20, offset: 0 }).then((r) => r.rows.map((m) => memberView(m, req.user ?? null))),
        listOrganizations(deps.database.db).then((all) => all.filter((o) => o.name.toLocaleLowerCase('it').includes(needle)).slice(0, 20)),
      ]);
    }
    res.render('home/search', {
      title: req.t('search.title'),
      breadcrumbs: [{ label: req.t('search.title') }],
      q,
      searched: q.length >= 2,
      people,
      organizations,
      empty: q.length >= 2 && people.length === 0 && organizations.length === 0,
    });
  });

  return router;
}
