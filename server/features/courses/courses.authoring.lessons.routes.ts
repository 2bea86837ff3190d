// Course authoring's handlers for a lesson: its editor (with the Markdown preview), saving, moving
// and deleting it. Listed in courses.authoring.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import * as lessons from './courses.authoring.lessons.ts';
import { button, editUrl, failed, frame, isPreview, previewOf, saved } from './courses.authoring.pages.ts';
import { parseDirection } from './courses.authoring.schema.ts';
import { LESSON_KIND_CHOICES, lessonForm } from './courses.authoring.view.ts';
import { actorOf, param, slugOf } from './courses.http.ts';

const lessonOf = (req: Request) => param(req, 'lesson');

/** The lesson's editor; `stored` fills the form from the lesson rather than from what was posted. */
async function renderLesson(deps: Deps, req: Request, res: Response, opts: { status?: number; err?: AppError; stored?: boolean } = {}) {
  const { course, lesson, modules } = await lessons.lessonEditor(deps, actorOf(req), slugOf(req), lessonOf(req));
  if (opts.stored) req.body = lessonForm(lesson, modules);
  res.status(opts.status ?? 200).render('courses/authoring/lesson', {
    ...frame(req, course, 'structure', lesson.title),
    lesson,
    modules,
    kinds: LESSON_KIND_CHOICES,
    action: editUrl(course.slug, `/lezioni/${lesson.slug}`),
    preview: previewOf(req, 'body', course.slug),
    ...failed(req, opts.err),
  });
}

export const lessonHandlers = (deps: Deps) => ({
  lessonPage: (req: Request, res: Response) => renderLesson(deps, req, res, { stored: true }),

  async saveLesson(req: Request, res: Response) {
    if (isPreview(req)) return renderLesson(deps, req, res);
    try {
      const out = await lessons.updateLesson(deps, actorOf(req), slugOf(req), lessonOf(req), req.body);
      saved(req, 'course_authoring.flash.lesson_saved', out, { title: out.value.title });
      res.redirect(303, editUrl(out.course.slug, `/lezioni/${out.value.slug}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderLesson(deps, req, res, { status: 400, err });
      throw err;
    }
  },

  moveLesson: (req: Request, res: Response) =>
    button(req, res, editUrl(slugOf(req), `/struttura#lesson-${lessonOf(req)}`), 'course_authoring.flash.moved', () =>
      lessons.moveLesson(deps, actorOf(req), slugOf(req), lessonOf(req), parseDirection(req.body)),
    ),

  deleteLesson: (req: Request, res: Response) =>
    button(req, res, editUrl(slugOf(req), '/struttura'), 'course_authoring.flash.lesson_deleted', () => lessons.deleteLesson(deps, actorOf(req), slugOf(req), lessonOf(req))),
});
