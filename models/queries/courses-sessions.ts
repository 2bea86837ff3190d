// Queries on a course's sessions (in person and live online) and the registrations for them.
import { and, asc, eq, getTableColumns, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { courses, courseSessions, sessionRegistrations, users, type CourseSession } from '../schema.ts';

export type SessionRow = CourseSession & {
  registered: number;
  waiting: number;
  courseSlug: string;
  courseTitle: string;
};

const sessionCounts = {
  registered: sql<number>`(SELECT count(*)::int FROM session_registrations r WHERE r.session_id = ${sql.raw('"course_sessions"."id"')} AND r.status = 'registered')`,
  waiting: sql<number>`(SELECT count(*)::int FROM session_registrations r WHERE r.session_id = ${sql.raw('"course_sessions"."id"')} AND r.status = 'waiting')`,
};

export type SessionFilter = { courseId?: number; from?: Date; publishedOnly?: boolean; limit?: number };

/** Sessions not cancelled, in time order: a course's (from a date), or the calendar's (published courses). */
export async function listSessions(db: DbOrTx, f: SessionFilter): Promise<SessionRow[]> {
  return db
    .select({
      ...getTableColumns(courseSessions),
      ...sessionCounts,
      courseSlug: courses.slug,
      courseTitle: courses.title,
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(
        f.courseId === undefined ? undefined : eq(courseSessions.courseId, f.courseId),
        f.publishedOnly ? eq(courses.status, 'published') : undefined,
        f.from ? gte(courseSessions.endsAt, f.from) : undefined,
        isNull(courseSessions.cancelledAt),
      ),
    )
    .orderBy(asc(courseSessions.startsAt))
    .limit(f.limit ?? 500);
}

export async function findSession(
  db: DbOrTx,
  courseId: number,
  sessionId: number,
  opts: { lock?: boolean } = {},
): Promise<CourseSession | undefined> {
  const query = db
    .select()
    .from(courseSessions)
    .where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, courseId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

export async function registrationsOf(db: DbOrTx, userId: number, sessionIds: number[]) {
  if (!sessionIds.length) return [];
  return db
    .select()
    .from(sessionRegistrations)
    .where(and(eq(sessionRegistrations.userId, userId), inArray(sessionRegistrations.sessionId, sessionIds)));
}

/** Who registered for a session, registered first and then the waiting list, each in order of arrival. */
export async function sessionAttendees(db: DbOrTx, sessionId: number) {
  return db
    .select({
      userId: sessionRegistrations.userId,
      name: users.name,
      status: sessionRegistrations.status,
      registeredAt: sessionRegistrations.registeredAt,
      attended: sessionRegistrations.attended,
    })
    .from(sessionRegistrations)
    .innerJoin(users, eq(users.id, sessionRegistrations.userId))
    .where(eq(sessionRegistrations.sessionId, sessionId))
    .orderBy(
      asc(sessionRegistrations.status),
      asc(sessionRegistrations.registeredAt),
      asc(sessionRegistrations.userId),
    );
}

// ---------------------------------------------------------------------------------------------
// Writes, and the reads that decide them (inside the transaction that locked the session).

export async function insertSession(db: DbOrTx, values: typeof courseSessions.$inferInsert): Promise<CourseSession> {
  const [row] = await db.insert(courseSessions).values(values).returning();
  return row!;
}

export async function updateSession(
  db: DbOrTx,
  id: number,
  values: Partial<typeof courseSessions.$inferInsert>,
): Promise<CourseSession> {
  const [row] = await db.update(courseSessions).set(values).where(eq(courseSessions.id, id)).returning();
  return row!;
}

/** Takes a session off the calendar; false when the course has no such session. */
export async function cancelSession(db: DbOrTx, courseId: number, sessionId: number): Promise<boolean> {
  const rows = await db
    .update(courseSessions)
    .set({ cancelledAt: new Date() })
    .where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, courseId)))
    .returning();
  return rows.length > 0;
}

const registrationsIn = (sessionId: number, status: 'registered' | 'waiting') =>
  and(eq(sessionRegistrations.sessionId, sessionId), eq(sessionRegistrations.status, status));

/** Seats taken: the people registered (not waiting). */
export async function countRegistered(db: DbOrTx, sessionId: number): Promise<number> {
  const [{ taken } = { taken: 0 }] = await db
    .select({ taken: sql<number>`count(*)::int` })
    .from(sessionRegistrations)
    .where(registrationsIn(sessionId, 'registered'));
  return taken;
}

/** The people registered, with their names and whether they attended. */
export async function registeredPeople(db: DbOrTx, sessionId: number) {
  return db
    .select({ userId: sessionRegistrations.userId, attended: sessionRegistrations.attended, name: users.name })
    .from(sessionRegistrations)
    .innerJoin(users, eq(users.id, sessionRegistrations.userId))
    .where(registrationsIn(sessionId, 'registered'));
}

/** The first `limit` people on the waiting list, first come first served. */
export async function firstWaiting(db: DbOrTx, sessionId: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ userId: sessionRegistrations.userId })
    .from(sessionRegistrations)
    .where(registrationsIn(sessionId, 'waiting'))
    .orderBy(asc(sessionRegistrations.registeredAt), asc(sessionRegistrations.userId))
    .limit(limit);
  return rows.map((r) => r.userId);
}

export async function giveSeats(db: DbOrTx, sessionId: number, userIds: number[]): Promise<void> {
  await db
    .update(sessionRegistrations)
    .set({ status: 'registered' })
    .where(and(eq(sessionRegistrations.sessionId, sessionId), inArray(sessionRegistrations.userId, userIds)));
}

export async function findRegistration(db: DbOrTx, sessionId: number, userId: number) {
  const [row] = await db
    .select()
    .from(sessionRegistrations)
    .where(and(eq(sessionRegistrations.sessionId, sessionId), eq(sessionRegistrations.userId, userId)));
  return row;
}

export async function insertRegistration(
  db: DbOrTx,
  sessionId: number,
  userId: number,
  status: 'registered' | 'waiting',
): Promise<void> {
  await db.insert(sessionRegistrations).values({ sessionId, userId, status });
}

/** Removes someone's registration and gives it back (undefined when there was none). */
export async function deleteRegistration(db: DbOrTx, sessionId: number, userId: number) {
  const [row] = await db
    .delete(sessionRegistrations)
    .where(and(eq(sessionRegistrations.sessionId, sessionId), eq(sessionRegistrations.userId, userId)))
    .returning();
  return row;
}

export async function setAttended(db: DbOrTx, sessionId: number, userId: number, attended: boolean): Promise<void> {
  await db
    .update(sessionRegistrations)
    .set({ attended })
    .where(and(eq(sessionRegistrations.sessionId, sessionId), eq(sessionRegistrations.userId, userId)));
}
