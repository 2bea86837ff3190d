// Course authoring in the browser (animators): /corsi/nuovo, /corsi/:slug/modifica and its subpages,
// and the Markdown preview. Forms post, redirect with a message, or come back (400) with the
// errors in place; every page works without script. This file has the course's settings, publishing
// and back to draft; the structure (modules, lessons, quizzes, questions) is in
// courses.authoring.content.routes.ts, mounted here after them.
import { Router, type Request, type Response } from 'express';
import { COURSE_ENROLMENTS, COURSE_LEVELS, type Course } from '../../../models/schema.ts';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import * as authoring from './courses.authoring.ts';
import { courseAuthoringContentRoutes } from './courses.authoring.content.routes.ts';
import { actorOf, editUrl, failed, frame, isPreview, param, previewOf, refusal, saved } from './courses.authoring.pages.ts';
import { canCreateCourse } from './courses.policy.ts';

/** A course's settings as the form holds them. */
const settingsForm = (course: Course) => ({
  title: course.title,
  summary: course.summary,
  description: course.description,
  audience: course.audience,
  theme: course.theme,
  hours: String(course.hours),
  level: course.level,
  language: course.language,
  enrolment: course.enrolment,
  licence: course.licence,
  competences: course.competences.map((c) => `${c.code} – ${c.title}`).join('\n'),
  completionLessons: course.completion.lessons ? 'on' : '',
  completionQuizzes: course.completion.quizzes ? 'on' : '',
  attendance: String(course.completion.attendance),
});

export function courseAuthoringRoutes(deps: Deps): Router {
  const router = Router();

  // Course settings: new and edit.

  const settingsOptions = { levels: COURSE_LEVELS, enrolments: COURSE_ENROLMENTS, languages: ['it', 'en'] };

  const renderNew = (req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) => {
    res.status(opts.status ?? 200).render('courses/authoring/settings', {
      title: req.t('course_authoring.new_title'),
      breadcrumbs: [{ label: req.t('course_authoring.breadcrumb'), url: '/corsi' }, { label: req.t('course_authoring.new_title') }],
      creating: true,
      action: '/corsi',
      csrf: csrfToken(req),
      preview: previewOf(req, 'description'),
      ...settingsOptions,
      ...failed(req, opts.err),
    });
  };

  router.get('/corsi/nuovo', requireLogin, (req, res) => {
    if (!canCreateCourse(actorOf(req))) throw new ForbiddenError('course_authoring.errors.cannot_create');
    req.body = { level: 'base', enrolment: 'open', language: 'it', hours: '1', completionLessons: 'on', completionQuizzes: 'on', attendance: '0' };
    renderNew(req, res);
  });

  router.post('/corsi', requireLogin, async (req, res) => {
    if (!canCreateCourse(actorOf(req))) throw new ForbiddenError('course_authoring.errors.cannot_create');
    if (isPreview(req)) return renderNew(req, res);
    try {
      const course = await authoring.createCourse(deps, actorOf(req), req.body);
      flash(req, 'success', 'course_authoring.flash.created', { title: course.title });
      res.redirect(303, editUrl(course.slug, '/struttura'));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderNew(req, res, { status: 400, err });
      throw err;
    }
  });

  router.post('/corsi/anteprima', requireAuth, (req, res) => {
    res.json({ html: authoring.previewMarkdown(actorOf(req), req.body) });
  });

  /** The settings page; `stored` fills the form from the course rather than from what was posted. */
  const renderSettings = async (req: Request, res: Response, opts: { status?: number; err?: AppError; conflict?: AppError; stored?: boolean } = {}) => {
    const editor = await authoring.courseEditor(deps, actorOf(req), param(req, 'slug'));
    if (opts.stored) req.body = settingsForm(editor.course);
    res.status(opts.status ?? 200).render('courses/authoring/settings', {
      ...frame(req, editor.course, 'settings', req.t('course_authoring.edit_title')),
      action: editUrl(editor.course.slug),
      learners: editor.learners,
      lessonCount: editor.lessons.length,
      quizCount: editor.quizzes.length,
      preview: previewOf(req, 'description', editor.course.slug),
      conflict: opts.conflict && { message: req.t(opts.conflict.key), reasons: Object.values(opts.conflict.fields ?? {}).map((m) => req.t(m.key, m.params ?? {})) },
      ...settingsOptions,
      ...failed(req, opts.err),
    });
  };

  router.get('/corsi/:slug/modifica', requireLogin, (req, res) => renderSettings(req, res, { stored: true }));

  router.post('/corsi/:slug/modifica', requireLogin, async (req, res) => {
    if (isPreview(req)) return renderSettings(req, res);
    try {
      const out = await authoring.updateSettings(deps, actorOf(req), param(req, 'slug'), req.body);
      saved(req, 'course_authoring.flash.saved', out);
      res.redirect(303, editUrl(out.course.slug));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderSettings(req, res, { status: 400, err });
      throw err;
    }
  });

  /** Publishing and back to draft: a refusal (409) comes back on the settings page with its reasons. */
  const statusChange = (work: (deps: Deps, actor: Express.User | null, slug: string) => Promise<{ course: Course }>, key: string) => async (req: Request, res: Response) => {
    try {
      const out = await work(deps, actorOf(req), param(req, 'slug'));
      flash(req, 'success', key);
      res.redirect(303, editUrl(out.course.slug));
    } catch (err) {
      if (!refusal(err)) throw err;
      await renderSettings(req, res, { status: err.status, conflict: err, stored: true });
    }
  };
  router.post('/corsi/:slug/modifica/pubblica', requireLogin, statusChange(authoring.publishCourse, 'course_authoring.flash.published'));
  router.post('/corsi/:slug/modifica/bozza', requireLogin, statusChange(authoring.unpublishCourse, 'course_authoring.flash.unpublished'));

  // Structure: modules, lessons, quizzes (courses.authoring.content.routes.ts).

  router.use(courseAuthoringContentRoutes(deps));

  return router;
}
