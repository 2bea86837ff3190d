// Queries on the events calendar: events of every kind (course sessions of published courses
// included) as a viewer may see them, the calendar's writes, and the day-before reminders' claim.
// Visibility is one condition (eventVisibleTo): an event tied to a group is read by the group's
// readers only (visibility.ts), a course session by everyone once its course is published.
import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db.ts';
import {
  calendarEvents,
  calendarFeedKeys,
  courses,
  eventRegistrations,
  groups,
  users,
  type CalendarEvent,
  type CalendarEventKind,
  type EventRegistration,
} from '../schema.ts';
import { registrationCounts } from './calendar-registrations.ts';
import { groupAllowed, type GroupViewer } from './visibility.ts';

const organiser = alias(users, 'organiser');

/** The events a viewer may see: not cancelled, their course published, their group readable. */
export function eventVisibleTo(viewer: GroupViewer): SQL {
  return and(
    isNull(calendarEvents.cancelledAt),
    or(isNull(calendarEvents.courseId), eq(courses.status, 'published')),
    or(isNull(calendarEvents.groupId), groupAllowed('read', calendarEvents.groupId, viewer)),
  )!;
}

const eventColumns = {
  ...getTableColumns(calendarEvents),
  ...registrationCounts,
  courseSlug: courses.slug,
  courseTitle: courses.title,
  groupSlug: groups.slug,
  groupName: groups.name,
  groupVisibility: groups.visibility,
  organiserName: organiser.name,
};

export type EventRow = CalendarEvent & {
  registered: number;
  waiting: number;
  courseSlug: string | null;
  courseTitle: string | null;
  groupSlug: string | null;
  groupName: string | null;
  groupVisibility: string | null;
  organiserName: string | null;
};

function selectEvents(db: DbOrTx) {
  return db
    .select(eventColumns)
    .from(calendarEvents)
    .leftJoin(courses, eq(courses.id, calendarEvents.courseId))
    .leftJoin(groups, eq(groups.id, calendarEvents.groupId))
    .leftJoin(organiser, eq(organiser.id, calendarEvents.createdBy));
}

export type EventFilter = {
  /** Events still running at or after this instant. */
  from?: Date;
  /** Events starting before this instant. */
  before?: Date;
  kinds?: CalendarEventKind[];
  /** Only events this person registered for (a seat or the waiting list). */
  registeredUserId?: number;
  /** Only the meetings of this twinning. */
  twinningId?: number;
  limit?: number;
  /** Newest first (the past) instead of soonest first. */
  descending?: boolean;
};

/** The events a viewer may see, in time order, filtered; with the viewer's registration (`mine`) read in the same row. */
export async function listEvents(
  db: DbOrTx,
  viewer: GroupViewer,
  f: EventFilter = {},
): Promise<(EventRow & { mine: EventRegistration['status'] | null })[]> {
  const mine = viewer
    ? sql<EventRegistration['status'] | null>`(SELECT r.status FROM event_registrations r
        WHERE r.event_id = ${calendarEvents.id} AND r.user_id = ${viewer.id})`
    : sql<null>`NULL::text`;
  return db
    .select({ ...eventColumns, mine })
    .from(calendarEvents)
    .leftJoin(courses, eq(courses.id, calendarEvents.courseId))
    .leftJoin(groups, eq(groups.id, calendarEvents.groupId))
    .leftJoin(organiser, eq(organiser.id, calendarEvents.createdBy))
    .where(
      and(
        eventVisibleTo(viewer),
        f.from ? gte(calendarEvents.endsAt, f.from) : undefined,
        f.before ? lt(calendarEvents.startsAt, f.before) : undefined,
        f.kinds?.length ? inArray(calendarEvents.kind, f.kinds) : undefined,
        f.registeredUserId === undefined
          ? undefined
          : sql`EXISTS (SELECT 1 FROM event_registrations mr WHERE mr.event_id = ${calendarEvents.id} AND mr.user_id = ${f.registeredUserId})`,
        f.twinningId === undefined ? undefined : eq(calendarEvents.twinningId, f.twinningId),
      ),
    )
    .orderBy(f.descending ? desc(calendarEvents.startsAt) : asc(calendarEvents.startsAt), asc(calendarEvents.id))
    .limit(f.limit ?? 500);
}

/** One event if the viewer may see it. */
export async function findVisibleEvent(db: DbOrTx, viewer: GroupViewer, id: number): Promise<EventRow | undefined> {
  const [row] = await selectEvents(db).where(and(eq(calendarEvents.id, id), eventVisibleTo(viewer)));
  return row;
}

export type NewEvent = Omit<typeof calendarEvents.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'remindedAt'>;

