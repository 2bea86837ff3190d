// Quiz scoring and course progress: pure functions, the rules in one place.
import type { ProgressFacts } from '../../../models/queries/courses-learning.ts';
import type { CompletionRule, QuestionResult, QuizQuestion } from '../../../models/schema.ts';
import { ValidationError, type FieldErrors } from '../../core/errors.ts';
import { trimChars } from '../../core/text.ts';

export type AttemptAnswers = Record<string, string | string[]>;

export type QuestionFeedback = {
  id: string;
  correct: boolean;
  points: number;
  maxPoints: number;
  /** What the learner answered (choice ids, or their text). */
  given: string[];
  /** The right choice ids, or the accepted answers of a text question. */
  correctAnswer: string[];
  /** Feedback of the choices the learner picked (true/false: of their answer). */
  feedback: string[];
  explanation: string;
};

export type ScoredAttempt = {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  results: QuestionResult[];
  feedback: QuestionFeedback[];
};

/** Text answers match ignoring case, accents, punctuation at the ends and repeated spaces. */
export function normaliseText(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ');
  return trimChars(folded, '.,;:!?"«»()');
}

/**
 * Checks an attempt's answers against the quiz's questions: an unknown question or choice, or a
 * list for a single-choice question, is a validation error naming it; an unanswered question scores 0.
 */
export function checkAnswers(questions: QuizQuestion[], answers: AttemptAnswers): Map<string, string[]> {
  const fields: FieldErrors = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  const unknown = Object.keys(answers).filter((id) => !byId.has(id));
  if (unknown.length) fields.answers = { key: 'courses.errors.unknown_questions', params: { ids: unknown.join(', ') } };
  const given = new Map<string, string[]>();
  for (const [id, raw] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) continue;
    const list = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    if (q.kind === 'text') {
      if (Array.isArray(raw)) fields[`answers.${id}`] = { key: 'courses.errors.answer_text' };
      given.set(id, list.map((s) => s.trim()).filter(Boolean));
      continue;
    }
    if (q.kind !== 'multiple' && list.length > 1) {
      fields[`answers.${id}`] = { key: 'courses.errors.answer_one' };
      continue;
    }
    const choiceIds = new Set(q.choices.map((c) => c.id));
    const bad = list.filter((c) => c !== '' && !choiceIds.has(c));
    if (bad.length) fields[`answers.${id}`] = { key: 'courses.errors.unknown_choice', params: { ids: bad.join(', ') } };
    given.set(id, [...new Set(list.filter((c) => c !== ''))]);
  }
  if (Object.keys(fields).length) throw new ValidationError(fields, 'courses.errors.attempt_invalid');
  return given;
}

/** Scores an attempt: full points for exactly the right choices (or an accepted text), none otherwise. */
export function scoreAttempt(questions: QuizQuestion[], answers: AttemptAnswers, passingScore: number): ScoredAttempt {
  const given = checkAnswers(questions, answers);
  const feedback = questions.map((q): QuestionFeedback => {
    const mine = given.get(q.id) ?? [];
    let correct: boolean;
    if (q.kind === 'text') {
      const accepted = new Set(q.expected.map(normaliseText));
      correct = mine.length > 0 && accepted.has(normaliseText(mine[0]!));
    } else {
      const right = new Set(q.answer);
      correct = mine.length === right.size && mine.every((c) => right.has(c));
    }
    return {
      id: q.id,
      correct,
      points: correct ? q.points : 0,
      maxPoints: q.points,
      given: mine,
      correctAnswer: q.kind === 'text' ? q.expected : q.answer,
      feedback: q.choices.filter((c) => mine.includes(c.id) && c.feedback).map((c) => c.feedback),
      explanation: q.explanation,
    };
  });
  const score = feedback.reduce((sum, f) => sum + f.points, 0);
  const maxScore = feedback.reduce((sum, f) => sum + f.maxPoints, 0);
  const percent = maxScore ? Math.round((score / maxScore) * 1000) / 10 : 0;
  return {
    score,
    maxScore,
    percent,
    passed: maxScore > 0 && percent >= passingScore,
    results: feedback.map((f) => ({ id: f.id, correct: f.correct, points: f.points, maxPoints: f.maxPoints })),
    feedback,
  };
}

/**
 * A learner's progress: lessons done, quizzes passed and sessions attended (as far as the course
 * asks for them) over all of them; complete when the course's rule holds.
 */
export function progressOf(rule: CompletionRule, f: ProgressFacts): { percent: number; complete: boolean } {
  // Lessons always count (they are the course); quizzes and sessions when the rule asks for them.
  const quizTotal = rule.quizzes ? f.quizTotal : 0;
  const total = f.lessonTotal + quizTotal + rule.attendance;
  const done = Math.min(f.lessonDone, f.lessonTotal) + Math.min(f.quizPassed, quizTotal) + Math.min(f.attended, rule.attendance);
  const complete =
    (!rule.lessons || f.lessonDone >= f.lessonTotal) && (!rule.quizzes || f.quizPassed >= f.quizTotal) && f.attended >= rule.attendance;
  const percent = total ? Math.floor((done / total) * 100) : complete ? 100 : 0;
  return { percent: complete ? 100 : Math.min(percent, 99), complete };
}

/** Where a learner stands: a recorded completion stays complete (100%), whatever changed in the course since. */
export function standingOf(rule: CompletionRule, f: ProgressFacts, completedAt: Date | null): { percent: number; completed: boolean } {
  if (completedAt) return { percent: 100, completed: true };
  const { percent, complete } = progressOf(rule, f);
  return { percent, completed: complete };
}
