// Course authoring's handlers for the structure page (/corsi/:slug/modifica/struttura) and its
// forms: modules (add, rename, move, delete), and a new lesson or quiz. A failed form comes back
// (400) on the same page with its errors in place. Listed in courses.authoring.routes.ts.
import type { Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { formState } from '../../core/http.ts';
import * as editor from './courses.authoring.course.ts';
import * as lessons from './courses.authoring.lessons.ts';
import * as modules from './courses.authoring.modules.ts';
import { button, editUrl, errorSummary, frame, saved } from './courses.authoring.pages.ts';
import * as quizzes from './courses.authoring.quizzes.ts';
import { parseDirection } from './courses.authoring.schema.ts';
import { structureFieldPrefix, structureView } from './courses.authoring.view.ts';
import type { Changed } from './courses.authoring.ts';
import { actorOf, param, slugOf } from './courses.http.ts';

type FailedForm = { form: string; err: AppError };

/** The structure page; after a failed form, that form with its errors in place (400). */
async function renderStructure(deps: Deps, req: Request, res: Response, failure?: FailedForm) {
  const page = await editor.courseEditor(deps, actorOf(req), slugOf(req));
  const state = (form: string) => (failure?.form === form ? formState(req, failure.err.fields) : { values: {}, errors: {}, hasErrors: false });
  res.status(failure ? 400 : 200).render('courses/authoring/structure', {
    ...frame(req, page.course, 'structure', req.t('course_authoring.structure.title')),
    ...structureView(page, state),
    errorSummary: failure ? errorSummary(req, failure.err.fields, structureFieldPrefix(failure.form)) : [],
    hasErrors: Boolean(failure),
  });
}

export const structureHandlers = (deps: Deps) => {
  /** A form of the structure page: done and back to it (or to `next`), or the page again with the errors in place. */
  const structureForm =
    (form: (req: Request) => string, work: (req: Request) => Promise<Changed<unknown>>, key: string, next?: (req: Request, value: unknown) => string) =>
    async (req: Request, res: Response) => {
      try {
        const out = await work(req);
        saved(req, key, out);
        res.redirect(303, next ? next(req, out.value) : editUrl(slugOf(req), '/struttura'));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return renderStructure(deps, req, res, { form: form(req), err });
        throw err;
      }
    };
  const moduleOf = (req: Request) => param(req, 'module');

  return {
    structurePage: (req: Request, res: Response) => renderStructure(deps, req, res),

    addModule: structureForm(() => 'module', (req) => modules.addModule(deps, actorOf(req), slugOf(req), req.body), 'course_authoring.flash.module_added'),

    renameModule: structureForm(
      (req) => `module:${moduleOf(req)}`,
      (req) => modules.updateModule(deps, actorOf(req), slugOf(req), moduleOf(req), req.body),
      'course_authoring.flash.module_saved',
    ),

    moveModule: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), `/struttura#module-${moduleOf(req)}`), 'course_authoring.flash.moved', () =>
        modules.moveModule(deps, actorOf(req), slugOf(req), moduleOf(req), parseDirection(req.body)),
      ),

    deleteModule: (req: Request, res: Response) =>
      button(req, res, editUrl(slugOf(req), '/struttura'), 'course_authoring.flash.module_deleted', () => modules.deleteModule(deps, actorOf(req), slugOf(req), moduleOf(req))),

    addLesson: structureForm(
      (req) => `lesson:${String(req.body?.module ?? '')}`,
      (req) => lessons.addLesson(deps, actorOf(req), slugOf(req), req.body),
      'course_authoring.flash.lesson_added',
      (req, lesson) => editUrl(slugOf(req), `/lezioni/${(lesson as { slug: string }).slug}`),
    ),

    addQuiz: structureForm(
      () => 'quiz',
      (req) => quizzes.addQuiz(deps, actorOf(req), slugOf(req), req.body),
      'course_authoring.flash.quiz_added',
      (req, quiz) => editUrl(slugOf(req), `/verifiche/${(quiz as { slug: string }).slug}`),
    ),
  };
};
