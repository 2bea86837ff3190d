// Courses as the pages present them (learners and the animator's management pages): what the
// templates get beyond the service's data, with the choices their forms offer.
import type { TFunction } from 'i18next';
import { COURSE_LEVELS, SESSION_MODES, type CourseSession } from '../../../models/schema.ts';
import { italianInputValue } from '../../core/time.ts';
import type { attemptReview, quizFor } from './courses.quizzes.ts';
import type { managePage } from './courses.report.ts';
import { DURATIONS } from './courses.schema.ts';
import type { AttemptAnswers } from './courses.scoring.ts';
import type { cataloguePage } from './courses.service.ts';

/** The catalogue with its filters and the choices they offer. */
export const catalogueView = (page: Awaited<ReturnType<typeof cataloguePage>>) => ({
  ...page,
  filtered: Boolean(page.filters.q || page.filters.tema || page.filters.livello || page.filters.durata),
  levels: COURSE_LEVELS,
  durations: Object.keys(DURATIONS),
});

/** Quiz form fields (`q.<questionId>`) as an attempt's answers. */
export function answersFromForm(body: Record<string, unknown>): AttemptAnswers {
  const answers: AttemptAnswers = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (!key.startsWith('q.')) continue;
    const id = key.slice(2);
    if (id.endsWith('[]')) answers[id.slice(0, -2)] = ([] as unknown[]).concat(value).map(String);
    else answers[id] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return answers;
}

/** A quiz's questions as its form shows them, with what was answered (after a refused attempt) still in place. */
export function quizQuestionsView(data: Awaited<ReturnType<typeof quizFor>>, given: AttemptAnswers, t: TFunction) {
  return data.questions.map((qn, i) => ({
    ...qn,
    number: i + 1,
    multiple: qn.kind === 'multiple',
    choices:
      qn.kind === 'truefalse'
        ? ['true', 'false'].map((id) => ({ id, text: t(`courses.quiz.${id}`), checked: given[qn.id] === id }))
        : qn.choices?.map((c) => ({ ...c, checked: ([] as string[]).concat(given[qn.id] ?? []).includes(c.id) })),
    value: typeof given[qn.id] === 'string' ? given[qn.id] : '',
  }));
}

/** An attempt's review: each question with the answers given and the right ones, as text. */
export function attemptView(review: Awaited<ReturnType<typeof attemptReview>>, t: TFunction) {
  const byId = new Map(review.quiz.questions.map((qn) => [qn.id, qn]));
  return {
    percent: review.attempt.maxScore ? Math.round((review.attempt.score / review.attempt.maxScore) * 1000) / 10 : 0,
    questions: review.feedback.map((f, i) => {
      const qn = byId.get(f.id)!;
      const label = (id: string) => (qn.kind === 'truefalse' ? t(`courses.quiz.${id}`) : (qn.choices.find((c) => c.id === id)?.text ?? id));
      return {
        ...f,
        number: i + 1,
        text: qn.text,
        isText: qn.kind === 'text',
        givenLabels: qn.kind === 'text' ? f.given : f.given.map(label),
        correctLabels: qn.kind === 'text' ? f.correctAnswer : f.correctAnswer.map(label),
      };
    }),
  };
}

/** The management page: learners split by status, sessions, and the new session form's choices. */
export const manageView = (page: Awaited<ReturnType<typeof managePage>>) => ({
  ...page,
  active: page.learners.filter((l) => l.status === 'active'),
  pending: page.learners.filter((l) => l.status === 'pending'),
  modes: SESSION_MODES,
});

/** What the new session form starts with. */
export const NEW_SESSION_FORM = { mode: 'presence', seats: '20' };

export const SESSION_MODE_CHOICES = SESSION_MODES;

/** A stored session as its edit form holds it. */
export const sessionForm = (s: CourseSession) => ({
  title: s.title,
  mode: s.mode,
  startsAt: italianInputValue(s.startsAt),
  endsAt: italianInputValue(s.endsAt),
  place: s.place,
  url: s.url ?? '',
  seats: String(s.seats),
  description: s.description,
});
