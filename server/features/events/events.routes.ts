// The events calendar (/eventi): upcoming in-person and online sessions of the courses, by month,
// with an iCal feed (/eventi.ics) to subscribe to from any calendar.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { actorOf } from '../../core/http.ts';
import { calendarByMonth, calendarFeed } from './events.service.ts';

export function eventRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/eventi', async (req, res) => {
    res.render('events/index', {
      title: req.t('events.title'),
      breadcrumbs: [{ label: req.t('events.title') }],
      months: await calendarByMonth(deps, actorOf(req)),
    });
  });

  router.get('/eventi.ics', async (req, res) => {
    res.type('text/calendar; charset=utf-8');
    res.send(await calendarFeed(deps, req.t('events.calendar_name'), req.t('courses.sessions.online')));
  });

  return router;
}
