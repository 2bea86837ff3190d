// Who may see and do what with a course. Pure functions over the actor, the course, the actor's
// enrolment and whether they run the course; pages, API, files, feed and sockets all ask these.
import type { Course, CourseEnrolment } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

export type CourseRelation = { enrolment: Pick<CourseEnrolment, 'status'> | undefined | null; animator: boolean };

/** Runs the course: edits it, approves enrolments, runs sessions, sees results. Its animators, its creator, admins. */
export function canManageCourse(actor: Actor, course: Pick<Course, 'createdBy'>, rel: CourseRelation): boolean {
  if (!actor) return false;
  return actor.role === 'admin' || (actor.role === 'animator' && (rel.animator || course.createdBy === actor.id));
}

/** Knows the course exists: published courses for everyone (no account needed, as on TRIO); drafts for those who run them. */
export function canSeeCourse(actor: Actor, course: Pick<Course, 'status' | 'createdBy'>, rel: CourseRelation): boolean {
  return course.status === 'published' || canManageCourse(actor, course, rel);
}

const activeLearner = (rel: CourseRelation) => rel.enrolment?.status === 'active';

/** Reads lessons and quiz questions: anyone for open courses; enrolled learners for courses with approval. */
export function canStudyCourse(actor: Actor, course: Pick<Course, 'status' | 'createdBy' | 'enrolment'>, rel: CourseRelation): boolean {
  if (!canSeeCourse(actor, course, rel)) return false;
  return course.enrolment === 'open' || activeLearner(rel) || canManageCourse(actor, course, rel);
}

/** Marks lessons done, answers quizzes, registers for sessions, discusses: enrolled learners. */
export function canLearn(actor: Actor, course: Pick<Course, 'status'>, rel: CourseRelation): boolean {
  return Boolean(actor) && course.status === 'published' && activeLearner(rel);
}

/** Enrols (or asks to): signed-in people not yet enrolled, in published courses. */
export function canEnrol(actor: Actor, course: Pick<Course, 'status'>, rel: CourseRelation): boolean {
  return Boolean(actor) && course.status === 'published' && !rel.enrolment;
}

/** Creates courses: animators and admins. */
export function canCreateCourse(actor: Actor): boolean {
  return actor?.role === 'animator' || actor?.role === 'admin';
}
