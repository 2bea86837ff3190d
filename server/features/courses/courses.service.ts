// Learning use cases: catalogue, course page, enrolment (open or with approval), lessons and their
// completion, quizzes and attempts, progress and completion, the course's discussion space, and
// the animator's report. Every write that records learning stores its xAPI statement with it.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import { findThread } from '../../../models/queries/threads.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import {
  courseEnrolments,
  courseLessons,
  lessonCompletions,
  quizAttempts,
  users,
  type Course,
  type CourseEnrolment,
  type CourseLesson,
  type CourseQuiz,
} from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { parseInput } from '../../core/validation.ts';
import { createThread } from '../discussions/discussions.service.ts';
import { ensureGroupMember } from '../groups/groups.service.ts';
import { findGroupById } from '../../../models/queries/groups.ts';
import { canEnrol, canLearn, canManageCourse, canSeeCourse, canStudyCourse, type CourseRelation } from './courses.policy.ts';
import { attemptSchema, catalogueSchema, DURATIONS } from './courses.schema.ts';
import { scoreAttempt, standingOf, type QuestionFeedback } from './courses.scoring.ts';
import { recordStatement, type StatementInput } from './courses.xapi.ts';

export type CourseAccess = {
  course: Course;
  enrolment: CourseEnrolment | undefined;
  animator: boolean;
  can: { manage: boolean; study: boolean; learn: boolean; enrol: boolean };
};

/** Loads a course as the actor sees it; a course they may not know exists is a 404. */
export async function courseAccess(db: DbOrTx, actor: Actor, course: Course | undefined): Promise<CourseAccess> {
  if (!course) throw new NotFoundError('courses.errors.not_found');
  const [enrolment, animator] = actor
    ? await Promise.all([q.findEnrolment(db, course.id, actor.id), q.isCourseAnimator(db, course.id, actor.id)])
    : [undefined, false];
  const rel: CourseRelation = { enrolment, animator };
  if (!canSeeCourse(actor, course, rel)) throw new NotFoundError('courses.errors.not_found');
  return {
    course,
    enrolment,
    animator,
    can: {
      manage: canManageCourse(actor, course, rel),
      study: canStudyCourse(actor, course, rel),
      learn: canLearn(actor, course, rel),
      enrol: canEnrol(actor, course, rel),
    },
  };
}

export async function accessBySlug(deps: Deps, actor: Actor, slug: string): Promise<CourseAccess> {
  return courseAccess(deps.database.db, actor, await q.findCourseBySlug(deps.database.db, slug));
}

/** The course for someone who must run it (animator's pages and actions). */
export async function managedCourse(deps: Deps, actor: Actor, slug: string): Promise<CourseAccess & { actor: Express.User }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.manage) throw new ForbiddenError('courses.errors.not_animator');
  return { ...access, actor };
}

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

/** The catalogue: published courses (plus drafts for those who run them), filtered and searched. */
export async function catalogue(deps: Deps, actor: Actor, input: unknown) {
  const filters = parseInput(catalogueSchema, input);
  const db = deps.database.db;
  const [rows, themes] = await Promise.all([
    q.listCatalogue(
      db,
      { q: filters.q, theme: filters.tema, level: filters.livello, hours: filters.durata ? DURATIONS[filters.durata] : undefined },
      { userId: actor?.role === 'animator' ? actor.id : null, all: actor?.role === 'admin' },
    ),
    q.courseThemes(db),
  ]);
  return { filters, courses: rows, themes };
}

/** A few published courses to suggest (the home page), leaving out those the person already follows. */
export async function suggestedCourses(deps: Deps, exceptSlugs: string[], limit: number) {
  return q.listCatalogue(deps.database.db, { exceptSlugs, limit }, { userId: null, all: false });
}

export type OutlineLesson = q.LessonOutline & { done: boolean };
export type Progress = {
  percent: number;
  completed: boolean;
  completedAt: Date | null;
  lessons: { done: number; total: number };
  quizzes: { passed: number; total: number };
  attendance: { attended: number; required: number };
};

/** Modules with their lessons in order, each lesson marked done for this learner. */
async function outline(db: DbOrTx, course: Course, userId: number | null) {
  const [modules, lessons, done] = await Promise.all([
    q.courseModulesOf(db, course.id),
    q.lessonOutline(db, course.id),
    userId ? q.completedLessonIds(db, course.id, userId) : Promise.resolve(new Set<number>()),
  ]);
  const marked: OutlineLesson[] = lessons.map((l) => ({ ...l, done: done.has(l.id) }));
  return {
    lessons: marked,
    modules: modules.map((m) => ({ ...m, lessons: marked.filter((l) => l.moduleId === m.id) })),
  };
}

