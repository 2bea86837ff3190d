// Queries on a course's sessions (in person and live online): calendar events of kind
// course_session. Registrations for them are the calendar's (calendar-registrations.ts).
import { and, asc, eq, getTableColumns, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { calendarEvents, courses, type CourseSession, type RegistrationStatus } from '../schema.ts';
import { insertEvent, updateEvent } from './calendar.ts';
import { attendees, registrationCounts } from './calendar-registrations.ts';

export type SessionRow = CourseSession & {
  registered: number;
  waiting: number;
  courseSlug: string;
  courseTitle: string;
};

const ofCourse = (courseId: number) =>
  and(eq(calendarEvents.kind, 'course_session'), eq(calendarEvents.courseId, courseId));

export type SessionFilter = { courseId?: number; from?: Date; publishedOnly?: boolean; limit?: number };

/** A viewer's registration to a session, read with it. */
export type MySession = { status: RegistrationStatus; attended: boolean | null } | null;

/**
 * Sessions not cancelled, in time order: a course's (from a date), or every published course's;
 * with the viewer's registration to each (`mine`, null without a viewer) read in the same row.
 */
export async function listSessions(
  db: DbOrTx,
  f: SessionFilter,
  viewerId: number | null = null,
): Promise<(SessionRow & { mine: MySession })[]> {
  return db
    .select({
      ...getTableColumns(calendarEvents),
      ...registrationCounts,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      mine: sql<MySession>`(SELECT json_build_object('status', r.status, 'attended', r.attended)
        FROM event_registrations r WHERE r.event_id = ${calendarEvents.id} AND r.user_id = ${viewerId ?? 0})`,
    })
    .from(calendarEvents)
    .innerJoin(courses, eq(courses.id, calendarEvents.courseId))
    .where(
      and(
        eq(calendarEvents.kind, 'course_session'),
        f.courseId === undefined ? undefined : eq(calendarEvents.courseId, f.courseId),
        f.publishedOnly ? eq(courses.status, 'published') : undefined,
        f.from ? gte(calendarEvents.endsAt, f.from) : undefined,
        isNull(calendarEvents.cancelledAt),
      ),
    )
    .orderBy(asc(calendarEvents.startsAt))
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
    .from(calendarEvents)
    .where(and(eq(calendarEvents.id, sessionId), ofCourse(courseId)));
  const [row] = opts.lock ? await query.for('update') : await query;
  return row;
}

/** Who registered for a session, registered first and then the waiting list, each in order of arrival. */
export const sessionAttendees = attendees;

export type NewSession = Pick<
  typeof calendarEvents.$inferInsert,
  'title' | 'mode' | 'startsAt' | 'endsAt' | 'place' | 'url' | 'seats' | 'description' | 'descriptionHtml' | 'createdBy'
> & { courseId: number };

/** A course session is a calendar event of kind course_session: written by the calendar's queries. */
export const insertSession = (db: DbOrTx, values: NewSession): Promise<CourseSession> =>
  insertEvent(db, { ...values, kind: 'course_session' });

export const updateSession = (
  db: DbOrTx,
  id: number,
  values: Partial<Omit<NewSession, 'courseId' | 'createdBy'>>,
): Promise<CourseSession> => updateEvent(db, id, values);

/** Takes a session off the calendar; false when the course has no such session. */
export async function cancelSession(db: DbOrTx, courseId: number, sessionId: number): Promise<boolean> {
  const rows = await db
    .update(calendarEvents)
    .set({ cancelledAt: new Date() })
    .where(and(eq(calendarEvents.id, sessionId), ofCourse(courseId)))
    .returning();
  return rows.length > 0;
}
