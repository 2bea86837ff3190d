// Courses for learners, the catalogue side: who may see a course and how (access), the catalogue,
// the course page, enrolment (open or with approval), "I miei corsi", the course's files and its
// discussion space. Lessons, quizzes and progress are in courses.learning.ts; the animator's report
// and the exports in courses.report.ts. Every write that records learning stores its xAPI
// statement with it.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses.ts';
import { findThread } from '../../../models/queries/threads.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import { courseEnrolments, courseLessons, users, type Course, type CourseEnrolment } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { parseInput } from '../../core/validation.ts';
import { createThread } from '../discussions/discussions.service.ts';
import { ensureGroupMember } from '../groups/groups.service.ts';
import { findGroupById } from '../../../models/queries/groups.ts';
import { canEnrol, canLearn, canManageCourse, canSeeCourse, canStudyCourse, type CourseRelation } from './courses.policy.ts';
import { catalogueSchema, DURATIONS } from './courses.schema.ts';
import { standingOf } from './courses.scoring.ts';
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
export async function outline(db: DbOrTx, course: Course, userId: number | null) {
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
export async function computeProgress(db: DbOrTx, course: Course, userId: number, enrolment: Pick<CourseEnrolment, 'completedAt'> | undefined): Promise<Progress> {
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
    else await deps.bus.record(tx, 'course.enrolment_requested', { courseId: course.id, userId: actor.id });
    return row;
  });
  if (!inserted) {
    const again = await q.findEnrolment(deps.database.db, course.id, actor.id);
    return { status: again?.status ?? status, course };
  }
  return { status, course };
}

/** An active learner joins the course's discussion space and gets their "registered" record. */
async function activateLearner(tx: Tx, deps: Deps, course: Course, user: { id: number; name: string }): Promise<void> {
  if (course.groupId) await ensureGroupMember(tx, course.groupId, user.id, 'member');
  await recordStatement(tx, statement(deps, course, user, 'registered', { type: 'course', path: `/corsi/${course.slug}`, title: course.title }));
  await deps.bus.record(tx, 'course.enrolled', { actorId: user.id, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
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
    await deps.bus.record(tx, 'course.enrolment_approved', { courseId: course.id, userId, byUserId: actor!.id });
  });
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
