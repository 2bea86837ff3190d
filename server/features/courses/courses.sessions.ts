// Blended learning: in-person and live-online sessions of a course, registration with a waiting
// list, attendance (which counts toward completion), the events calendar and its iCal export.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import * as q from '../../../models/queries/courses.ts';
import { courseSessions, sessionRegistrations, users, type Course, type CourseSession } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ForbiddenError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { settleCompletion } from './courses.learning.ts';
import { accessBySlug, managedCourse, statement } from './courses.service.ts';
import { attendanceSchema, sessionSchema } from './courses.schema.ts';
import { recordStatement } from './courses.xapi.ts';

export type RegistrationStatus = 'registered' | 'waiting';

/** Creates a session of a course. Those who run it. */
export async function createSession(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<CourseSession> {
  const { course, actor: by } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  const [row] = await deps.database.db
    .insert(courseSessions)
    .values({ ...data, url: data.url ?? null, courseId: course.id, createdBy: by.id })
    .returning();
  return row!;
}

/** Edits a session; more seats move people up from the waiting list. */
export async function updateSession(deps: Deps, actor: Actor, slug: string, sessionId: number, input: unknown): Promise<CourseSession> {
  const { course } = await managedCourse(deps, actor, slug);
  const data = parseInput(sessionSchema, input);
  const updated = await deps.database.db.transaction(async (tx) => {
    const session = await q.findSession(tx, course.id, sessionId, { lock: true });
    if (!session) throw new NotFoundError('courses.errors.session_not_found');
    const [{ taken } = { taken: 0 }] = await tx
      .select({ taken: sql<number>`count(*)::int` })
      .from(sessionRegistrations)
      .where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.status, 'registered')));
    if (data.seats < taken) throw new AppError(409, 'conflict', 'courses.errors.seats_taken', { seats: { key: 'courses.errors.seats_taken_field', params: { count: taken } } });
    const [row] = await tx.update(courseSessions).set({ ...data, url: data.url ?? null }).where(eq(courseSessions.id, session.id)).returning();
    const promoted = await promoteWaiting(tx, row!);
    if (promoted.length) await deps.bus.record(tx, 'session.seat_given', { courseId: course.id, sessionId: row!.id, userIds: promoted });
    return row!;
  });
  return updated;
}

/** Cancels a session: it leaves the calendar; registrations stay on record. */
export async function cancelSession(deps: Deps, actor: Actor, slug: string, sessionId: number): Promise<void> {
  const { course } = await managedCourse(deps, actor, slug);
  const rows = await deps.database.db
    .update(courseSessions)
    .set({ cancelledAt: new Date() })
    .where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, course.id)))
    .returning();
  if (!rows.length) throw new NotFoundError();
}

type Db = Parameters<typeof q.findSession>[0];

/** Fills free seats from the waiting list, first come first served. */
async function promoteWaiting(tx: Db, session: CourseSession): Promise<number[]> {
  const registered = await tx.select({ userId: sessionRegistrations.userId }).from(sessionRegistrations).where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.status, 'registered')));
  const free = session.seats - registered.length;
  if (free <= 0) return [];
  const waiting = await tx
    .select({ userId: sessionRegistrations.userId })
    .from(sessionRegistrations)
    .where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.status, 'waiting')))
    .orderBy(asc(sessionRegistrations.registeredAt), asc(sessionRegistrations.userId))
    .limit(free);
  const ids = waiting.map((w) => w.userId);
  if (ids.length) {
    await tx.update(sessionRegistrations).set({ status: 'registered' }).where(and(eq(sessionRegistrations.sessionId, session.id), inArray(sessionRegistrations.userId, ids)));
  }
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
    const [mine] = await tx.select().from(sessionRegistrations).where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.userId, actor.id)));
    if (!mine) {
      const [{ taken } = { taken: 0 }] = await tx
        .select({ taken: sql<number>`count(*)::int` })
        .from(sessionRegistrations)
        .where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.status, 'registered')));
      await tx.insert(sessionRegistrations).values({ sessionId: session.id, userId: actor.id, status: taken < session.seats ? 'registered' : 'waiting' });
    }
    return registrationStanding(tx, session.id, actor.id);
  });
}

/** Where someone stands: registered, or their place on the waiting list (1 = next). */
async function registrationStanding(tx: Db, sessionId: number, userId: number): Promise<{ status: RegistrationStatus; position: number }> {
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
    const removed = await tx.delete(sessionRegistrations).where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.userId, actor.id))).returning();
    if (!removed.length) throw new NotFoundError('courses.errors.not_registered');
    const promoted = removed[0]!.status === 'registered' ? await promoteWaiting(tx, session) : [];
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
    const registered = await tx
      .select({ userId: sessionRegistrations.userId, attended: sessionRegistrations.attended, name: users.name })
      .from(sessionRegistrations)
      .innerJoin(users, eq(users.id, sessionRegistrations.userId))
      .where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.status, 'registered')));
    const present = new Set(attended);
    const unknown = attended.filter((id) => !registered.some((r) => r.userId === id));
    if (unknown.length) throw new AppError(400, 'validation', 'courses.errors.attendance_unknown', { attended: { key: 'courses.errors.attendance_unknown' } });
    const completed: number[] = [];
    for (const r of registered) {
      const now = present.has(r.userId);
      if (r.attended === now) continue;
      await tx.update(sessionRegistrations).set({ attended: now }).where(and(eq(sessionRegistrations.sessionId, session.id), eq(sessionRegistrations.userId, r.userId)));
      if (!now) continue;
      await recordStatement(tx, statement(deps, course, { id: r.userId, name: r.name }, 'attended', { type: 'meeting', path: `/corsi/${course.slug}/sessioni/${session.id}`, title: session.title }));
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

/** Upcoming sessions of published courses: the events calendar. */
export async function calendar(deps: Deps, actor: Actor) {
  return withMine(deps, actor, await q.listSessions(deps.database.db, { publishedOnly: true, from: new Date(), limit: 200 }));
}

/** Sessions as an iCalendar feed (public: no meeting links, which are for registered people). */
export function icalendar(name: string, baseUrl: string, sessions: q.SessionRow[], online: string): string {
  const base = baseUrl.replace(/\/$/, '');
  // ical-generator escapes the events' text but not the calendar's name: a line break there would start new properties.
  const cal = icalGenerator({ name: name.replace(/[\p{Cc}]+/gu, ' '), prodId: { company: 'Rete SPI', product: 'rete-spi', language: 'IT' }, method: ICalCalendarMethod.PUBLISH });
  for (const s of sessions) {
    const url = `${base}/corsi/${s.courseSlug}#sessione-${s.id}`;
    cal.createEvent({
      id: `sessione-${s.id}@${new URL(base).hostname}`,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${s.title} – ${s.courseTitle}`,
      description: [s.description, url].filter(Boolean).join('\n\n'),
      location: s.mode === 'online' ? online : s.place,
      url,
    });
  }
  return cal.toString();
}
