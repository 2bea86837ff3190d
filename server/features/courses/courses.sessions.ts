// Blended learning: in-person and live-online sessions of a course, registration with a waiting
// list, attendance (which counts toward completion), and the events calendar (courses.ical.ts writes it as iCal).
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/courses-sessions.ts';
import type { Course, CourseSession } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ForbiddenError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { accessBySlug, managedCourse } from './courses.access.ts';
import { settleCompletion } from './courses.progress.ts';
import { attendanceSchema, sessionSchema } from './courses.schema.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

export type RegistrationStatus = 'registered' | 'waiting';

/** Creates a session of a course. Those who run it. */
export async function createSession(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<CourseSession> {
  const { course, actor: by } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  return q.insertSession(deps.database.db, { ...data, url: data.url ?? null, courseId: course.id, createdBy: by.id });
}

/** Edits a session; more seats move people up from the waiting list. */
export async function updateSession(deps: Deps, actor: Actor, slug: string, sessionId: number, input: unknown): Promise<CourseSession> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  const updated = await deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError('courses.errors.session_not_found');
    const taken = await q.countRegistered(tx, session.id);
    if (data.seats < taken) throw new AppError(409, 'conflict', 'courses.errors.seats_taken', { seats: { key: 'courses.errors.seats_taken_field', params: { count: taken } } });
    const row = await q.updateSession(tx, session.id, { ...data, url: data.url ?? null });
    const promoted = await promoteWaiting(tx, row);
    if (promoted.length) await deps.bus.record(tx, 'session.seat_given', { courseId: course.id, sessionId: row.id, userIds: promoted });
    return row;
  });
  return updated;
}

/** Cancels a session: it leaves the calendar; registrations stay on record. */
export async function cancelSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  if (!(await q.cancelSession(deps.database.db, course.id, sessionId))) throw new NotFoundError();
}

/** Fills free seats from the waiting list, first come first served. */
async function promoteWaiting(tx: DbOrTx, session: CourseSession): Promise<number[]> {
  const free = session.seats - (await q.countRegistered(tx, session.id));
  if (free <= 0) return [];
  const ids = await q.firstWaiting(tx, session.id, free);
  if (ids.length) await q.giveSeats(tx, session.id, ids);
  return ids;
}

/**
 * Registers an enrolled learner for a session: a seat while there are seats, the waiting list
 * after. The session row is locked, so two people never take the last seat together. Idempotent.
 */
export async function registerForSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<{ status: RegistrationStatus; position: number }> {
  if (!actor) throw new UnauthorizedError();
  const access = await accessBySlug(deps, actor, slug);
  if (!access.can.learn) throw new ForbiddenError(access.enrolment?.status === 'pending' ? 'courses.errors.pending' : 'courses.errors.enrol_for_sessions');
  return deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, access.course.id, sessionId, { lock: true });
    if (!session || session.cancelledAt) throw new NotFoundError('courses.errors.session_not_found');
    if (session.startsAt <= new Date()) throw new ConflictError('courses.errors.session_started');
    if (!(await q.findRegistration(tx, session.id, actor.id))) {
      const taken = await q.countRegistered(tx, session.id);
      await q.insertRegistration(tx, session.id, actor.id, taken < session.seats ? 'registered' : 'waiting');
    }
    return registrationStanding(tx, session.id, actor.id);
  });
}

/** Where someone stands: registered, or their place on the waiting list (1 = next). */
async function registrationStanding(tx: DbOrTx, sessionId: number, userId: number): Promise<{ status: RegistrationStatus; position: number }> {
  const list = await q.sessionAttendees(tx, sessionId);
  const mine = list.find((r) => r.userId === userId);
  if (!mine) throw new NotFoundError();
  if (mine.status === 'registered') return { status: 'registered', position: 0 };
  return { status: 'waiting', position: list.filter((r) => r.status === 'waiting').findIndex((r) => r.userId === userId) + 1 };
}

/** Cancels one's registration; a freed seat goes to the first on the waiting list. */
export async function unregisterFromSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<{ promoted: number[] }> {
  if (!actor) throw new UnauthorizedError();
  const { course } = await accessBySlug(deps, actor, slug);
  const result = await deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError('courses.errors.session_not_found');
    const removed = await q.deleteRegistration(tx, session.id, actor.id);
    if (!removed) throw new NotFoundError('courses.errors.not_registered');
    const promoted = removed.status === 'registered' ? await promoteWaiting(tx, session) : [];
    if (promoted.length) await deps.bus.record(tx, 'session.seat_given', { courseId: course.id, sessionId, userIds: promoted });
    return { promoted };
  });
  return result;
}

