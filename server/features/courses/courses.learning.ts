// Learning use cases: lessons and their completion, quizzes and attempts, progress and the
// course's completion. Every write that records learning stores its xAPI statement with it.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import {
  courseEnrolments,
  lessonCompletions,
  quizAttempts,
  type Course,
  type CourseLesson,
  type CourseQuiz,
} from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { attemptSchema } from './courses.schema.ts';
import { scoreAttempt, type QuestionFeedback } from './courses.scoring.ts';
import { accessBySlug, computeProgress, outline, statement, type CourseAccess, type Progress } from './courses.service.ts';
import { recordStatement } from './courses.xapi.ts';

/** The course for an enrolled learner; anyone else gets a clear "enrol first". */
async function learnerCourse(deps: Deps, actor: Actor, slug: string): Promise<CourseAccess & { actor: Express.User }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.learn) {
    if (access.enrolment?.status === 'pending') throw new ForbiddenError('courses.errors.pending');
    throw new ForbiddenError('courses.errors.not_enrolled');
  }
  return { ...access, actor };
}

/** A lesson page: the lesson, its neighbours, the outline; studying it moves the learner's bookmark. */
export async function lessonPage(deps: Deps, actor: Actor, slug: string, lessonSlug: string) {
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.study) {
    if (!actor) throw new UnauthorizedError('courses.errors.sign_in_to_study');
    throw new ForbiddenError(access.enrolment?.status === 'pending' ? 'courses.errors.pending' : 'courses.errors.enrol_to_study');
  }
  const db = deps.database.db;
  const { course } = access;
  const lesson = await q.findLesson(db, course.id, lessonSlug);
  if (!lesson) throw new NotFoundError('courses.errors.lesson_not_found');
  const learner = access.can.learn ? actor!.id : null;
  const structure = await outline(db, course, learner);
  const index = structure.lessons.findIndex((l) => l.id === lesson.id);
  if (learner) {
    await db.update(courseEnrolments).set({ lastLessonId: lesson.id, lastSeenAt: new Date() }).where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, learner)));
  }
  const [progress, quizzes] = await Promise.all([
    learner ? computeProgress(db, course, learner, access.enrolment) : Promise.resolve(null),
    q.answerableQuizzesOf(db, course.id),
  ]);
  return {
    ...access,
    ...structure,
    lesson,
    module: structure.modules.find((m) => m.id === lesson.moduleId)!,
    done: structure.lessons[index]?.done ?? false,
    index,
    previous: structure.lessons[index - 1] ?? null,
    next: structure.lessons[index + 1] ?? null,
    quizzes: quizzes.map((quiz) => ({ slug: quiz.slug, title: quiz.title })),
    progress,
  };
}

export type CompletionOutcome = { progress: Progress; justCompleted: boolean };

/**
 * After a learning fact (lesson done, attempt, attendance): recomputes progress and, the first
 * time the course's rule holds, records the completion. Runs in the fact's transaction.
 */
export async function settleCompletion(tx: Tx, deps: Deps, course: Course, user: { id: number; name: string }): Promise<CompletionOutcome> {
  const enrolment = await q.findEnrolment(tx, course.id, user.id, { lock: true });
  if (enrolment?.status !== 'active') return { progress: await computeProgress(tx, course, user.id, enrolment), justCompleted: false };
  const progress = await computeProgress(tx, course, user.id, enrolment);
  if (!progress.completed || enrolment.completedAt) return { progress, justCompleted: false };
  const completedAt = new Date();
  await tx.update(courseEnrolments).set({ completedAt }).where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, user.id)));
  await recordStatement(tx, { ...statement(deps, course, user, 'completed', { type: 'course', path: `/corsi/${course.slug}`, title: course.title }, { completion: true, success: true }), timestamp: completedAt });
  await deps.bus.record(tx, 'course.completed', { actorId: user.id, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
  return { progress: { ...progress, percent: 100, completed: true, completedAt }, justCompleted: true };
}

/** Marks a lesson done (once: doing it again changes nothing) and settles the course's completion. */
export async function completeLesson(
  deps: Deps,
  actor: Actor,
  slug: string,
  lessonSlug: string,
): Promise<CompletionOutcome & { lesson: CourseLesson; newlyDone: boolean; next: string | null }> {
  const { course, actor: user } = await learnerCourse(deps, actor, slug);
  const lesson = await q.findLesson(deps.database.db, course.id, lessonSlug);
  if (!lesson) throw new NotFoundError('courses.errors.lesson_not_found');
  const outcome = await deps.database.db.transaction(async (tx) => {
    await q.findEnrolment(tx, course.id, user.id, { lock: true });
    const [row] = await tx.insert(lessonCompletions).values({ lessonId: lesson.id, userId: user.id }).onConflictDoNothing().returning();
    if (row) {
      await recordStatement(tx, { ...statement(deps, course, user, 'completed', { type: 'lesson', path: `/corsi/${course.slug}/lezioni/${lesson.slug}`, title: lesson.title }, { completion: true }), timestamp: row.completedAt });
    }
    await tx.update(courseEnrolments).set({ lastLessonId: lesson.id, lastSeenAt: new Date() }).where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, user.id)));
    return { ...(await settleCompletion(tx, deps, course, user)), newlyDone: Boolean(row) };
  });
  const lessons = await q.lessonOutline(deps.database.db, course.id);
  const next = lessons[lessons.findIndex((l) => l.id === lesson.id) + 1]?.slug ?? null;
  return { ...outcome, lesson, next };
}

/** The learner's progress in a course. */
export async function progress(deps: Deps, actor: Actor, slug: string): Promise<Progress> {
  const { course, enrolment, actor: user } = await learnerCourse(deps, actor, slug);
  return computeProgress(deps.database.db, course, user.id, enrolment);
}

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
  const quiz = await q.findQuiz(deps.database.db, access.course.id, quizSlug, { answerable: true });
  if (!quiz) throw new NotFoundError('courses.errors.quiz_not_found');
  const attempts = access.can.learn ? await q.attemptsOf(deps.database.db, quiz.id, actor!.id) : [];
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
  const quiz = await q.findQuiz(deps.database.db, course.id, quizSlug, { answerable: true });
  if (!quiz) throw new NotFoundError('courses.errors.quiz_not_found');
  const { answers } = parseInput(attemptSchema, input);
  const scored = scoreAttempt(quiz.questions, answers, quiz.passingScore);
  const outcome = await deps.database.db.transaction(async (tx) => {
    await q.findEnrolment(tx, course.id, user.id, { lock: true });
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.quizId, quiz.id), eq(quizAttempts.userId, user.id)));
    if (quiz.maxAttempts !== null && n >= quiz.maxAttempts) {
      throw new AppError(409, 'attempt_limit', 'courses.errors.attempt_limit', { answers: { key: 'courses.errors.attempt_limit_field', params: { max: quiz.maxAttempts } } });
    }
    const [row] = await tx
      .insert(quizAttempts)
      .values({ quizId: quiz.id, userId: user.id, number: n + 1, answers, results: scored.results, score: scored.score, maxScore: scored.maxScore, passed: scored.passed })
      .returning();
    await recordStatement(tx, {
      ...statement(deps, course, user, scored.passed ? 'passed' : 'failed', { type: 'assessment', path: `/corsi/${course.slug}/verifiche/${quiz.slug}`, title: quiz.title }, { score: { raw: scored.score, max: scored.maxScore }, success: scored.passed, completion: true }),
      timestamp: row!.createdAt,
    });
    return { row: row!, ...(await settleCompletion(tx, deps, course, user)) };
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
