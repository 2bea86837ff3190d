// Course authoring in the browser (animators): /corsi/nuovo, /corsi/:slug/modifica and its subpages,
// and the Markdown preview. Forms post, redirect with a message, or come back (400) with the
// errors in place; every page works without script.
import { Router, type Request, type Response } from 'express';
import { COURSE_ENROLMENTS, COURSE_LEVELS, LESSON_KINDS, QUESTION_KINDS, type Course, type QuizQuestion } from '../../../models/schema.ts';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError, type FieldErrors } from '../../core/errors.ts';
import { flash, formState } from '../../core/http.ts';
import { renderDocument } from '../../core/markdown.ts';
import { csrfToken } from '../../core/security.ts';
import * as authoring from './courses.authoring.ts';
import { postedQuestionForm, questionToForm } from './courses.authoring.schema.ts';
import { fileBase } from './courses.import.ts';
import { canCreateCourse } from './courses.policy.ts';

const actorOf = (req: Request) => req.user ?? null;
const param = (req: Request, name: string) => String(req.params[name]);
const editUrl = (slug: string, rest = '') => `/corsi/${slug}/modifica${rest}`;
const isPreview = (req: Request) => req.body?.action === 'preview';
/** The Markdown of a form's text area, as learners will see it, when the form asked for a preview. */
const previewOf = (req: Request, field: string, slug?: string) =>
  isPreview(req) ? renderDocument(String(req.body?.[field] ?? ''), slug ? { imageBase: fileBase(slug) } : {}) : undefined;

/** Field errors with their labels, for the list at the top of a form (each links to its field). */
function errorSummary(req: Request, fields: FieldErrors | undefined, idPrefix = 'f-') {
  return Object.entries(fields ?? {}).map(([name, m]) => {
    const choice = /^choice(\d+)_(text|feedback)$/.exec(name);
    const label = choice ? req.t(`course_authoring.fields.choice_${choice[2]}`, { n: choice[1] }) : req.t(`course_authoring.fields.${name}`, { defaultValue: '' });
    const text = req.t(m.key, m.params ?? {});
    return { href: `#${idPrefix}${name}`, text: label ? `${label}: ${text}` : text };
  });
}

/** The state of a failed form, with its labelled summary. */
const failed = (req: Request, err: AppError | undefined, idPrefix?: string) => ({
  ...formState(req, err?.fields),
  errorSummary: errorSummary(req, err?.fields, idPrefix),
  formError: err && !err.fields ? req.t(err.key) : undefined,
});

/** What every editor page shows above its content: status, version, tabs, the import warning. */
function frame(req: Request, course: Course, tab: string, title: string) {
  return {
    title,
    breadcrumbs: [
      { label: req.t('course_authoring.breadcrumb'), url: '/corsi' },
      { label: course.title, url: `/corsi/${course.slug}` },
      { label: req.t('course_authoring.edit_title'), ...(tab === 'settings' ? {} : { url: editUrl(course.slug) }) },
      ...(tab === 'settings' ? [] : [{ label: title }]),
    ],
    course,
    tab,
    published: course.status === 'published',
    fromFile: course.source === 'file',
    csrf: csrfToken(req),
  };
}

const refusal = (err: unknown): err is AppError => err instanceof AppError && (err.status === 400 || err.status === 409);

/** Says what was done, and the new version when the change made one. */
function saved(req: Request, key: string, out?: { course: Course; bumped: boolean }, params?: Record<string, unknown>) {
  flash(req, 'success', key, params);
  if (out?.bumped) flash(req, 'info', 'course_authoring.flash.new_version', { version: out.course.version });
}

