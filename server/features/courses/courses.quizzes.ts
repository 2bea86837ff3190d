// Learning, the quizzes: a quiz as learners see it, attempts (scored, limited, recorded with their
// xAPI statement) and their review.
import * as content from '../../../models/queries/courses-content.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import type { CourseQuiz } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { accessBySlug, learnerCourse } from './courses.access.ts';
import { settleCompletion, type Progress } from './courses.progress.ts';
import { attemptSchema } from './courses.schema.ts';
import { scoreAttempt, type QuestionFeedback } from './courses.scoring.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

/** A quiz's questions as learners see them: no answers, no feedback. */
export function publicQuestions(quiz: CourseQuiz) {
  return quiz.questions.map((qn) => ({
    id: qn.id,
    kind: qn.kind,
    text: qn.text,
    points: qn.points,
    ...(qn.kind === 'text' ? {} : { choices: qn.choices.map((c) => ({ id: c.id, text: c.text })) }),
  }));
}

/** A quiz for those who may study the course, with the learner's attempts so far. */
export async function quizFor(deps: Deps, actor: Actor, slug: string, quizSlug: string) {
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.study) {
    if (!actor) throw new UnauthorizedError('courses.errors.sign_in_to_study');
    throw new ForbiddenError('courses.errors.enrol_to_study');
  }
  const quiz = await content.findQuiz(deps.database.db, access.course.id, quizSlug, { answerable: true });
  if (!quiz) throw new NotFoundError('courses.errors.quiz_not_found');
  const attempts = access.can.learn ? await learning.attemptsOf(deps.database.db, quiz.id, actor!.id) : [];
  const best = attempts.reduce<(typeof attempts)[number] | null>((b, a) => (!b || a.score / (a.maxScore || 1) > b.score / (b.maxScore || 1) ? a : b), null);
  return {
    ...access,
    quiz,
    questions: publicQuestions(quiz),
    attempts,
    best,
    passed: attempts.some((a) => a.passed),
    attemptsLeft: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - attempts.length),
  };
}

export type AttemptResult = {
  id: number;
  number: number;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  feedback: QuestionFeedback[];
  attemptsLeft: number | null;
  progress: Progress;
  courseCompleted: boolean;
};

/**
 * Records an attempt: answers checked against the questions, scored, stored with its xAPI
 * statement; refused past the quiz's attempt limit. Attempts of one learner are serialised on
 * their enrolment, so the limit holds under double submissions.
 */
export async function submitAttempt(deps: Deps, actor: Actor, slug: string, quizSlug: string, input: unknown): Promise<AttemptResult> {
  const { course, actor: user } = await learnerCourse(deps, actor, slug);
  const quiz = await content.findQuiz(deps.database.db, course.id, quizSlug, { answerable: true });
  if (!quiz) throw new NotFoundError('courses.errors.quiz_not_found');
  const { answers } = parseInput(attemptSchema, input);
  const scored = scoreAttempt(quiz.questions, answers, quiz.passingScore);
  const outcome = await deps.database.db.transaction(async (tx) => {
    await learning.findEnrolment(tx, course.id, user.id, { lock: true });
    const n = await learning.countAttempts(tx, quiz.id, user.id);
    if (quiz.maxAttempts !== null && n >= quiz.maxAttempts) {
      throw new AppError(409, 'attempt_limit', 'courses.errors.attempt_limit', { answers: { key: 'courses.errors.attempt_limit_field', params: { max: quiz.maxAttempts } } });
    }
    const row = await learning.insertAttempt(tx, { quizId: quiz.id, userId: user.id, number: n + 1, answers, results: scored.results, score: scored.score, maxScore: scored.maxScore, passed: scored.passed });
    const object = { type: 'assessment', path: `/corsi/${course.slug}/verifiche/${quiz.slug}`, title: quiz.title } as const;
    const result = { score: { raw: scored.score, max: scored.maxScore }, success: scored.passed, completion: true };
    await recordStatement(tx, { ...courseStatement(deps, course, user, scored.passed ? 'passed' : 'failed', object, result), timestamp: row.createdAt });
    return { row, ...(await settleCompletion(tx, deps, course, user)) };
  });
  return {
    id: outcome.row.id,
    number: outcome.row.number,
    score: scored.score,
    maxScore: scored.maxScore,
    percent: scored.percent,
    passed: scored.passed,
    feedback: scored.feedback,
    attemptsLeft: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - outcome.row.number),
    progress: outcome.progress,
    courseCompleted: outcome.justCompleted,
  };
}

/** A stored attempt with its feedback again (the learner's review page). */
export async function attemptReview(deps: Deps, actor: Actor, slug: string, quizSlug: string, attemptId: number) {
  const data = await quizFor(deps, actor, slug, quizSlug);
  const attempt = data.attempts.find((a) => a.id === attemptId);
  if (!attempt) throw new NotFoundError();
  const scored = scoreAttempt(
    data.quiz.questions,
    Object.fromEntries(Object.entries(attempt.answers).filter(([id]) => data.quiz.questions.some((qn) => qn.id === id))),
    data.quiz.passingScore,
  );
  return { ...data, attempt, feedback: scored.feedback };
}
