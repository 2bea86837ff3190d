// The events calendar (/eventi): upcoming in-person and online sessions of the courses, by month,
// with an iCal feed (/eventi.ics) to subscribe to from any calendar.
import { Router } from 'express';
import type { Deps } from '../../core/deps.ts';
import { italianDay } from '../../core/time.ts';
import { calendar, icalendar } from '../courses/courses.sessions.ts';

export function eventRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/eventi', async (req, res) => {
    const sessions = await calendar(deps, req.user ?? null);
    const months: { key: string; date: Date; sessions: typeof sessions }[] = [];
    for (const s of sessions) {
      // Months as Italian calendars count them (a session at 00:30 on the 1st belongs to that month).
      const key = italianDay(s.startsAt).slice(0, 7);
      const month = months.at(-1)?.key === key ? months.at(-1)! : (months.push({ key, date: s.startsAt, sessions: [] }), months.at(-1)!);
      month.sessions.push(s);
    }
    res.render('events/index', {
      title: req.t('events.title'),
      breadcrumbs: [{ label: req.t('events.title') }],
      months,
    });
  });

  router.get('/eventi.ics', async (req, res) => {
    const sessions = await calendar(deps, null);
    res.type('text/calendar; charset=utf-8');
    res.send(icalendar(req.t('events.calendar_name'), deps.config.publicUrl, sessions, req.t('courses.sessions.online')));
  });

  return router;
}
