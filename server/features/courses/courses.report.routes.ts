// Running a course, the handlers: the management page (report, approvals, sessions), the learners'
// CSV, the xAPI exports. Listed in the router table of courses.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError, NotFoundError } from '../../core/errors.ts';
import { flash, formState } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { learnersCsv } from './courses.csv.ts';
import { decideEnrolment } from './courses.enrolment.ts';
import { actorOf, courseCrumbs, param, routeId, slugOf } from './courses.http.ts';
import { manageView, NEW_SESSION_FORM } from './courses.pages.view.ts';
import * as report from './courses.report.ts';

/** The management page; after a refused new session, with the form's errors in place. */
export async function renderManage(deps: Deps, req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) {
  const page = await report.managePage(deps, actorOf(req), slugOf(req));
  if (!opts.err) req.body = { ...NEW_SESSION_FORM };
  res.status(opts.status ?? 200).render('courses/manage', {
    title: req.t('courses.manage.title', { title: page.course.title }),
    breadcrumbs: courseCrumbs(req, page.course, { label: req.t('courses.manage.short') }),
    ...manageView(page),
    csrf: csrfToken(req),
    ...formState(req, opts.err?.fields),
  });
}

/** The decisions on a request to join, as the page's URL names them. */
const DECISIONS: Record<string, 'approve' | 'decline'> = { approva: 'approve', rifiuta: 'decline' };

export const reportHandlers = (deps: Deps) => ({
  managePage: (req: Request, res: Response) => renderManage(deps, req, res),

  async learnersCsv(req: Request, res: Response) {
    const { course, learners } = await report.learnersReport(deps, actorOf(req), slugOf(req));
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${course.slug}-iscritti.csv"`).send(learnersCsv(learners, req.t));
  },

  async xapiFile(req: Request, res: Response) {
    const { course, statements } = await report.exportStatements(deps, actorOf(req), slugOf(req));
    res.set('Content-Disposition', `attachment; filename="${course.slug}-xapi.json"`).json(statements);
  },

  async decideEnrolment(req: Request, res: Response) {
    const userId = routeId(req.params.userId);
    const decision = DECISIONS[param(req, 'decision')];
    if (!decision) throw new NotFoundError();
    await decideEnrolment(deps, actorOf(req), slugOf(req), userId, decision);
    flash(req, 'success', decision === 'approve' ? 'courses.flash.approved' : 'courses.flash.declined');
    res.redirect(303, `/corsi/${slugOf(req)}/gestione`);
  },

  async apiStatements(req: Request, res: Response) {
    const { statements } = await report.exportStatements(deps, actorOf(req), slugOf(req));
    res.json({ statements });
  },
});