/** Where a learner's progress stands, from the facts stored (one query). */
async function computeProgress(db: DbOrTx, course: Course, userId: number, enrolment: Pick<CourseEnrolment, 'completedAt'> | undefined): Promise<Progress> {
  const facts = await q.progressFacts(db, course.id, userId);
  const completedAt = enrolment?.completedAt ?? null;
  return {
    ...standingOf(course.completion, facts, completedAt),
    completedAt,
    lessons: { done: facts.lessonDone, total: facts.lessonTotal },
    quizzes: { passed: facts.quizPassed, total: facts.quizTotal },
    attendance: { attended: facts.attended, required: course.completion.attendance },
  };
}

/** Everything the course page shows. */
export async function courseDetail(deps: Deps, actor: Actor, slug: string) {
  const access = await accessBySlug(deps, actor, slug);
  const db = deps.database.db;
  const { course, enrolment } = access;
  const learner = actor && enrolment?.status === 'active' ? actor.id : null;
  const [structure, quizzes, standings, animatorUsers, cover, progress, group] = await Promise.all([
    outline(db, course, learner),
    q.answerableQuizzesOf(db, course.id),
    learner ? q.quizStandings(db, course.id, learner) : Promise.resolve([]),
    findUsersByHandles(db, course.animators.map((a) => a.handle).filter((h): h is string => Boolean(h))),
    q.coverPathOf(db, course.id),
    learner ? computeProgress(db, course, learner, enrolment) : Promise.resolve(null),
    course.groupId ? findGroupById(db, course.groupId) : Promise.resolve(undefined),
  ]);
  const resume = learner ? (structure.lessons.find((l) => l.id === enrolment?.lastLessonId && !l.done) ?? structure.lessons.find((l) => !l.done) ?? structure.lessons.find((l) => l.id === enrolment?.lastLessonId) ?? structure.lessons[0]) : structure.lessons[0];
  return {
    ...access,
    ...structure,
    cover: cover ? `/corsi/${course.slug}/file/${cover}` : null,
    quizzes: quizzes.map((quiz) => ({ slug: quiz.slug, title: quiz.title, description: quiz.description, questionCount: quiz.questions.length, passingScore: quiz.passingScore, maxAttempts: quiz.maxAttempts, standing: standings.find((s) => s.quizId === quiz.id) ?? null })),
    animators: course.animators.map((a) => ({ name: a.name, id: animatorUsers.find((u) => u.handle === a.handle)?.id ?? null })),
    minutes: structure.lessons.reduce((sum, l) => sum + l.minutes, 0),
    progress,
    resume: resume ?? null,
    groupSlug: group?.slug ?? null,
  };
}

/** Enrols the actor: at once in open courses, as a request in courses with approval. Idempotent. */
export async function enrol(deps: Deps, actor: Actor, slug: string): Promise<{ status: 'active' | 'pending'; course: Course }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  const { course } = access;
  if (course.status !== 'published') throw new ConflictError('courses.errors.draft');
  if (access.enrolment) return { status: access.enrolment.status, course };
  const status = course.enrolment === 'open' || access.can.manage ? 'active' : 'pending';
  const inserted = await deps.database.db.transaction(async (tx) => {
    const [row] = await tx.insert(courseEnrolments).values({ courseId: course.id, userId: actor.id, status }).onConflictDoNothing().returning();
    if (!row) return null;
    if (status === 'active') await activateLearner(tx, deps, course, actor);
    return row;
  });
  if (!inserted) {
    const again = await q.findEnrolment(deps.database.db, course.id, actor.id);
    return { status: again?.status ?? status, course };
  }
  if (status === 'active') publishEnrolled(deps, course, actor.id);
  else deps.bus.publish('course.enrolment_requested', { courseId: course.id, userId: actor.id });
  return { status, course };
}

/** An active learner joins the course's discussion space and gets their "registered" record. */
async function activateLearner(tx: Tx, deps: Deps, course: Course, user: { id: number; name: string }): Promise<void> {
  if (course.groupId) await ensureGroupMember(tx, course.groupId, user.id, 'member');
  await recordStatement(tx, statement(deps, course, user, 'registered', { type: 'course', path: `/corsi/${course.slug}`, title: course.title }));
}

