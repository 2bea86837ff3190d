// Who the actor is to a course, asked once per request: the course as they may see it, their
// enrolment, whether they run it, and what the policy lets them do. Every course use case starts here.
import * as q from '../../../models/queries/courses.ts';
import { findEnrolment } from '../../../models/queries/courses-learning.ts';
import type { DbOrTx } from '../../../models/db.ts';
import type { Course, CourseEnrolment } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { canEnrol, canLearn, canManageCourse, canSeeCourse, canStudyCourse, type CourseRelation } from './courses.policy.ts';

export type { Course };

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
    ? await Promise.all([findEnrolment(db, course.id, actor.id), q.isCourseAnimator(db, course.id, actor.id)])
    : [undefined, false];
  return accessWith(actor, course, enrolment, animator);
}

function accessWith(
  actor: Actor,
  course: Course,
  enrolment: CourseEnrolment | undefined,
  animator: boolean,
): CourseAccess {
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
  const db = deps.database.db;
  if (!actor) return courseAccess(db, actor, await q.findCourseBySlug(db, slug));
  // Signed in: the course, the actor's enrolment and whether they run it, in one statement.
  const found = await q.findCourseForViewer(db, slug, actor.id);
  if (!found) throw new NotFoundError('courses.errors.not_found');
  return accessWith(actor, found.course, found.enrolment ?? undefined, found.animator);
}

/** The course for someone who must run it (animator's pages and actions). */
export async function managedCourse(deps: Deps, actor: Actor, slug: string): Promise<CourseAccess & { actor: Express.User }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.manage) throw new ForbiddenError('courses.errors.not_animator');
  return { ...access, actor };
}

/** The course for an enrolled learner; anyone else gets a clear "enrol first". */
export async function learnerCourse(deps: Deps, actor: Actor, slug: string): Promise<CourseAccess & { actor: Express.User }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.learn) {
    if (access.enrolment?.status === 'pending') throw new ForbiddenError('courses.errors.pending');
    throw new ForbiddenError('courses.errors.not_enrolled');
  }
  return { ...access, actor };
}
