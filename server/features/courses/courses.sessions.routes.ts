// Sessions' handlers: registration and the waiting list, the calendar file, and for those who run
// the course: new sessions, the session page, changes, attendance, cancelling. Listed in the router
// table of courses.routes.ts.
import type { NextFunction, Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash, formState } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { actorOf, courseCrumbs, idOf, slugOf, toCoursePage } from './courses.http.ts';
import { SESSION_MODE_CHOICES, sessionForm } from './courses.pages.view.ts';
import { renderManage } from './courses.report.routes.ts';
import { icalendar } from './courses.ical.ts';
import * as sessions from './courses.sessions.ts';

/** The session page; after a refused change, with the form's errors in place. */
async function renderSession(deps: Deps, req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) {
  const roster = await sessions.sessionRoster(deps, actorOf(req), slugOf(req), idOf(req));
  const s = roster.session;
  if (!opts.err) req.body = sessionForm(s);
  res.status(opts.status ?? 200).render('courses/session', {
    title: s.title,
    breadcrumbs: courseCrumbs(req, roster.course, { label: req.t('courses.manage.short'), url: `/corsi/${roster.course.slug}/gestione` }, { label: s.title }),
    ...roster,
    started: s.startsAt <= new Date(),
    modes: SESSION_MODE_CHOICES,
    csrf: csrfToken(req),
    ...formState(req, opts.err?.fields),
  });
}

const refused = (err: unknown, ...statuses: number[]): err is AppError => err instanceof AppError && statuses.includes(err.status);

export const sessionHandlers = (deps: Deps) => ({
  async register(req: Request, res: Response, next: NextFunction) {
    try {
      const { status, position } = await sessions.registerForSession(deps, actorOf(req), slugOf(req), idOf(req));
      flash(req, status === 'registered' ? 'success' : 'info', `courses.flash.session_${status}`, { position });
      res.redirect(303, `/corsi/${slugOf(req)}#sessione-${req.params.id}`);
    } catch (err) {
      if (!refused(err, 409)) return toCoursePage(req, res, next, err);
      flash(req, 'warning', err.key);
      res.redirect(303, `/corsi/${slugOf(req)}`);
    }
  },

  async unregister(req: Request, res: Response) {
    try {
      await sessions.unregisterFromSession(deps, actorOf(req), slugOf(req), idOf(req));
      flash(req, 'info', 'courses.flash.session_cancelled');
    } catch (err) {
      // Once the session began the registration stays (it is the attendance record): say so on the page.
      if (!refused(err, 409)) throw err;
      flash(req, 'warning', err.key);
    }
    res.redirect(303, `/corsi/${slugOf(req)}#sessione-${req.params.id}`);
  },

  async calendarFile(req: Request, res: Response) {
    const { course, sessions: rows } = await sessions.courseCalendar(deps, actorOf(req), slugOf(req));
    res.type('text/calendar; charset=utf-8').set('Content-Disposition', `attachment; filename="${course.slug}.ics"`);
    res.send(icalendar(course.title, deps.config.publicUrl, rows, req.t('courses.sessions.online')));
  },

  async create(req: Request, res: Response, next: NextFunction) {
    try {
      const session = await sessions.createSession(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'courses.flash.session_created', { title: session.title });
      res.redirect(303, `/corsi/${slugOf(req)}/gestione#sessioni`);
    } catch (err) {
      if (refused(err, 400)) return renderManage(deps, req, res, { status: 400, err }).catch(next);
      next(err);
    }
  },

  sessionPage: (req: Request, res: Response) => renderSession(deps, req, res),

  async update(req: Request, res: Response, next: NextFunction) {
    try {
      await sessions.updateSession(deps, actorOf(req), slugOf(req), idOf(req), req.body);
      flash(req, 'success', 'courses.flash.session_updated');
      res.redirect(303, `/corsi/${slugOf(req)}/sessioni/${req.params.id}`);
    } catch (err) {
      if (refused(err, 400, 409)) return renderSession(deps, req, res, { status: err.status, err }).catch(next);
      next(err);
    }
  },

  async attendance(req: Request, res: Response) {
    const { present, completed } = await sessions.markAttendance(deps, actorOf(req), slugOf(req), idOf(req), req.body);
    flash(req, 'success', 'courses.flash.attendance_saved', { count: present, completed: completed.length });
    res.redirect(303, `/corsi/${slugOf(req)}/sessioni/${req.params.id}`);
  },

  async cancel(req: Request, res: Response) {
    await sessions.cancelSession(deps, actorOf(req), slugOf(req), idOf(req));
    flash(req, 'info', 'courses.flash.session_removed');
    res.redirect(303, `/corsi/${slugOf(req)}/gestione#sessioni`);
  },

  async apiRegister(req: Request, res: Response) {
    const registration = await sessions.registerForSession(deps, actorOf(req), slugOf(req), idOf(req));
    res.json({ registration });
  },

  async apiUnregister(req: Request, res: Response) {
    await sessions.unregisterFromSession(deps, actorOf(req), slugOf(req), idOf(req));
    res.status(204).end();
  },
});
