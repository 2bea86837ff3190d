// Learning in a course: lesson pages and their completion, the lessons' discussions, quizzes,
// attempts and their review, and the same for /api/v1/courses (lessons, quizzes, progress).
// Mounted by courseRoutes (courses.routes.ts) in the place these routes had there.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireAuth, requireLogin } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { routeId } from '../../core/http.ts';
import * as learning from './courses.learning.ts';
import * as courses from './courses.service.ts';
import { attemptJson, progressJson, quizJson } from './courses.view.ts';
import { RESERVED_SLUGS } from './courses.schema.ts';

const actorOf = (req: Request) => req.user ?? null;
const slugOf = (req: Request) => String(req.params.slug);
const lessonOf = (req: Request) => String(req.params.lesson);
const quizOf = (req: Request) => String(req.params.quiz);

/** A learner's refusal on a page (not enrolled, request pending) goes back to the course with the reason. */
export function toCoursePage(req: Request, res: Response, next: NextFunction, err: unknown) {
  if (err instanceof AppError && err.status === 401) return res.redirect(303, `/accedi?next=${encodeURIComponent(req.originalUrl)}`);
  if (err instanceof AppError && err.status === 403 && err.key.startsWith('courses.errors.')) {
    flash(req, 'warning', err.key);
    return res.redirect(303, `/corsi/${slugOf(req)}`);
  }
  next(err);
}

/** Quiz form fields (`q.<questionId>`) as an attempt's answers. */
function answersFromForm(body: Record<string, unknown>): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (!key.startsWith('q.')) continue;
    const id = key.slice(2);
    if (id.endsWith('[]')) answers[id.slice(0, -2)] = ([] as unknown[]).concat(value).map(String);
    else answers[id] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return answers;
}

export function courseLearningRoutes(deps: Deps): Router {
  const router = Router();
  // Slugs under /corsi that are pages of their own, not courses.
  router.param('slug', (_req, _res, next, slug: string) => next(RESERVED_SLUGS.includes(slug) ? 'route' : undefined));

  lessonRoutes(router, deps);
  quizRoutes(router, deps);
  apiRoutes(router, deps);
  return router;
}

/** Lessons: the page, "done", and the lesson's discussion. */
function lessonRoutes(router: Router, deps: Deps): void {
  router.get('/corsi/:slug/lezioni/:lesson', async (req, res, next) => {
    let page;
    try {
      page = await learning.lessonPage(deps, actorOf(req), slugOf(req), lessonOf(req));
    } catch (err) {
      return toCoursePage(req, res, next, err);
    }
    res.render('courses/lesson', {
      title: page.lesson.title,
      breadcrumbs: [
        { label: req.t('courses.title'), url: '/corsi' },
        { label: page.course.title, url: `/corsi/${page.course.slug}` },
        { label: page.lesson.title },
      ],
      ...page,
      csrf: actorOf(req) ? csrfToken(req) : undefined,
    });
  });

  router.post('/corsi/:slug/lezioni/:lesson/completa', requireLogin, async (req, res, next) => {
    let outcome;
    try {
      outcome = await learning.completeLesson(deps, actorOf(req), slugOf(req), lessonOf(req));
    } catch (err) {
      return toCoursePage(req, res, next, err);
    }
    if (outcome.justCompleted) flash(req, 'success', 'courses.flash.course_completed');
    else flash(req, 'success', 'courses.flash.lesson_done', { title: outcome.lesson.title, percent: outcome.progress.percent });
    res.redirect(303, outcome.next && !outcome.justCompleted ? `/corsi/${slugOf(req)}/lezioni/${outcome.next}` : `/corsi/${slugOf(req)}`);
  });

  router.post('/corsi/:slug/lezioni/:lesson/discussione', requireLogin, async (req, res, next) => {
    try {
      const { threadId } = await courses.lessonDiscussion(deps, actorOf(req), slugOf(req), lessonOf(req));
      res.redirect(303, `/discussioni/${threadId}`);
    } catch (err) {
      toCoursePage(req, res, next, err);
    }
  });
}

