// Course authoring, the structure page and what it leads to (animators): modules, lessons, quizzes
// and their questions under /corsi/:slug/modifica. Mounted by courseAuthoringRoutes
// (courses.authoring.routes.ts) after the course's settings.
import { Router, type Request, type Response } from 'express';
import { LESSON_KINDS, QUESTION_KINDS, type Course, type QuizQuestion } from '../../../models/schema.ts';
import { requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { formState } from '../../core/http.ts';
import * as authoring from './courses.authoring.ts';
import * as content from './courses.authoring.content.ts';
import { postedQuestionForm, questionToForm } from './courses.authoring.schema.ts';
import { actorOf, button, editUrl, errorSummary, failed, frame, isPreview, param, previewOf, saved } from './courses.authoring.pages.ts';

const questionSummary = (qn: QuizQuestion) => ({ ...qn, choiceCount: qn.kind === 'single' || qn.kind === 'multiple' ? qn.choices.length : 0 });

export function courseAuthoringContentRoutes(deps: Deps): Router {
  const router = Router();
  const structureForm = structureRoutes(router, deps);
  lessonRoutes(router, deps);
  quizRoutes(router, deps, structureForm);
  questionRoutes(router, deps);
  return router;
}

/** Structure: modules, lessons, quizzes. Gives back its form handler, for the quizzes' "add". */
function structureRoutes(router: Router, deps: Deps) {
  type FailedForm = { form: string; err: AppError };
  const renderStructure = async (req: Request, res: Response, failure?: FailedForm) => {
    const editor = await authoring.courseEditor(deps, actorOf(req), param(req, 'slug'));
    const { modules, lessons, quizzes, course } = editor;
    const state = (form: string) => (failure?.form === form ? formState(req, failure.err.fields) : { values: {}, errors: {}, hasErrors: false });
    const idPrefix = failure?.form.startsWith('module:') ? `f-m-${failure.form.slice(7)}-` : failure?.form.startsWith('lesson:') ? `f-l-${failure.form.slice(7)}-` : failure?.form === 'quiz' ? 'f-quiz-' : 'f-module-';
    res.status(failure ? 400 : 200).render('courses/authoring/structure', {
      ...frame(req, course, 'structure', req.t('course_authoring.structure.title')),
      modules: modules.map((m, i) => ({
        ...m,
        number: i + 1,
        first: i === 0,
        last: i === modules.length - 1,
        lessons: lessons
          .map((l, j) => ({ ...l, number: j + 1, first: j === 0, last: j === lessons.length - 1 }))
          .filter((l) => l.moduleId === m.id),
        rename: state(`module:${m.slug}`),
        newLesson: state(`lesson:${m.slug}`),
      })),
      quizzes: quizzes.map((z, i) => ({ ...z, questionCount: z.questions.length, first: i === 0, last: i === quizzes.length - 1 })),
      newModule: state('module'),
      newQuiz: state('quiz'),
      errorSummary: failure ? errorSummary(req, failure.err.fields, idPrefix) : [],
      hasErrors: Boolean(failure),
    });
  };

  router.get('/corsi/:slug/modifica/struttura', requireLogin, (req, res) => renderStructure(req, res));

  /** A form of the structure page: done and back to it, or the page again with the errors in place. */
  const structureForm = (form: (req: Request) => string, work: (req: Request) => Promise<{ course: Course; bumped: boolean; value: unknown }>, key: string, next?: (req: Request, value: unknown) => string) =>
    async (req: Request, res: Response) => {
      try {
        const out = await work(req);
        saved(req, key, out);
        res.redirect(303, next ? next(req, out.value) : editUrl(param(req, 'slug'), '/struttura'));
      } catch (err) {
        if (err instanceof AppError && err.status === 400) return renderStructure(req, res, { form: form(req), err });
        throw err;
      }
    };

  router.post(
    '/corsi/:slug/modifica/moduli',
    requireLogin,
    structureForm(() => 'module', (req) => content.addModule(deps, actorOf(req), param(req, 'slug'), req.body), 'course_authoring.flash.module_added'),
  );
  router.post(
    '/corsi/:slug/modifica/moduli/:module',
    requireLogin,
    structureForm((req) => `module:${param(req, 'module')}`, (req) => content.updateModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module'), req.body), 'course_authoring.flash.module_saved'),
  );
  router.post('/corsi/:slug/modifica/moduli/:module/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#module-${param(req, 'module')}`), 'course_authoring.flash.moved', () =>
      content.moveModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module'), content.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/moduli/:module/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.module_deleted', () =>
      content.deleteModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module')),
    ),
  );

  router.post(
    '/corsi/:slug/modifica/lezioni',
    requireLogin,
    structureForm(
      (req) => `lesson:${String(req.body?.module ?? '')}`,
      (req) => content.addLesson(deps, actorOf(req), param(req, 'slug'), req.body),
      'course_authoring.flash.lesson_added',
      (req, lesson) => editUrl(param(req, 'slug'), `/lezioni/${(lesson as { slug: string }).slug}`),
    ),
  );

  return structureForm;
}

/** Lessons. */
function lessonRoutes(router: Router, deps: Deps): void {
  const renderLesson = async (req: Request, res: Response, opts: { status?: number; err?: AppError; stored?: boolean } = {}) => {
    const { course, lesson, modules } = await authoring.lessonEditor(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson'));
    if (opts.stored) {
      req.body = {
        title: lesson.title,
        module: modules.find((m) => m.id === lesson.moduleId)?.slug,
        minutes: String(lesson.minutes),
        kind: lesson.kind,
        video: lesson.videoUrl ?? '',
        body: lesson.body,
      };
    }
    res.status(opts.status ?? 200).render('courses/authoring/lesson', {
      ...frame(req, course, 'structure', lesson.title),
      lesson,
      modules,
      kinds: LESSON_KINDS,
      action: editUrl(course.slug, `/lezioni/${lesson.slug}`),
      preview: previewOf(req, 'body', course.slug),
      ...failed(req, opts.err),
    });
  };

  router.get('/corsi/:slug/modifica/lezioni/:lesson', requireLogin, (req, res) => renderLesson(req, res, { stored: true }));

  router.post('/corsi/:slug/modifica/lezioni/:lesson', requireLogin, async (req, res) => {
    if (isPreview(req)) return renderLesson(req, res);
    try {
      const out = await content.updateLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson'), req.body);
      saved(req, 'course_authoring.flash.lesson_saved', out, { title: out.value.title });
      res.redirect(303, editUrl(out.course.slug, `/lezioni/${out.value.slug}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderLesson(req, res, { status: 400, err });
      throw err;
    }
  });

  router.post('/corsi/:slug/modifica/lezioni/:lesson/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#lesson-${param(req, 'lesson')}`), 'course_authoring.flash.moved', () =>
      content.moveLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson'), content.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/lezioni/:lesson/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.lesson_deleted', () =>
      content.deleteLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson')),
    ),
  );
}

/** Quizzes. */
function quizRoutes(router: Router, deps: Deps, structureForm: ReturnType<typeof structureRoutes>): void {
  router.post(
    '/corsi/:slug/modifica/verifiche',
    requireLogin,
    structureForm(
      () => 'quiz',
      (req) => content.addQuiz(deps, actorOf(req), param(req, 'slug'), req.body),
      'course_authoring.flash.quiz_added',
      (req, quiz) => editUrl(param(req, 'slug'), `/verifiche/${(quiz as { slug: string }).slug}`),
    ),
  );

  const renderQuiz = async (req: Request, res: Response, opts: { status?: number; err?: AppError; stored?: boolean } = {}) => {
    const { course, quiz } = await authoring.quizEditor(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'));
    if (opts.stored) {
      req.body = { title: quiz.title, description: quiz.description, passingScore: String(quiz.passingScore), maxAttempts: quiz.maxAttempts === null ? '' : String(quiz.maxAttempts) };
    }
    res.status(opts.status ?? 200).render('courses/authoring/quiz', {
      ...frame(req, course, 'structure', quiz.title),
      quiz,
      questions: quiz.questions.map((qn, i) => ({ ...questionSummary(qn), number: i + 1, first: i === 0, last: i === quiz.questions.length - 1 })),
      action: editUrl(course.slug, `/verifiche/${quiz.slug}`),
      ...failed(req, opts.err),
    });
  };

  router.get('/corsi/:slug/modifica/verifiche/:quiz', requireLogin, (req, res) => renderQuiz(req, res, { stored: true }));

  router.post('/corsi/:slug/modifica/verifiche/:quiz', requireLogin, async (req, res) => {
    try {
      const out = await content.updateQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), req.body);
      saved(req, 'course_authoring.flash.quiz_saved', out);
      res.redirect(303, editUrl(out.course.slug, `/verifiche/${out.value.slug}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderQuiz(req, res, { status: 400, err });
      throw err;
    }
  });

  router.post('/corsi/:slug/modifica/verifiche/:quiz/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#quiz-${param(req, 'quiz')}`), 'course_authoring.flash.moved', () =>
      content.moveQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), content.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/verifiche/:quiz/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.quiz_deleted', () =>
      content.deleteQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz')),
    ),
  );
}

/** Questions. */
function questionRoutes(router: Router, deps: Deps): void {
  const renderQuestion = async (req: Request, res: Response, opts: { questionId: string | null; status?: number; err?: AppError; posted?: boolean }) => {
    const { course, quiz, question } = await authoring.questionEditor(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), opts.questionId);
    const base = editUrl(course.slug, `/verifiche/${quiz.slug}`);
    const state = failed(req, opts.err);
    res.status(opts.status ?? 200).render('courses/authoring/question', {
      ...frame(req, course, 'structure', req.t(question ? 'course_authoring.question.edit_title' : 'course_authoring.question.new_title')),
      quiz,
      question,
      quizUrl: base,
      action: question ? `${base}/domande/${question.id}` : `${base}/domande`,
      kinds: QUESTION_KINDS,
      ...state,
      values: opts.posted ? postedQuestionForm(req.body ?? {}) : questionToForm(question),
    });
  };

  router.get('/corsi/:slug/modifica/verifiche/:quiz/nuova-domanda', requireLogin, (req, res) => renderQuestion(req, res, { questionId: null }));
  router.get('/corsi/:slug/modifica/verifiche/:quiz/domande/:question', requireLogin, (req, res) => renderQuestion(req, res, { questionId: param(req, 'question') }));

  const saveQuestion = (idOf: (req: Request) => string | null) => async (req: Request, res: Response) => {
    const questionId = idOf(req);
    try {
      const out = await content.saveQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), questionId, req.body);
      saved(req, 'course_authoring.flash.question_saved', out);
      res.redirect(303, editUrl(out.course.slug, `/verifiche/${param(req, 'quiz')}#question-${out.value.id}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderQuestion(req, res, { questionId, status: 400, err, posted: true });
      throw err;
    }
  };
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande', requireLogin, saveQuestion(() => null));
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question', requireLogin, saveQuestion((req) => param(req, 'question')));

  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/verifiche/${param(req, 'quiz')}#question-${param(req, 'question')}`), 'course_authoring.flash.moved', () =>
      content.moveQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), param(req, 'question'), content.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/verifiche/${param(req, 'quiz')}`), 'course_authoring.flash.question_deleted', () =>
      content.deleteQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), param(req, 'question')),
    ),
  );
}
