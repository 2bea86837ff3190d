// Course authoring's handlers for the course itself: /corsi/nuovo, creating, the settings page,
// publishing and back to draft, and the Markdown preview. Forms post, redirect with a message, or
// come back (400) with the errors in place. Listed in courses.authoring.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import type { Changed } from './courses.authoring.ts';
import * as authoring from './courses.authoring.course.ts';
import { editUrl, failed, frame, isPreview, previewOf, refusal, saved } from './courses.authoring.pages.ts';
import { NEW_COURSE_FORM, SETTINGS_CHOICES, settingsForm } from './courses.authoring.view.ts';
import { actorOf, slugOf } from './courses.http.ts';

function renderNew(req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) {
  res.status(opts.status ?? 200).render('courses/authoring/settings', {
    title: req.t('course_authoring.new_title'),
    breadcrumbs: [{ label: req.t('course_authoring.breadcrumb'), url: '/corsi' }, { label: req.t('course_authoring.new_title') }],
    creating: true,
    action: '/corsi',
    csrf: csrfToken(req),
    preview: previewOf(req, 'description'),
    ...SETTINGS_CHOICES,
    ...failed(req, opts.err),
  });
}

type SettingsOptions = { status?: number; err?: AppError; conflict?: AppError; stored?: boolean };

/** The settings page; `stored` fills the form from the course rather than from what was posted. */
async function renderSettings(deps: Deps, req: Request, res: Response, opts: SettingsOptions = {}) {
  const editor = await authoring.courseEditor(deps, actorOf(req), slugOf(req));
  if (opts.stored) req.body = settingsForm(editor.course);
  const conflict = opts.conflict && { message: req.t(opts.conflict.key), reasons: Object.values(opts.conflict.fields ?? {}).map((m) => req.t(m.key, m.params ?? {})) };
  res.status(opts.status ?? 200).render('courses/authoring/settings', {
    ...frame(req, editor.course, 'settings', req.t('course_authoring.edit_title')),
    action: editUrl(editor.course.slug),
    learners: editor.learners,
    lessonCount: editor.lessons.length,
    quizCount: editor.quizzes.length,
    preview: previewOf(req, 'description', editor.course.slug),
    conflict,
    ...SETTINGS_CHOICES,
    ...failed(req, opts.err),
  });
}

type StatusChange = (deps: Deps, actor: Express.User | null, slug: string) => Promise<Changed<unknown>>;

export const courseAuthoringHandlers = (deps: Deps) => {
  /** Publishing and back to draft: a refusal (409) comes back on the settings page with its reasons. */
  const statusChange = (work: StatusChange, key: string) => async (req: Request, res: Response) => {
    try {
      const out = await work(deps, actorOf(req), slugOf(req));
      flash(req, 'success', key);
      res.redirect(303, editUrl(out.course.slug));
    } catch (err) {
      if (!refusal(err)) throw err;
      await renderSettings(deps, req, res, { status: err.status, conflict: err, stored: true });
    }
  };

  return {
    newCoursePage(req: Request, res: Response) {
      authoring.assertCanCreateCourse(actorOf(req));
      req.body = { ...NEW_COURSE_FORM };
      renderNew(req, res);
    },

    async createCourse(req: Request, res: Response) {
      authoring.assertCanCreateCourse(actorOf(req));
      if (isPreview(req)) return renderNew(req, res);
      try {
        const course = await authoring.createCourse(deps, actorOf(req), req.body);
        flash(req, 'success', 'course_authoring.flash.created', { title: course.title });
        res.redirect(303, editUrl(course.slug, '/struttura'));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return renderNew(req, res, { status: 400, err });
        throw err;
      }
    },

    preview(req: Request, res: Response) {
      res.json({ html: authoring.previewMarkdown(actorOf(req), req.body) });
    },

    settingsPage: (req: Request, res: Response) => renderSettings(deps, req, res, { stored: true }),

    async saveSettings(req: Request, res: Response) {
      if (isPreview(req)) return renderSettings(deps, req, res);
      try {
        const out = await authoring.updateSettings(deps, actorOf(req), slugOf(req), req.body);
        saved(req, 'course_authoring.flash.saved', out);
        res.redirect(303, editUrl(out.course.slug));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return renderSettings(deps, req, res, { status: 400, err });
        throw err;
      }
    },

    publish: statusChange(authoring.publishCourse, 'course_authoring.flash.published'),
    unpublish: statusChange(authoring.unpublishCourse, 'course_authoring.flash.unpublished'),
  };
};
