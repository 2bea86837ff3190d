// The catalogue side's handlers: /corsi, "I miei corsi", the course page and its files, enrolment,
// and the same for /api/v1/courses. Listed in the router table of courses.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { flash } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as enrolment from './courses.enrolment.ts';
import { actorOf, slugOf } from './courses.http.ts';
import { catalogueView } from './courses.pages.view.ts';
import * as courses from './courses.service.ts';
import { catalogueJson, courseJson, sessionJson } from './courses.view.ts';
import { excerptOf } from '../notifications/notifications.view.ts';

export const catalogueHandlers = (deps: Deps) => ({
  async cataloguePage(req: Request, res: Response) {
    const page = await courses.cataloguePage(deps, actorOf(req), req.query);
    res.render('courses/index', { title: req.t('courses.title'), breadcrumbs: [{ label: req.t('courses.title') }], ...catalogueView(page) });
  },

  async myCoursesPage(req: Request, res: Response) {
    const mine = await courses.myCourses(deps, actorOf(req));
    res.render('courses/mine', {
      title: req.t('courses.mine.title'),
      breadcrumbs: [{ label: req.t('courses.title'), url: '/corsi' }, { label: req.t('courses.mine.title') }],
      courses: mine,
    });
  },

  async coursePage(req: Request, res: Response) {
    const actor = actorOf(req);
    const page = await courses.coursePage(deps, actor, slugOf(req));
    res.render('courses/show', {
      title: page.course.title,
      meta: { description: page.course.summary ? excerptOf(page.course.summary) : undefined },
      breadcrumbs: [{ label: req.t('courses.title'), url: '/corsi' }, { label: page.course.title }],
      ...page,
      signedIn: Boolean(actor),
      csrf: actor ? csrfToken(req) : undefined,
    });
  },

  async courseFile(req: Request, res: Response) {
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
  },

  async enrol(req: Request, res: Response) {
    const { status, course } = await enrolment.enrol(deps, actorOf(req), slugOf(req));
    flash(req, 'success', status === 'active' ? 'courses.flash.enrolled' : 'courses.flash.requested', { title: course.title });
    res.redirect(303, `/corsi/${course.slug}`);
  },

  async withdraw(req: Request, res: Response) {
    await enrolment.withdrawRequest(deps, actorOf(req), slugOf(req));
    flash(req, 'info', 'courses.flash.withdrawn');
    res.redirect(303, `/corsi/${slugOf(req)}`);
  },

  async apiList(req: Request, res: Response) {
    const { courses: list } = await courses.catalogue(deps, actorOf(req), req.query);
    res.json({ courses: list.map(catalogueJson) });
  },

  async apiShow(req: Request, res: Response) {
    const page = await courses.coursePage(deps, actorOf(req), slugOf(req));
    const mine = page.enrolment ? { status: page.enrolment.status, completedAt: page.enrolment.completedAt } : null;
    res.json({ course: courseJson(page, page.sessions.map(sessionJson)), enrolment: mine });
  },

  async apiEnrol(req: Request, res: Response) {
    const { status } = await enrolment.enrol(deps, actorOf(req), slugOf(req));
    res.json({ enrolment: { status } });
  },
});
