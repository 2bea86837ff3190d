// Home page, language switch and accessibility declaration (the site search is features/search).
import { Router } from 'express';
import { safeReturnPath } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf } from '../../core/http.ts';
import { isLang } from '../../core/i18n.ts';
import { activityView } from '../activity/activity.view.ts';
import { articleCardView } from '../articles/articles.view.ts';
import { eventView } from '../events/events.view.ts';
import { postView } from '../exchange/exchange.view.ts';
import { memberView } from '../members/members.view.ts';
import { practiceCardView } from '../practices/practices.catalogue.view.ts';
import { twinningCardView } from '../twinnings/twinnings.view.ts';
import { questionnaireCard } from '../questionnaires/questionnaires.view.ts';
import { homePage } from './home.service.ts';

const YEAR = 365 * 24 * 60 * 60 * 1000;

export function homeRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const viewer = actorOf(req);
    const page = await homePage(deps, viewer);
    res.render('home/index', {
      title: req.t('home.title'),
      isHome: true,
      ...page,
      latest: page.latest.map((m) => memberView(m, viewer)),
      news: page.news.map(articleCardView),
      feed: { items: page.feed.items.map(activityView), room: 'feed', lastId: page.feed.items[0]?.id ?? 0 },
      events: page.events.map(({ event, mine }) => eventView(event, mine)),
      exchange: page.exchange.map((p) => postView(p)),
      twinnings: page.twinnings.map(twinningCardView),
      questionnaires: page.questionnaires.map(questionnaireCard),
      practices: page.practices.latest.length
        ? {
            latest: page.practices.latest.map((p) => practiceCardView(p, req.lang)),
            mostReused: page.practices.mostReused.map((p) => practiceCardView(p, req.lang)),
          }
        : undefined,
    });
  });

  router.get('/lingua/:lang', (req, res) => {
    if (isLang(req.params.lang)) {
      res.cookie('lang', req.params.lang, {
        maxAge: YEAR,
        sameSite: 'lax',
        httpOnly: true,
        secure: deps.config.secureCookies,
      });
    }
    res.redirect(303, safeReturnPath(req.query.next));
  });

  router.get('/dichiarazione-accessibilita', (req, res) => {
    res.render('home/accessibility', {
      title: req.t('accessibility.title'),
      breadcrumbs: [{ label: req.t('accessibility.title') }],
    });
  });

  return router;
}
