// Blended learning: in-person and live-online sessions of a course, registration with a waiting
// list, attendance (which counts toward completion). A session is a calendar event of kind
// course_session: registration, the waiting list and attendance are the calendar's one mechanism
// (events.registration.service.ts), behind the course's own gate (enrolment) and words.
import * as q from '../../../models/queries/courses-sessions.ts';
import type { Course, CourseSession } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, NotFoundError, UnauthorizedError, ForbiddenError } from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import * as registration from '../events/events.registration.service.ts';
import { accessBySlug, managedCourse } from './courses.access.ts';
import { settleCompletion } from './courses.progress.ts';
import { attendanceSchema, sessionSchema } from './courses.schema.ts';
import { courseStatement, recordStatement } from './courses.xapi.ts';

export type RegistrationStatus = registration.RegistrationStatus;

/** How a course refuses what the calendar's registration mechanism refuses. */
const WORDS: registration.RegistrationWords = {
  notFound: 'courses.errors.session_not_found',
  started: 'courses.errors.session_started',
  cancelStarted: 'courses.errors.session_cancel_started',
  notRegistered: 'courses.errors.not_registered',
  seatsTaken: 'courses.errors.seats_taken',
  seatsTakenField: 'courses.errors.seats_taken_field',
};

/** A session is a calendar event: its description is stored rendered too (the calendar's API shows it). */
const html = (description: string) => ({ descriptionHtml: description ? renderMarkdown(description) : '' });

/** Creates a session of a course. Those who run it. */
export async function createSession(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<CourseSession> {
  const { course, actor: by } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  return q.insertSession(deps.database.db, { ...data, ...html(data.description), url: data.url ?? null, courseId: course.id, createdBy: by.id });
}

/** Edits a session; more seats move people up from the waiting list. */
export async function updateSession(deps: Deps, actor: Actor, slug: string, sessionId: number, input: unknown): Promise<CourseSession> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError(WORDS.notFound);
    await registration.assertSeatsFit(tx, session.id, data.seats, WORDS);
    const row = await q.updateSession(tx, session.id, { ...data, ...html(data.description), url: data.url ?? null });
    await registration.promoteWaiting(deps, tx, row);
    return row;
  });
}

/** Cancels a session: it leaves the calendar; registrations stay on record. */
export async function cancelSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  if (!(await q.cancelSession(deps.database.db, course.id, sessionId))) throw new NotFoundError();
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
    if (!session || session.cancelledAt) throw new NotFoundError(WORDS.notFound);
    const { status, position } = await registration.register(tx, session, actor.id, WORDS);
    return { status, position };
  });
}

/** Cancels one's registration; a freed seat goes to the first on the waiting list. */
export async function unregisterFromSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<{ promoted: number[] }> {
  if (!actor) throw new UnauthorizedError();
  const { course } = await accessBySlug(deps, actor, slug);
  return deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError(WORDS.notFound);
    return registration.cancel(deps, tx, session, actor.id, WORDS);
  });
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
    const { newlyPresent } = await registration.recordAttendance(tx, session.id, attended, 'courses.errors.attendance_unknown');
    const completed: number[] = [];
    for (const person of newlyPresent) {
      const learner = { id: person.userId, name: person.name };
      await recordStatement(tx, courseStatement(deps, course, learner, 'attended', { type: 'meeting', path: `/corsi/${course.slug}/sessioni/${session.id}`, title: session.title }));
      const outcome = await settleCompletion(tx, deps, course, learner);
      if (outcome.justCompleted) completed.push(person.userId);
    }
    return { present: new Set(attended).size, completed };
  });
  return result;
}

/** Sessions as the viewer sees them: their own registration, seats left, the link if registered. */
function withMine(rows: (q.SessionRow & { mine: q.MySession })[]) {
  return rows.map(({ mine, ...s }) => sessionView(s, mine ?? undefined));
}

/** A course's sessions from now on (every one for `all`). */
export async function sessionsForCourse(deps: Deps, actor: Actor, course: Course, opts: { all?: boolean } = {}) {
  // The viewer's registration to each session comes in the same rows.
  return withMine(await q.listSessions(deps.database.db, { courseId: course.id, ...(opts.all ? {} : { from: new Date() }) }, actor?.id ?? null));
}

export function sessionView(s: q.SessionRow, mine?: { status: RegistrationStatus; attended: boolean | null }) {
  const now = new Date();
  return {
    ...s,
    // A course session always has seats (0008_calendar_events.sql checks it).
    free: Math.max(0, (s.seats ?? 0) - s.registered),
    full: s.registered >= (s.seats ?? 0),
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
