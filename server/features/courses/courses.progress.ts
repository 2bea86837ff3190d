// Where a learner stands in a course: the outline with the lessons done, progress from the stored
// facts, and the course's completion, settled after every learning fact (lesson, attempt, attendance).
import type { DbOrTx, Tx } from '../../../models/db.ts';
import * as content from '../../../models/queries/courses-content.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import type { Course, CourseEnrolment } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { learnerCourse } from './courses.access.ts';
import { standingOf } from './courses.scoring.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

export type OutlineLesson = content.LessonOutline & { done: boolean };
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
    content.courseModulesOf(db, course.id),
    content.lessonOutline(db, course.id),
    userId ? learning.completedLessonIds(db, course.id, userId) : Promise.resolve(new Set<number>()),
  ]);
  const marked: OutlineLesson[] = lessons.map((l) => ({ ...l, done: done.has(l.id) }));
  return {
    lessons: marked,
    modules: modules.map((m) => ({ ...m, lessons: marked.filter((l) => l.moduleId === m.id) })),
  };
}

/** Where a learner's progress stands, from the facts stored (one query). */
export async function computeProgress(db: DbOrTx, course: Course, userId: number, enrolment: Pick<CourseEnrolment, 'completedAt'> | undefined): Promise<Progress> {
  return progressFrom(course, await learning.progressFacts(db, course.id, userId), enrolment);
}

/** Where a learner's progress stands, from facts already read. */
export function progressFrom(course: Course, facts: learning.ProgressFacts, enrolment: Pick<CourseEnrolment, 'completedAt'> | undefined): Progress {
  const completedAt = enrolment?.completedAt ?? null;
  return {
    ...standingOf(course.completion, facts, completedAt),
    completedAt,
    lessons: { done: facts.lessonDone, total: facts.lessonTotal },
    quizzes: { passed: facts.quizPassed, total: facts.quizTotal },
    attendance: { attended: facts.attended, required: course.completion.attendance },
  };
}

/** The learner's progress in a course. */
export async function progress(deps: Deps, actor: Actor, slug: string): Promise<Progress> {
  const { course, enrolment, actor: user } = await learnerCourse(deps, actor, slug);
  return computeProgress(deps.database.db, course, user.id, enrolment);
}

export type CompletionOutcome = { progress: Progress; justCompleted: boolean };

/**
 * After a learning fact (lesson done, attempt, attendance): recomputes progress and, the first
 * time the course's rule holds, records the completion. Runs in the fact's transaction.
 */
export async function settleCompletion(tx: Tx, deps: Deps, course: Course, user: { id: number; name: string }): Promise<CompletionOutcome> {
  const enrolment = await learning.findEnrolment(tx, course.id, user.id, { lock: true });
  if (enrolment?.status !== 'active') return { progress: await computeProgress(tx, course, user.id, enrolment), justCompleted: false };
  const progress = await computeProgress(tx, course, user.id, enrolment);
  if (!progress.completed || enrolment.completedAt) return { progress, justCompleted: false };
  const completedAt = new Date();
  await learning.setCourseCompleted(tx, course.id, user.id, completedAt);
  await recordStatement(tx, { ...courseStatement(deps, course, user, 'completed', { type: 'course', path: `/corsi/${course.slug}`, title: course.title }, { completion: true, success: true }), timestamp: completedAt });
  await deps.bus.record(tx, 'course.completed', { actorId: user.id, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
  return { progress: { ...progress, percent: 100, completed: true, completedAt }, justCompleted: true };
}