/** A button's post (move, delete): done and back, or refused with the reason on the same page. */
async function button(req: Request, res: Response, back: string, key: string, work: () => Promise<{ course: Course; bumped: boolean }>) {
  try {
    saved(req, key, await work());
  } catch (err) {
    if (!refusal(err)) throw err;
    const first = Object.values(err.fields ?? {})[0];
    flash(req, 'danger', first?.key ?? err.key, first?.params);
  }
  res.redirect(303, back);
}

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
const questionSummary = (qn: QuizQuestion) => ({ ...qn, choiceCount: qn.kind === 'single' || qn.kind === 'multiple' ? qn.choices.length : 0 });

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

  // Structure: modules, lessons, quizzes.

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
    structureForm(() => 'module', (req) => authoring.addModule(deps, actorOf(req), param(req, 'slug'), req.body), 'course_authoring.flash.module_added'),
  );
  router.post(
    '/corsi/:slug/modifica/moduli/:module',
    requireLogin,
    structureForm((req) => `module:${param(req, 'module')}`, (req) => authoring.updateModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module'), req.body), 'course_authoring.flash.module_saved'),
  );
  router.post('/corsi/:slug/modifica/moduli/:module/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#module-${param(req, 'module')}`), 'course_authoring.flash.moved', () =>
      authoring.moveModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module'), authoring.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/moduli/:module/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.module_deleted', () =>
      authoring.deleteModule(deps, actorOf(req), param(req, 'slug'), param(req, 'module')),
    ),
  );

  router.post(
    '/corsi/:slug/modifica/lezioni',
    requireLogin,
    structureForm(
      (req) => `lesson:${String(req.body?.module ?? '')}`,
      (req) => authoring.addLesson(deps, actorOf(req), param(req, 'slug'), req.body),
      'course_authoring.flash.lesson_added',
      (req, lesson) => editUrl(param(req, 'slug'), `/lezioni/${(lesson as { slug: string }).slug}`),
    ),
  );

  // Lessons.

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
      const out = await authoring.updateLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson'), req.body);
      saved(req, 'course_authoring.flash.lesson_saved', out, { title: out.value.title });
      res.redirect(303, editUrl(out.course.slug, `/lezioni/${out.value.slug}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderLesson(req, res, { status: 400, err });
      throw err;
    }
  });

  router.post('/corsi/:slug/modifica/lezioni/:lesson/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#lesson-${param(req, 'lesson')}`), 'course_authoring.flash.moved', () =>
      authoring.moveLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson'), authoring.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/lezioni/:lesson/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.lesson_deleted', () =>
      authoring.deleteLesson(deps, actorOf(req), param(req, 'slug'), param(req, 'lesson')),
    ),
  );

  // Quizzes.

  router.post(
    '/corsi/:slug/modifica/verifiche',
    requireLogin,
    structureForm(
      () => 'quiz',
      (req) => authoring.addQuiz(deps, actorOf(req), param(req, 'slug'), req.body),
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
      const out = await authoring.updateQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), req.body);
      saved(req, 'course_authoring.flash.quiz_saved', out);
      res.redirect(303, editUrl(out.course.slug, `/verifiche/${out.value.slug}`));
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return renderQuiz(req, res, { status: 400, err });
      throw err;
    }
  });

  router.post('/corsi/:slug/modifica/verifiche/:quiz/sposta', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/struttura#quiz-${param(req, 'quiz')}`), 'course_authoring.flash.moved', () =>
      authoring.moveQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), authoring.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/verifiche/:quiz/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), '/struttura'), 'course_authoring.flash.quiz_deleted', () =>
      authoring.deleteQuiz(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz')),
    ),
  );

  // Questions.

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
      const out = await authoring.saveQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), questionId, req.body);
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
      authoring.moveQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), param(req, 'question'), authoring.parseDirection(req.body)),
    ),
  );
  router.post('/corsi/:slug/modifica/verifiche/:quiz/domande/:question/elimina', requireLogin, (req, res) =>
    button(req, res, editUrl(param(req, 'slug'), `/verifiche/${param(req, 'quiz')}`), 'course_authoring.flash.question_deleted', () =>
      authoring.deleteQuestion(deps, actorOf(req), param(req, 'slug'), param(req, 'quiz'), param(req, 'question')),
    ),
  );

  return router;
}