function publishEnrolled(deps: Deps, course: Course, userId: number) {
  deps.bus.publish('course.enrolled', { actorId: userId, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
}

/** The statement of a learning fact by a learner in a course. */
export const statement = (deps: Deps, course: Course, user: { id: number; name: string }, verb: StatementInput['verb'], object: StatementInput['object'], result?: StatementInput['result']): StatementInput => ({
  baseUrl: deps.config.publicUrl,
  actor: { id: user.id, name: user.name },
  verb,
  course: { id: course.id, slug: course.slug, title: course.title },
  object,
  ...(result && { result }),
});

/** Approves a request to join a course with approval. Those who run the course. */
export async function approveEnrolment(deps: Deps, actor: Actor, slug: string, userId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  await deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(courseEnrolments)
      .set({ status: 'active', enrolledAt: new Date() })
      .where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, userId), eq(courseEnrolments.status, 'pending')))
      .returning();
    if (!row) throw new NotFoundError();
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
    await activateLearner(tx, deps, course, user!);
  });
  publishEnrolled(deps, course, userId);
  deps.bus.publish('course.enrolment_approved', { courseId: course.id, userId, byUserId: actor!.id });
}

/** Declines a request to join (the person may ask again). */
export async function declineEnrolment(deps: Deps, actor: Actor, slug: string, userId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  const rows = await deps.database.db
    .delete(courseEnrolments)
    .where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, userId), eq(courseEnrolments.status, 'pending')))
    .returning();
  if (!rows.length) throw new NotFoundError();
}

/** Withdraws the actor's own pending request. */
export async function withdrawRequest(deps: Deps, actor: Actor, slug: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const { course, enrolment } = await accessBySlug(deps, actor, slug);
  if (enrolment?.status !== 'pending') throw new NotFoundError();
  await deps.database.db.delete(courseEnrolments).where(and(eq(courseEnrolments.courseId, course.id), eq(courseEnrolments.userId, actor.id), eq(courseEnrolments.status, 'pending')));
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
  return { progress: { ...progress, percent: 100, completed: true, completedAt }, justCompleted: true };
}