/**
 * Records who attended (the registered people ticked; the others did not). Attendance counts
 * toward completion, so each newly present learner's completion is settled in the same transaction.
 */
export async function markAttendance(deps: Deps, actor: Actor, slug: string, sessionId: number, input: unknown): Promise<{ present: number; completed: number[] }> {
  const { course } = await managedCourse(deps, actor, slug);
  const { attended } = parseInput(attendanceSchema, input);
  const result = await deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError('courses.errors.session_not_found');
    if (session.cancelledAt) throw new AppError(409, 'conflict', 'courses.errors.session_cancelled');
    if (session.startsAt > new Date()) throw new AppError(409, 'conflict', 'courses.errors.attendance_future');
    const registered = await q.registeredPeople(tx, session.id);
    const present = new Set(attended);
    const unknown = attended.filter((id) => !registered.some((r) => r.userId === id));
    if (unknown.length) throw new AppError(400, 'validation', 'courses.errors.attendance_unknown', { attended: { key: 'courses.errors.attendance_unknown' } });
    const completed: number[] = [];
    for (const r of registered) {
      const now = present.has(r.userId);
      if (r.attended === now) continue;
      await q.setAttended(tx, session.id, r.userId, now);
      if (!now) continue;
      await recordStatement(tx, courseStatement(deps, course, { id: r.userId, name: r.name }, 'attended', { type: 'meeting', path: `/corsi/${course.slug}/sessioni/${session.id}`, title: session.title }));
      const outcome = await settleCompletion(tx, deps, course, { id: r.userId, name: r.name });
      if (outcome.justCompleted) completed.push(r.userId);
    }
    return { present: present.size, completed };
  });
  return result;
}

/** Sessions as the viewer sees them: their own registration, seats left, the link if registered. */
async function withMine(deps: Deps, actor: Actor, rows: q.SessionRow[]) {
  const mine = actor ? await q.registrationsOf(deps.database.db, actor.id, rows.map((r) => r.id)) : [];
  return rows.map((s) => sessionView(s, mine.find((m) => m.sessionId === s.id)));
}

/** A course's sessions from now on (every one for `all`). */
export async function sessionsForCourse(deps: Deps, actor: Actor, course: Course, opts: { all?: boolean } = {}) {
  return withMine(deps, actor, await q.listSessions(deps.database.db, { courseId: course.id, ...(opts.all ? {} : { from: new Date() }) }));
}

export function sessionView(s: q.SessionRow, mine?: { status: RegistrationStatus; attended: boolean | null }) {
  const now = new Date();
  return {
    ...s,
    free: Math.max(0, s.seats - s.registered),
    full: s.registered >= s.seats,
    past: s.startsAt <= now,
    myStatus: mine?.status ?? null,
    attended: mine?.attended ?? null,
    // Meeting links are for the people registered.
    url: mine?.status === 'registered' ? s.url : null,
  };
}

/** The session page for those who run the course: who is registered, who waits, who attended. */
export async function sessionRoster(deps: Deps, actor: Actor, slug: string, sessionId: number) {
  const access = await managedCourse(deps, actor, slug);
  const session = await q.findSession(deps.database.db, access.course.id, sessionId);
  if (!session) throw new NotFoundError('courses.errors.session_not_found');
  const people = await q.sessionAttendees(deps.database.db, session.id);
  return { ...access, session, registered: people.filter((p) => p.status === 'registered'), waiting: people.filter((p) => p.status === 'waiting') };
}

/** Every session of a course the actor may see, for its calendar file (public: no meeting links). */
export async function courseCalendar(deps: Deps, actor: Actor, slug: string) {
  const { course } = await accessBySlug(deps, actor, slug);
  return { course, sessions: await sessionsForCourse(deps, null, course, { all: true }) };
}

/** Upcoming sessions of published courses: the events calendar. */
export async function calendar(deps: Deps, actor: Actor) {
  return withMine(deps, actor, await q.listSessions(deps.database.db, { publishedOnly: true, from: new Date(), limit: 200 }));
}