/** Quizzes: the quiz, an attempt, its review. */
function quizRoutes(router: Router, deps: Deps): void {
  const renderQuiz = async (req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) => {
    const data = await learning.quizFor(deps, actorOf(req), slugOf(req), quizOf(req));
    const given = answersFromForm(req.body ?? {});
    res.status(opts.status ?? 200).render('courses/quiz', {
      title: data.quiz.title,
      breadcrumbs: [
        { label: req.t('courses.title'), url: '/corsi' },
        { label: data.course.title, url: `/corsi/${data.course.slug}` },
        { label: data.quiz.title },
      ],
      ...data,
      questions: data.questions.map((qn, i) => ({
        ...qn,
        number: i + 1,
        multiple: qn.kind === 'multiple',
        choices: qn.kind === 'truefalse'
          ? ['true', 'false'].map((id) => ({ id, text: req.t(`courses.quiz.${id}`), checked: given[qn.id] === id }))
          : qn.choices?.map((c) => ({ ...c, checked: ([] as string[]).concat(given[qn.id] ?? []).includes(c.id) })),
        value: typeof given[qn.id] === 'string' ? given[qn.id] : '',
      })),
      canAttempt: data.can.learn && data.attemptsLeft !== 0,
      error: opts.err ? req.t(opts.err.key, { max: data.quiz.maxAttempts }) : null,
      csrf: actorOf(req) ? csrfToken(req) : undefined,
    });
  };

  router.get('/corsi/:slug/verifiche/:quiz', async (req, res, next) => {
    try {
      await renderQuiz(req, res);
    } catch (err) {
      toCoursePage(req, res, next, err);
    }
  });

  router.post('/corsi/:slug/verifiche/:quiz', requireLogin, async (req, res, next) => {
    try {
      const attempt = await learning.submitAttempt(deps, actorOf(req), slugOf(req), quizOf(req), { answers: answersFromForm(req.body) });
      if (attempt.courseCompleted) flash(req, 'success', 'courses.flash.course_completed');
      res.redirect(303, `/corsi/${slugOf(req)}/verifiche/${quizOf(req)}/tentativi/${attempt.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 409)) return renderQuiz(req, res, { status: err.status, err }).catch(next);
      toCoursePage(req, res, next, err);
    }
  });

  router.get('/corsi/:slug/verifiche/:quiz/tentativi/:id', requireLogin, async (req, res) => {
    const review = await learning.attemptReview(deps, actorOf(req), slugOf(req), quizOf(req), routeId(req.params.id));
    const byId = new Map(review.quiz.questions.map((qn) => [qn.id, qn]));
    res.render('courses/attempt', {
      title: req.t('courses.attempt.title', { number: review.attempt.number }),
      breadcrumbs: [
        { label: req.t('courses.title'), url: '/corsi' },
        { label: review.course.title, url: `/corsi/${review.course.slug}` },
        { label: review.quiz.title, url: `/corsi/${review.course.slug}/verifiche/${review.quiz.slug}` },
        { label: req.t('courses.attempt.title', { number: review.attempt.number }) },
      ],
      ...review,
      percent: review.attempt.maxScore ? Math.round((review.attempt.score / review.attempt.maxScore) * 1000) / 10 : 0,
      questions: review.feedback.map((f, i) => {
        const qn = byId.get(f.id)!;
        const label = (id: string) => (qn.kind === 'truefalse' ? req.t(`courses.quiz.${id}`) : (qn.choices.find((c) => c.id === id)?.text ?? id));
        return {
          ...f,
          number: i + 1,
          text: qn.text,
          isText: qn.kind === 'text',
          givenLabels: qn.kind === 'text' ? f.given : f.given.map(label),
          correctLabels: qn.kind === 'text' ? f.correctAnswer : f.correctAnswer.map(label),
        };
      }),
    });
  });
}

/** JSON API: lessons, quizzes, progress. */
function apiRoutes(router: Router, deps: Deps): void {
  router.get('/api/v1/courses/:slug/lessons/:lesson', async (req, res) => {
    const page = await learning.lessonPage(deps, actorOf(req), slugOf(req), lessonOf(req));
    res.json({
      lesson: {
        slug: page.lesson.slug,
        title: page.lesson.title,
        module: page.module.slug,
        minutes: page.lesson.minutes,
        kind: page.lesson.kind,
        video: page.lesson.videoUrl,
        html: page.lesson.bodyHtml,
        done: page.done,
        previous: page.previous?.slug ?? null,
        next: page.next?.slug ?? null,
      },
    });
  });

  router.post('/api/v1/courses/:slug/lessons/:lesson/complete', requireAuth, async (req, res) => {
    const outcome = await learning.completeLesson(deps, actorOf(req), slugOf(req), lessonOf(req));
    res.json({ lesson: { slug: outcome.lesson.slug, done: true }, progress: progressJson(outcome.progress) });
  });

  router.get('/api/v1/courses/:slug/quizzes/:quiz', async (req, res) => {
    const data = await learning.quizFor(deps, actorOf(req), slugOf(req), quizOf(req));
    res.json({ quiz: quizJson(data) });
  });

  router.post('/api/v1/courses/:slug/quizzes/:quiz/attempts', requireAuth, async (req, res) => {
    const attempt = await learning.submitAttempt(deps, actorOf(req), slugOf(req), quizOf(req), req.body);
    res.status(201).json({ attempt: attemptJson(attempt), progress: progressJson(attempt.progress) });
  });

  router.get('/api/v1/courses/:slug/progress', requireAuth, async (req, res) => {
    res.json({ progress: progressJson(await learning.progress(deps, actorOf(req), slugOf(req))) });
  });
}
