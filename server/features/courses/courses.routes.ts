// Courses for learners and for the animators who run them: catalogue (/corsi), course pages,
// enrolment, sessions, "I miei corsi", the animator's report, exports, and /api/v1/courses.
// Lessons and quizzes (pages and API) are in courses.learning.routes.ts, mounted here.
import { Router, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash, formState } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { routeId } from '../../core/http.ts';
import { courseLearningRoutes, toCoursePage } from './courses.learning.routes.ts';
import { canCreateCourse } from './courses.policy.ts';
import { courseReport, exportStatements, learnersCsv } from './courses.report.ts';
import * as courses from './courses.service.ts';
import * as sessions from './courses.sessions.ts';
import { catalogueJson, courseJson, sessionJson } from './courses.view.ts';
import { DURATIONS, RESERVED_SLUGS } from './courses.schema.ts';
import { COURSE_LEVELS, SESSION_MODES } from '../../../models/schema.ts';
import { italianInputValue } from '../../core/time.ts';

const actorOf = (req: Request) => req.user ?? null;
const slugOf = (req: Request) => String(req.params.slug);

export function courseRoutes(deps: Deps): Router {
  const router = Router();
  // Slugs under /corsi that are pages of their own, not courses.
  router.param('slug', (_req, _res, next, slug: string) => next(RESERVED_SLUGS.includes(slug) ? 'route' : undefined));

  // Catalogue and course pages.

  router.get('/corsi', async (req, res) => {
    const actor = actorOf(req);
    const { filters, courses: list, themes } = await courses.catalogue(deps, actor, req.query);
    const mine = actor ? await courses.myCourses(deps, actor) : [];
    res.render('courses/index', {
      title: req.t('courses.title'),
      breadcrumbs: [{ label: req.t('courses.title') }],
      courses: list.map((c) => ({ ...c, mine: mine.find((m) => m.slug === c.slug) ?? null })),
      themes,
      filters,
      filtered: Boolean(filters.q || filters.tema || filters.livello || filters.durata),
      levels: COURSE_LEVELS,
      durations: Object.keys(DURATIONS),
      canCreate: canCreateCourse(actor),
    });
  });

  router.get('/corsi/miei', requireLogin, async (req, res) => {
    const mine = await courses.myCourses(deps, actorOf(req));
    res.render('courses/mine', {
      title: req.t('courses.mine.title'),
      breadcrumbs: [{ label: req.t('courses.title'), url: '/corsi' }, { label: req.t('courses.mine.title') }],
      courses: mine,
    });
  });

  router.get('/corsi/:slug', async (req, res) => {
    const actor = actorOf(req);
    const detail = await courses.courseDetail(deps, actor, slugOf(req));
    const upcoming = await sessions.sessionsForCourse(deps, actor, detail.course);
    res.render('courses/show', {
      title: detail.course.title,
      breadcrumbs: [{ label: req.t('courses.title'), url: '/corsi' }, { label: detail.course.title }],
      ...detail,
      sessions: upcoming,
      signedIn: Boolean(actor),
      csrf: actor ? csrfToken(req) : undefined,
    });
  });

  router.get('/corsi/:slug/file/*path', async (req, res) => {
    const filePath = ([] as string[]).concat(req.params.path as unknown as string[]).join('/');
    const file = await courses.courseFile(deps, actorOf(req), slugOf(req), filePath);
    res.set({
      'Content-Type': file.mime,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      // A lesson's files follow its access: revalidated on each use (a 304 when unchanged).
      'Cache-Control': 'private, no-cache',
    });
    res.send(file.data);
  });

  // Enrolment.

  router.post('/corsi/:slug/iscrizione', requireLogin, async (req, res) => {
    const { status, course } = await courses.enrol(deps, actorOf(req), slugOf(req));
    flash(req, 'success', status === 'active' ? 'courses.flash.enrolled' : 'courses.flash.requested', { title: course.title });
    res.redirect(303, `/corsi/${course.slug}`);
  });

  router.post('/corsi/:slug/iscrizione/ritira', requireLogin, async (req, res) => {
    await courses.withdrawRequest(deps, actorOf(req), slugOf(req));
    flash(req, 'info', 'courses.flash.withdrawn');
    res.redirect(303, `/corsi/${slugOf(req)}`);
  });

  // Lessons and quizzes.

  router.use(courseLearningRoutes(deps));

  // Sessions.

  router.post('/corsi/:slug/sessioni/:id/iscrizione', requireLogin, async (req, res, next) => {
    try {
      const { status, position } = await sessions.registerForSession(deps, actorOf(req), slugOf(req), routeId(req.params.id));
      flash(req, status === 'registered' ? 'success' : 'info', `courses.flash.session_${status}`, { position });
      res.redirect(303, `/corsi/${slugOf(req)}#sessione-${req.params.id}`);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) {
        flash(req, 'warning', err.key);
        return res.redirect(303, `/corsi/${slugOf(req)}`);
      }
      toCoursePage(req, res, next, err);
    }
  });

  router.post('/corsi/:slug/sessioni/:id/annulla', requireLogin, async (req, res) => {
    await sessions.unregisterFromSession(deps, actorOf(req), slugOf(req), routeId(req.params.id));
    flash(req, 'info', 'courses.flash.session_cancelled');
    res.redirect(303, `/corsi/${slugOf(req)}#sessione-${req.params.id}`);
  });

  router.get('/corsi/:slug/sessioni.ics', async (req, res) => {
    const { course } = await courses.accessBySlug(deps, actorOf(req), slugOf(req));
    const rows = await sessions.sessionsForCourse(deps, null, course, { all: true });
    res.type('text/calendar; charset=utf-8').set('Content-Disposition', `attachment; filename="${course.slug}.ics"`);
    res.send(sessions.icalendar(course.title, deps.config.publicUrl, rows, req.t('courses.sessions.online')));
  });

  // Running a course: report, approvals, sessions, exports.

  const renderManage = async (req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) => {
    const report = await courseReport(deps, actorOf(req), slugOf(req));
    const all = await sessions.sessionsForCourse(deps, actorOf(req), report.course, { all: true });
    if (!opts.err) req.body = { mode: 'presence', seats: '20' };
    res.status(opts.status ?? 200).render('courses/manage', {
      title: req.t('courses.manage.title', { title: report.course.title }),
      breadcrumbs: [
        { label: req.t('courses.title'), url: '/corsi' },
        { label: report.course.title, url: `/corsi/${report.course.slug}` },
        { label: req.t('courses.manage.short') },
      ],
      ...report,
      active: report.learners.filter((l) => l.status === 'active'),
      pending: report.learners.filter((l) => l.status === 'pending'),
      sessions: all,
      modes: SESSION_MODES,
      csrf: csrfToken(req),
      ...formState(req, opts.err?.fields),
    });
  };

  router.get('/corsi/:slug/gestione', requireLogin, (req, res) => renderManage(req, res));

  router.get('/corsi/:slug/gestione/iscritti.csv', requireLogin, async (req, res) => {
    const { course, csv } = await learnersCsv(deps, actorOf(req), slugOf(req), req.t);
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${course.slug}-iscritti.csv"`).send(csv);
  });

  router.get('/corsi/:slug/xapi.json', requireLogin, async (req, res) => {
    const { course, statements } = await exportStatements(deps, actorOf(req), slugOf(req));
    res.set('Content-Disposition', `attachment; filename="${course.slug}-xapi.json"`).json(statements);
  });

  router.post('/corsi/:slug/gestione/iscrizioni/:userId/:decision', requireLogin, async (req, res) => {
    const userId = routeId(req.params.userId);
    if (req.params.decision === 'approva') await courses.approveEnrolment(deps, actorOf(req), slugOf(req), userId);
    else if (req.params.decision === 'rifiuta') await courses.declineEnrolment(deps, actorOf(req), slugOf(req), userId);
    else throw new AppError(404, 'not_found', 'errors.not_found');
    flash(req, 'success', req.params.decision === 'approva' ? 'courses.flash.approved' : 'courses.flash.declined');
    res.redirect(303, `/corsi/${slugOf(req)}/gestione`);
  });

  router.post('/corsi/:slug/sessioni', requireLogin, async (req, res, next) => {
    try {
      const session = await sessions.createSession(deps, actorOf(req), slugOf(req), req.body);
      flash(req, 'success', 'courses.flash.session_created', { title: session.title });
      res.redirect(303, `/corsi/${slugOf(req)}/gestione#sessioni`);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderManage(req, res, { status: 400, err }).catch(next);
      next(err);
    }
  });

  const renderSession = async (req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) => {
    const roster = await sessions.sessionRoster(deps, actorOf(req), slugOf(req), routeId(req.params.id));
    const s = roster.session;
    if (!opts.err) {
      req.body = { title: s.title, mode: s.mode, startsAt: italianInputValue(s.startsAt), endsAt: italianInputValue(s.endsAt), place: s.place, url: s.url ?? '', seats: String(s.seats), description: s.description };
    }
    res.status(opts.status ?? 200).render('courses/session', {
      title: s.title,
      breadcrumbs: [
        { label: req.t('courses.title'), url: '/corsi' },
        { label: roster.course.title, url: `/corsi/${roster.course.slug}` },
        { label: req.t('courses.manage.short'), url: `/corsi/${roster.course.slug}/gestione` },
        { label: s.title },
      ],
      ...roster,
      started: s.startsAt <= new Date(),
      modes: SESSION_MODES,
      csrf: csrfToken(req),
      ...formState(req, opts.err?.fields),
    });
  };

  router.get('/corsi/:slug/sessioni/:id', requireLogin, (req, res) => renderSession(req, res));

  router.post('/corsi/:slug/sessioni/:id/modifica', requireLogin, async (req, res, next) => {
    try {
      await sessions.updateSession(deps, actorOf(req), slugOf(req), routeId(req.params.id), req.body);
      flash(req, 'success', 'courses.flash.session_updated');
      res.redirect(303, `/corsi/${slugOf(req)}/sessioni/${req.params.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 409)) return renderSession(req, res, { status: err.status, err }).catch(next);
      next(err);
    }
  });

  router.post('/corsi/:slug/sessioni/:id/presenze', requireLogin, async (req, res) => {
    const { present, completed } = await sessions.markAttendance(deps, actorOf(req), slugOf(req), routeId(req.params.id), req.body);
    flash(req, 'success', 'courses.flash.attendance_saved', { count: present, completed: completed.length });
    res.redirect(303, `/corsi/${slugOf(req)}/sessioni/${req.params.id}`);
  });

  router.post('/corsi/:slug/sessioni/:id/cancella', requireLogin, async (req, res) => {
    await sessions.cancelSession(deps, actorOf(req), slugOf(req), routeId(req.params.id));
    flash(req, 'info', 'courses.flash.session_removed');
    res.redirect(303, `/corsi/${slugOf(req)}/gestione#sessioni`);
  });

  // JSON API.

  router.get('/api/v1/courses', async (req, res) => {
    const { courses: list } = await courses.catalogue(deps, actorOf(req), req.query);
    res.json({ courses: list.map(catalogueJson) });
  });

  router.get('/api/v1/courses/:slug', async (req, res) => {
    const detail = await courses.courseDetail(deps, actorOf(req), slugOf(req));
    const upcoming = await sessions.sessionsForCourse(deps, actorOf(req), detail.course);
    res.json({ course: courseJson(detail, upcoming.map(sessionJson)), enrolment: detail.enrolment ? { status: detail.enrolment.status, completedAt: detail.enrolment.completedAt } : null });
  });

  router.post('/api/v1/courses/:slug/enroll', requireAuth, async (req, res) => {
    const { status } = await courses.enrol(deps, actorOf(req), slugOf(req));
    res.json({ enrolment: { status } });
  });

  router.get('/api/v1/courses/:slug/statements', requireAuth, async (req, res) => {
    const { statements } = await exportStatements(deps, actorOf(req), slugOf(req));
    res.json({ statements });
  });

  router.post('/api/v1/courses/:slug/sessions/:id/register', requireAuth, async (req, res) => {
    const registration = await sessions.registerForSession(deps, actorOf(req), slugOf(req), routeId(req.params.id));
    res.json({ registration });
  });

  router.delete('/api/v1/courses/:slug/sessions/:id/register', requireAuth, async (req, res) => {
    await sessions.unregisterFromSession(deps, actorOf(req), slugOf(req), routeId(req.params.id));
    res.status(204).end();
  });

  return router;
}
