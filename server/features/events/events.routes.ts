// The events calendar's pages (/eventi): month and list views filtered by kind, an event's page,
// registration and cancellation, the organisers' forms, participants (CSV) and attendance, "i miei
// eventi", and the files other programs read: iCal (one event, the public calendar, a person's own
// by a private address) and RSS. The JSON API is in events.api.routes.ts.
import { Router, type Request, type Response } from 'express';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import type { AppError } from '../../core/errors.ts';
import { actorOf, flash, flashRefusal, formPost, formState, idOf } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { participantsCsv } from './events.csv.ts';
import { eventsICalendar, eventsRss, type FeedLabels } from './events.feeds.ts';
import { CALENDAR_KINDS, EVENT_KINDS } from './events.schema.ts';
import * as events from './events.service.ts';
import { byMonth, eventView, monthGrid, whenText } from './events.view.ts';

const ICS = 'text/calendar; charset=utf-8';

const labels = (req: Request): FeedLabels => ({
  name: req.t('events.calendar_name'),
  online: req.t('events.online'),
  kind: (k) => req.t(`events.kinds.${k}`),
});

/** The <link rel="alternate"> of the calendar's RSS feed, for the layout's head. */
const rssFeed = (req: Request) => [
  { type: 'application/rss+xml', title: req.t('events.rss_title'), href: '/eventi/feed.xml' },
];

