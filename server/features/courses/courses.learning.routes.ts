// Learning's handlers: lesson pages and their completion, the lessons' discussions, quizzes,
// attempts and their review, and the same for /api/v1/courses (lessons, quizzes, progress).
// Listed in the router table of courses.routes.ts.
import type { NextFunction, Request, Response } from 'express';
import type { Deps } from '../../core/deps.ts';
import { AppError } from '../../core/errors.ts';
import { flash } from '../../core/http.ts';
import { csrfToken } from '../../core/security.ts';
import { actorOf, courseCrumbs, idOf, param, slugOf, toCoursePage } from './courses.http.ts';
import * as lessons from './courses.lessons.ts';
import { answersFromForm, attemptView, quizQuestionsView } from './courses.pages.view.ts';
import { progress } from './courses.progress.ts';
import * as quizzes from './courses.quizzes.ts';
import { attemptJson, lessonJson, progressJson, quizJson } from './courses.view.ts';

const lessonOf = (req: Request) => param(req, 'lesson');
const quizOf = (req: Request) => param(req, 'quiz');

/** The quiz page; after a refused attempt, with the answers given and the reason. */
async function renderQuiz(deps: Deps, req: Request, res: Response, opts: { status?: number; err?: AppError } = {}) {
  const data = await quizzes.quizFor(deps, actorOf(req), slugOf(req), quizOf(req));
  res.status(opts.status ?? 200).render('courses/quiz', {
    title: data.quiz.title,
    breadcrumbs: courseCrumbs(req, data.course, { label: data.quiz.title }),
    ...data,
    questions: quizQuestionsView(data, answersFromForm(req.body ?? {}), req.t),
    canAttempt: data.can.learn && data.attemptsLeft !== 0,
    error: opts.err ? req.t(opts.err.key, { max: data.quiz.maxAttempts }) : null,
    csrf: actorOf(req) ? csrfToken(req) : undefined,
  });
}

/** Lessons: the page, "done", the lesson's discussion; and the API's lessons and progress. */
const lessonHandlers = (deps: Deps) => ({
  async lessonPage(req: Request, res: Response, next: NextFunction) {
    let page;
    try {
      page = await lessons.lessonPage(deps, actorOf(req), slugOf(req), lessonOf(req));
    } catch (err) {
      return toCoursePage(req, res, next, err);
    }
    res.render('courses/lesson', {
      title: page.lesson.title,
      breadcrumbs: courseCrumbs(req, page.course, { label: page.lesson.title }),
      ...page,
      csrf: actorOf(req) ? csrfToken(req) : undefined,
    });
  },

  async completeLesson(req: Request, res: Response, next: NextFunction) {
    let outcome;
    try {
      outcome = await lessons.completeLesson(deps, actorOf(req), slugOf(req), lessonOf(req));
    } catch (err) {
      return toCoursePage(req, res, next, err);
    }
    if (outcome.justCompleted) flash(req, 'success', 'courses.flash.course_completed');
    else flash(req, 'success', 'courses.flash.lesson_done', { title: outcome.lesson.title, percent: outcome.progress.percent });
    res.redirect(303, outcome.next && !outcome.justCompleted ? `/corsi/${slugOf(req)}/lezioni/${outcome.next}` : `/corsi/${slugOf(req)}`);
  },

  async discussLesson(req: Request, res: Response, next: NextFunction) {
    try {
      const { threadId } = await lessons.lessonDiscussion(deps, actorOf(req), slugOf(req), lessonOf(req));
      res.redirect(303, `/discussioni/${threadId}`);
    } catch (err) {
      toCoursePage(req, res, next, err);
    }
  },

  async apiLesson(req: Request, res: Response) {
    res.json({ lesson: lessonJson(await lessons.lessonPage(deps, actorOf(req), slugOf(req), lessonOf(req))) });
  },

  async apiCompleteLesson(req: Request, res: Response) {
    const outcome = await lessons.completeLesson(deps, actorOf(req), slugOf(req), lessonOf(req));
    res.json({ lesson: { slug: outcome.lesson.slug, done: true }, progress: progressJson(outcome.progress) });
  },

  async apiProgress(req: Request, res: Response) {
    res.json({ progress: progressJson(await progress(deps, actorOf(req), slugOf(req))) });
  },
});

/** Quizzes: the quiz, an attempt, its review; and the API's quizzes and attempts. */
const quizHandlers = (deps: Deps) => ({
  async quizPage(req: Request, res: Response, next: NextFunction) {
    try {
      await renderQuiz(deps, req, res);
    } catch (err) {
      toCoursePage(req, res, next, err);
    }
  },

  async submitAttempt(req: Request, res: Response, next: NextFunction) {
    try {
      const attempt = await quizzes.submitAttempt(deps, actorOf(req), slugOf(req), quizOf(req), { answers: answersFromForm(req.body) });
      if (attempt.courseCompleted) flash(req, 'success', 'courses.flash.course_completed');
      res.redirect(303, `/corsi/${slugOf(req)}/verifiche/${quizOf(req)}/tentativi/${attempt.id}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 400 || err.status === 409)) return renderQuiz(deps, req, res, { status: err.status, err }).catch(next);
      toCoursePage(req, res, next, err);
    }
  },

  async attemptPage(req: Request, res: Response) {
    const review = await quizzes.attemptReview(deps, actorOf(req), slugOf(req), quizOf(req), idOf(req));
    const title = req.t('courses.attempt.title', { number: review.attempt.number });
    res.render('courses/attempt', {
      title,
      breadcrumbs: courseCrumbs(req, review.course, { label: review.quiz.title, url: `/corsi/${review.course.slug}/verifiche/${review.quiz.slug}` }, { label: title }),
      ...review,
      ...attemptView(review, req.t),
    });
  },

  async apiQuiz(req: Request, res: Response) {
    res.json({ quiz: quizJson(await quizzes.quizFor(deps, actorOf(req), slugOf(req), quizOf(req))) });
  },

  async apiSubmitAttempt(req: Request, res: Response) {
    const attempt = await quizzes.submitAttempt(deps, actorOf(req), slugOf(req), quizOf(req), req.body);
    res.status(201).json({ attempt: attemptJson(attempt), progress: progressJson(attempt.progress) });
  },
});

export const learningHandlers = (deps: Deps) => ({ ...lessonHandlers(deps), ...quizHandlers(deps) });
