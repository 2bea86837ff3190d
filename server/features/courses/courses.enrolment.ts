// Enrolment: joining a course (at once in open courses, as a request in courses with approval),
// the animators' approvals and refusals, and withdrawing one's own request. An active learner joins
// the course's discussion space and gets their "registered" learning record.
import type { Tx } from '../../../models/db.ts';
import * as learning from '../../../models/queries/courses-learning.ts';
import { findUserById } from '../../../models/queries/users.ts';
import type { Course } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { ensureGroupMember } from '../groups/groups.service.ts';
import { accessBySlug, managedCourse } from './courses.access.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

/** Enrols the actor: at once in open courses, as a request in courses with approval. Idempotent. */
export async function enrol(deps: Deps, actor: Actor, slug: string): Promise<{ status: 'active' | 'pending'; course: Course }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  const { course } = access;
  if (course.status !== 'published') throw new ConflictError('courses.errors.draft');
  if (access.enrolment) return { status: access.enrolment.status, course };
  const status = course.enrolment === 'open' || access.can.manage ? 'active' : 'pending';
  const inserted = await deps.database.db.transaction(async (tx) => {
    const row = await learning.insertEnrolment(tx, course.id, actor.id, status);
    if (!row) return null;
    if (status === 'active') await activateLearner(tx, deps, course, actor);
    else await deps.bus.record(tx, 'course.enrolment_requested', { courseId: course.id, userId: actor.id });
    return row;
  });
  if (!inserted) {
    const again = await learning.findEnrolment(deps.database.db, course.id, actor.id);
    return { status: again?.status ?? status, course };
  }
  return { status, course };
}

/** An active learner joins the course's discussion space and gets their "registered" record. */
async function activateLearner(tx: Tx, deps: Deps, course: Course, user: { id: number; name: string }): Promise<void> {
  if (course.groupId) await ensureGroupMember(tx, course.groupId, user.id, 'member');
  await recordStatement(tx, courseStatement(deps, course, user, 'registered', { type: 'course', path: `/corsi/${course.slug}`, title: course.title }));
  await deps.bus.record(tx, 'course.enrolled', { actorId: user.id, objectId: course.id, title: course.title, url: `/corsi/${course.slug}`, groupId: course.groupId });
}

/** Approves a request to join a course with approval. Those who run the course. */
export async function approveEnrolment(deps: Deps, actor: Actor, slug: string, userId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  await deps.database.db.transaction(async (tx) => {
    const row = await learning.activatePendingEnrolment(tx, course.id, userId);
    if (!row) throw new NotFoundError();
    const user = (await findUserById(tx, userId))!;
    await activateLearner(tx, deps, course, { id: user.id, name: user.name });
    await deps.bus.record(tx, 'course.enrolment_approved', { courseId: course.id, userId, byUserId: actor!.id });
  });
}

/** Declines a request to join (the person may ask again). */
export async function declineEnrolment(deps: Deps, actor: Actor, slug: string, userId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  if (!(await learning.deletePendingEnrolment(deps.database.db, course.id, userId))) throw new NotFoundError();
}

/** Withdraws the actor's own pending request. */
export async function withdrawRequest(deps: Deps, actor: Actor, slug: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const { course, enrolment } = await accessBySlug(deps, actor, slug);
  if (enrolment?.status !== 'pending') throw new NotFoundError();
  await learning.deletePendingEnrolment(deps.database.db, course.id, actor.id);
}

/** The animator's decision on a request to join: approved or declined. */
export async function decideEnrolment(deps: Deps, actor: Actor, slug: string, userId: number, decision: 'approve' | 'decline'): Promise<void> {
  if (decision === 'approve') await approveEnrolment(deps, actor, slug, userId);
  else await declineEnrolment(deps, actor, slug, userId);
}