export function publishCompleted(deps: Deps, course: Course, userId: number): void {
  deps.bus.publish('course.completed', { actorId: userId, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
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
  if (outcome.justCompleted) publishCompleted(deps, course, user.id);
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
  if (outcome.justCompleted) publishCompleted(deps, course, user.id);
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

/** The courses a person follows, with their progress and where to resume. */
export async function myCourses(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  const rows = await q.myCourses(deps.database.db, actor.id);
  return rows.map((r) => ({ ...r, ...standingOf(r.completion, r, r.completedAt) }));
}

/** A file the course's pages show (cover, lesson images), for those who may see the course. */
export async function courseFile(deps: Deps, actor: Actor, slug: string, filePath: string) {
  const { course, can } = await accessBySlug(deps, actor, slug);
  // The cover belongs to the catalogue; lesson images to those who may study.
  if (!filePath.startsWith('cover.') && !can.study) throw new NotFoundError();
  const file = await q.findCourseFile(deps.database.db, course.id, filePath);
  if (!file) throw new NotFoundError();
  return file;
}

/**
 * "Discuti questa lezione": the lesson's thread in the course's discussion space, started by the
 * first learner who asks for it.
 */
export async function lessonDiscussion(deps: Deps, actor: Actor, slug: string, lessonSlug: string): Promise<{ threadId: number; created: boolean }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  const { course } = access;
  const lesson = await q.findLesson(deps.database.db, course.id, lessonSlug);
  if (!lesson) throw new NotFoundError('courses.errors.lesson_not_found');
  if (lesson.threadId) {
    const thread = await findThread(deps.database.db, lesson.threadId);
    if (thread && !thread.deletedAt && thread.groupId === course.groupId && (access.can.learn || access.can.manage)) return { threadId: thread.id, created: false };
  }
  if (!access.can.learn && !access.can.manage) throw new ForbiddenError('courses.errors.enrol_to_discuss');
  const group = course.groupId ? await findGroupById(deps.database.db, course.groupId) : undefined;
  if (!group) throw new NotFoundError();
  if (access.can.manage) await deps.database.db.transaction((tx) => ensureGroupMember(tx, group.id, actor.id, 'moderator'));
  const t = translator(actor.locale === 'en' ? 'en' : 'it');
  try {
    const { thread } = await createThread(
      deps,
      actor,
      group.slug,
      {
        title: t('courses.discuss.thread_title', { title: lesson.title }).slice(0, 200),
        body: t('courses.discuss.thread_body', { title: lesson.title, url: `/corsi/${course.slug}/lezioni/${lesson.slug}` }),
      },
      {
        // One thread per lesson: the lesson row stays locked until the new thread is recorded on it,
        // and a learner who asked at the same moment gets that thread instead of starting a second.
        before: async (tx) => {
          const [row] = await tx.select({ threadId: courseLessons.threadId }).from(courseLessons).where(eq(courseLessons.id, lesson.id)).for('update');
          if (row?.threadId && row.threadId !== lesson.threadId) throw new LessonThreadStarted(row.threadId);
        },
        after: (tx, thread) => tx.update(courseLessons).set({ threadId: thread.id }).where(eq(courseLessons.id, lesson.id)),
      },
    );
    return { threadId: thread.id, created: true };
  } catch (err) {
    if (err instanceof LessonThreadStarted) return { threadId: err.threadId, created: false };
    throw err;
  }
}

/** Someone else started the lesson's thread while this request was on its way. */
class LessonThreadStarted extends Error {
  readonly threadId: number;
  constructor(threadId: number) {
    super('lesson thread already started');
    this.threadId = threadId;
  }
}

/** The learners of a course with where each stands (the animator's table and its CSV). */
async function learnerStandings(deps: Deps, course: Course) {
  const learners = await q.courseLearners(deps.database.db, course.id);
  return learners.map((l) => {
    const standing = standingOf(course.completion, l, l.completedAt);
    // Someone still waiting for approval has not completed anything.
    return { ...l, percent: standing.percent, completed: l.status === 'active' && standing.completed };
  });
}

/** How each question of each quiz went, the questions most often wrong first. */
async function quizStatistics(deps: Deps, course: Course) {
  const db = deps.database.db;
  const [quizzes, results] = await Promise.all([q.answerableQuizzesOf(db, course.id), q.courseQuizResults(db, course.id)]);
  return quizzes.map((quiz) => {
    const attempts = results.filter((r) => r.quizId === quiz.id);
    const questions = quiz.questions.map((qn) => {
      const answered = attempts.flatMap((r) => r.results.filter((x) => x.id === qn.id));
      const wrong = answered.filter((x) => !x.correct).length;
      return { id: qn.id, text: qn.text, kind: qn.kind, answers: answered.length, wrong, wrongPercent: answered.length ? Math.round((wrong / answered.length) * 100) : 0 };
    });
    return {
      slug: quiz.slug,
      title: quiz.title,
      attempts: attempts.length,
      learners: new Set(attempts.map((r) => r.userId)).size,
      questions: questions.sort((a, b) => b.wrongPercent - a.wrongPercent || b.wrong - a.wrong),
    };
  });
}

/** The animator's report: learners and their progress, and how each quiz question went. */
export async function courseReport(deps: Deps, actor: Actor, slug: string) {
  const access = await managedCourse(deps, actor, slug);
  const [learners, quizStats, lessons] = await Promise.all([
    learnerStandings(deps, access.course),
    quizStatistics(deps, access.course),
    q.lessonOutline(deps.database.db, access.course.id),
  ]);
  return { ...access, learners, lessonTotal: lessons.length, quizTotal: quizStats.length, quizStats };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The learners' report as CSV (UTF-8 with BOM, so spreadsheets read the accents). */
export async function learnersCsv(deps: Deps, actor: Actor, slug: string, t: (key: string) => string): Promise<{ course: Course; csv: string }> {
  const { course } = await managedCourse(deps, actor, slug);
  const learners = await learnerStandings(deps, course);
  const header = ['name', 'email', 'organization', 'status', 'enrolled_at', 'lessons_done', 'quizzes_passed', 'sessions_attended', 'best_score', 'attempts', 'progress', 'completed_at'].map((h) => t(`courses.csv.${h}`));
  const lines = learners.map((l) =>
    [l.name, l.email, l.organization, t(`courses.csv.status_${l.status}`), l.enrolledAt, `${l.lessonDone}/${l.lessonTotal}`, `${l.quizPassed}/${l.quizTotal}`, l.attended, l.bestScore, l.attempts, `${l.percent}%`, l.completedAt].map(csvCell).join(','),
  );
  return { course, csv: `\ufeff${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n` };
}

/** Learning records as xAPI statements: all of the course's for those who run it, one's own otherwise. */
export async function exportStatements(deps: Deps, actor: Actor, slug: string): Promise<{ course: Course; statements: Record<string, unknown>[] }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.manage && !access.enrolment) throw new ForbiddenError('courses.errors.not_enrolled');
  const rows = await q.statementsOf(deps.database.db, access.course.id, access.can.manage ? null : actor.id);
  return { course: access.course, statements: rows.map((r) => r.statement) };
}
