// Courses as the JSON API presents them.
import type { CatalogueRow } from '../../../models/queries/courses.ts';
import type { lessonPage } from './courses.lessons.ts';
import type { Progress } from './courses.progress.ts';
import type { AttemptResult, quizFor } from './courses.quizzes.ts';
import type { courseDetail } from './courses.service.ts';
import type { sessionView } from './courses.sessions.ts';

export const catalogueJson = (c: CatalogueRow) => ({
  slug: c.slug,
  title: c.title,
  summary: c.summary,
  hours: c.hours,
  level: c.level,
  theme: c.theme,
  audience: c.audience,
  enrolment: c.enrolment,
  status: c.status,
  version: c.version,
  lessons: c.lessonCount,
  learners: c.learnerCount,
  url: `/corsi/${c.slug}`,
});

export const sessionJson = (s: ReturnType<typeof sessionView>) => ({
  id: s.id,
  title: s.title,
  mode: s.mode,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  place: s.place,
  url: s.url,
  seats: s.seats,
  free: s.free,
  waiting: s.waiting,
  registration: s.myStatus,
});

export const courseJson = (d: Awaited<ReturnType<typeof courseDetail>>, sessions: ReturnType<typeof sessionJson>[]) => ({
  slug: d.course.slug,
  title: d.course.title,
  summary: d.course.summary,
  descriptionHtml: d.course.descriptionHtml,
  audience: d.course.audience,
  theme: d.course.theme,
  hours: d.course.hours,
  level: d.course.level,
  language: d.course.language,
  enrolment: d.course.enrolment,
  licence: d.course.licence,
  status: d.course.status,
  version: d.course.version,
  competences: d.course.competences,
  animators: d.animators,
  completion: d.course.completion,
  modules: d.modules.map((m) => ({ slug: m.slug, title: m.title, lessons: m.lessons.map((l) => ({ slug: l.slug, title: l.title, minutes: l.minutes, kind: l.kind, ...(d.progress ? { done: l.done } : {}) })) })),
  quizzes: d.quizzes.map((q) => ({ slug: q.slug, title: q.title, questions: q.questionCount, passingScore: q.passingScore, maxAttempts: q.maxAttempts })),
  sessions,
  url: `/corsi/${d.course.slug}`,
});

export const lessonJson = (page: Awaited<ReturnType<typeof lessonPage>>) => ({
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
});

export const progressJson = (p: Progress) => ({
  percent: p.percent,
  completed: p.completed,
  completedAt: p.completedAt,
  lessons: p.lessons,
  quizzes: p.quizzes,
  attendance: p.attendance,
});

export const quizJson = (d: Awaited<ReturnType<typeof quizFor>>) => ({
  slug: d.quiz.slug,
  title: d.quiz.title,
  description: d.quiz.description,
  passingScore: d.quiz.passingScore,
  maxAttempts: d.quiz.maxAttempts,
  attempts: d.attempts.length,
  attemptsLeft: d.attemptsLeft,
  bestScore: d.best ? { score: d.best.score, maxScore: d.best.maxScore } : null,
  passed: d.passed,
  questions: d.questions,
});

export const attemptJson = (a: AttemptResult) => ({
  id: a.id,
  number: a.number,
  score: a.score,
  maxScore: a.maxScore,
  percent: a.percent,
  passed: a.passed,
  attemptsLeft: a.attemptsLeft,
  feedback: a.feedback,
});