export async function insertEvent(db: DbOrTx, values: NewEvent): Promise<CalendarEvent> {
  const [row] = await db.insert(calendarEvents).values(values).returning();
  return row!;
}

export async function updateEvent(
  db: DbOrTx,
  id: number,
  values: Partial<NewEvent> & { remindedAt?: Date | null },
): Promise<CalendarEvent> {
  const [row] = await db
    .update(calendarEvents)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(calendarEvents.id, id))
    .returning();
  return row!;
}

/**
 * Keeps the HTML rendered from an event's description, unless the description changed meanwhile
 * (then whoever changed it wrote its own HTML) or someone stored it first.
 */
export async function storeDescriptionHtml(db: DbOrTx, id: number, description: string, html: string): Promise<void> {
  await db
    .update(calendarEvents)
    .set({ descriptionHtml: html })
    .where(
      and(
        eq(calendarEvents.id, id),
        eq(calendarEvents.description, description),
        eq(calendarEvents.descriptionHtml, ''),
      ),
    );
}

/**
 * Claims the reminders of the events starting in [from, before): marks them reminded and returns
 * them with their registered people. Run inside the transaction that records the reminders, it is
 * the once-only claim across processes: a second process's UPDATE waits on the first's row locks,
 * then finds reminded_at set and claims nothing.
 */
export async function claimReminders(
  db: DbOrTx,
  from: Date,
  before: Date,
): Promise<{ eventId: number; userIds: number[] }[]> {
  const claimed = await db
    .update(calendarEvents)
    .set({ remindedAt: new Date() })
    .where(
      and(
        gte(calendarEvents.startsAt, from),
        lt(calendarEvents.startsAt, before),
        isNull(calendarEvents.remindedAt),
        isNull(calendarEvents.cancelledAt),
      ),
    )
    .returning({ id: calendarEvents.id });
  if (!claimed.length) return [];
  const people = await db
    .select({ eventId: eventRegistrations.eventId, userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(
      and(
        inArray(
          eventRegistrations.eventId,
          claimed.map((c) => c.id),
        ),
        eq(eventRegistrations.status, 'registered'),
      ),
    );
  return claimed.map((c) => ({
    eventId: c.id,
    userIds: people.filter((p) => p.eventId === c.id).map((p) => p.userId),
  }));
}

/** An event with what a notification says of it (no visibility: the notifier checks the group). */
export async function eventForNotice(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: calendarEvents.id,
      kind: calendarEvents.kind,
      title: calendarEvents.title,
      startsAt: calendarEvents.startsAt,
      groupId: calendarEvents.groupId,
      courseId: calendarEvents.courseId,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      cancelledAt: calendarEvents.cancelledAt,
    })
    .from(calendarEvents)
    .leftJoin(courses, eq(courses.id, calendarEvents.courseId))
    .where(eq(calendarEvents.id, id));
  return row;
}

/** A group by slug if the viewer may read it (an event can be tied only to such a group). */
export async function readableGroupBySlug(db: DbOrTx, viewer: GroupViewer, slug: string) {
  const [row] = await db
    .select({ id: groups.id, slug: groups.slug, name: groups.name, visibility: groups.visibility })
    .from(groups)
    .where(and(eq(groups.slug, slug), groupAllowed('read', groups.id, viewer)));
  return row;
}

/** A published course by slug (an event may point to it). */
export async function publishedCourseBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: courses.id, slug: courses.slug, title: courses.title })
    .from(courses)
    .where(and(eq(courses.slug, slug), eq(courses.status, 'published')));
  return row;
}

/** The generation of a person's private calendar address (0 until they first ask for a new one). */
export async function calendarKeyGeneration(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ generation: calendarFeedKeys.generation })
    .from(calendarFeedKeys)
    .where(eq(calendarFeedKeys.userId, userId));
  return row?.generation ?? 0;
}

/** Moves a person's calendar address on to its next generation, which it returns. */
export async function nextCalendarKeyGeneration(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .insert(calendarFeedKeys)
    .values({ userId, generation: 1 })
    .onConflictDoUpdate({
      target: calendarFeedKeys.userId,
      set: { generation: sql`${calendarFeedKeys.generation} + 1`, updatedAt: new Date() },
    })
    .returning({ generation: calendarFeedKeys.generation });
  return row!.generation;
}

/** An event's title and group as they are now (for readers that must not trust an older message). */
export async function findEventState(
  db: DbOrTx,
  id: number,
): Promise<{ title: string; groupId: number | null } | undefined> {
  const [row] = await db
    .select({ title: calendarEvents.title, groupId: calendarEvents.groupId })
    .from(calendarEvents)
    .where(eq(calendarEvents.id, id));
  return row;
}