export function eventRoutes(deps: Deps): Router {
  const router = Router();
  const crumbs = (req: Request, ...rest: { label: string; url?: string }[]) => [
    { label: req.t('events.title'), ...(rest.length ? { url: '/eventi' } : {}) },
    ...rest,
  ];

  router.get('/eventi', async (req, res) => {
    const page = await events.calendarPage(deps, actorOf(req), req.query);
    const items = page.items.map(({ event, mine }) => eventView(event, mine));
    res.render('events/index', {
      title: req.t('events.title'),
      breadcrumbs: crumbs(req),
      feeds: rssFeed(req),
      query: page.query,
      kinds: CALENDAR_KINDS,
      monthView: page.month !== null,
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      grid: page.month ? monthGrid(page.month, items) : null,
      months: page.month ? [] : byMonth(items),
      kindQuery: page.query.tipo.map((k) => `&tipo=${k}`).join(''),
      empty: items.length === 0,
    });
  });

  router.get('/eventi.ics', async (req, res) => {
    res.type(ICS).send(eventsICalendar(deps.config.publicUrl, await events.publicEvents(deps), labels(req)));
  });

  router.get('/eventi/feed.xml', async (req, res) => {
    const rows = await events.rssEvents(deps);
    const rss = eventsRss(deps.config.publicUrl, rows, {
      ...labels(req),
      name: req.t('events.rss_title'),
      description: req.t('events.intro'),
      when: (e) => whenText(e, req.lang),
    });
    res.type('application/rss+xml; charset=utf-8').send(rss);
  });

  router.get('/eventi/miei', requireLogin, async (req, res) => {
    const mine = await events.myEvents(deps, actorOf(req));
    const token = await events.myCalendarToken(deps, actorOf(req));
    res.render('events/mine', {
      title: req.t('events.mine.title'),
      breadcrumbs: crumbs(req, { label: req.t('events.mine.title') }),
      events: mine.map(({ event, mine: status }) => eventView(event, status)),
      subscribeUrl: `${deps.config.publicUrl.replace(/\/$/, '')}/eventi/calendario/${token}.ics`,
      csrf: csrfToken(req),
    });
  });

  // A new private address when the old one was shared or leaked: the old one stops working.
  router.post('/eventi/miei/nuovo-indirizzo', requireLogin, async (req, res) => {
    await events.resetCalendarToken(deps, actorOf(req));
    flash(req, 'success', 'events.flash.calendar_reset');
    res.redirect(303, '/eventi/miei');
  });

  // A person's own calendar for calendar apps: the private token stands in for the session.
  router.get('/eventi/calendario/:token.ics', async (req, res) => {
    const rows = await events.eventsForCalendarToken(deps, String(req.params.token));
    res
      .type(ICS)
      .set('Cache-Control', 'private, no-store')
      .send(eventsICalendar(deps.config.publicUrl, rows, labels(req)));
  });

  const showForm = (view: 'new' | 'edit') => async (req: Request, res: Response, err?: AppError) => {
    const edit = view === 'edit' ? await events.editEventForm(deps, actorOf(req), idOf(req)) : undefined;
    const values = err ? req.body : (edit?.values ?? events.newEventForm(actorOf(req)));
    if (!err) req.body = values;
    const title = edit ? req.t('events.form.edit_title') : req.t('events.form.new_title');
    res.status(err?.status ?? 200).render('events/form', {
      title,
      breadcrumbs: crumbs(req, ...(edit ? [{ label: edit.event.title, url: `/eventi/${edit.event.id}` }] : []), {
        label: title,
      }),
      action: edit ? `/eventi/${edit.event.id}/modifica` : '/eventi',
      event: edit?.event,
      kinds: EVENT_KINDS,
      csrf: csrfToken(req),
      ...formState(req, err?.fields),
      formError: err && !err.fields ? req.t(err.key) : undefined,
    });
  };

  router.get('/eventi/nuovo', requireLogin, (req, res) => showForm('new')(req, res));
  router.post(
    '/eventi',
    requireLogin,
    formPost(async (req, res) => {
      const event = await events.createEvent(deps, actorOf(req), req.body);
      flash(req, 'success', 'events.flash.created', { title: event.title });
      res.redirect(303, `/eventi/${event.id}`);
    }, showForm('new')),
  );

  router.get('/eventi/:id.ics', async (req, res) => {
    const event = await events.findEvent(deps, actorOf(req), idOf(req));
    res.type(ICS).set('Content-Disposition', `attachment; filename="evento-${event.id}.ics"`);
    res.send(eventsICalendar(deps.config.publicUrl, [event], { ...labels(req), name: event.title }));
  });

  router.get('/eventi/:id', async (req, res) => {
    const { event, standing, can } = await events.eventDetail(deps, actorOf(req), idOf(req));
    const view = eventView(event, standing?.status ?? null);
    if (view.isCourseSession) return res.redirect(303, view.url);
    res.render('events/show', {
      title: event.title,
      breadcrumbs: crumbs(req, { label: event.title }),
      feeds: rssFeed(req),
      event: view,
      position: standing?.position ?? 0,
      can,
      csrf: req.user ? csrfToken(req) : undefined,
    });
  });

  router.get('/eventi/:id/modifica', requireLogin, (req, res) => showForm('edit')(req, res));
  router.post(
    '/eventi/:id/modifica',
    requireLogin,
    formPost(
      async (req, res) => {
        await events.updateEvent(deps, actorOf(req), idOf(req), req.body);
        flash(req, 'success', 'events.flash.updated');
        res.redirect(303, `/eventi/${idOf(req)}`);
      },
      showForm('edit'),
      [400, 409],
    ),
  );

  router.post('/eventi/:id/cancella', requireLogin, async (req, res) => {
    await events.cancelEvent(deps, actorOf(req), idOf(req));
    flash(req, 'info', 'events.flash.cancelled');
    res.redirect(303, '/eventi');
  });

  router.post('/eventi/:id/iscrizione', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        const { status, position } = await events.registerForEvent(deps, actorOf(req), idOf(req));
        flash(req, status === 'registered' ? 'success' : 'info', `events.flash.${status}`, { position });
      },
      { statuses: [409] },
    );
    res.redirect(303, `/eventi/${idOf(req)}`);
  });

  router.post('/eventi/:id/annulla-iscrizione', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        await events.unregisterFromEvent(deps, actorOf(req), idOf(req));
        flash(req, 'info', 'events.flash.unregistered');
      },
      { statuses: [409] },
    );
    res.redirect(303, `/eventi/${idOf(req)}`);
  });

  router.get('/eventi/:id/partecipanti', requireLogin, async (req, res) => {
    const page = await events.participants(deps, actorOf(req), idOf(req));
    res.render('events/participants', {
      title: req.t('events.participants.title'),
      breadcrumbs: crumbs(
        req,
        { label: page.event.title, url: `/eventi/${page.event.id}` },
        { label: req.t('events.participants.title') },
      ),
      ...page,
      started: page.event.startsAt <= new Date(),
      csrf: csrfToken(req),
    });
  });

  router.get('/eventi/:id/partecipanti.csv', requireLogin, async (req, res) => {
    const { event, registered, waiting } = await events.participants(deps, actorOf(req), idOf(req));
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="evento-${event.id}-partecipanti.csv"`);
    res.send(participantsCsv([...registered, ...waiting], req.t));
  });

  router.post('/eventi/:id/presenze', requireLogin, async (req, res) => {
    await flashRefusal(
      req,
      async () => {
        const { present } = await events.recordEventAttendance(deps, actorOf(req), idOf(req), req.body);
        flash(req, 'success', 'events.flash.attendance_saved', { count: present });
      },
      { statuses: [400, 409] },
    );
    res.redirect(303, `/eventi/${idOf(req)}/partecipanti`);
  });

  return router;
}
