// Queries on registrations for calendar events of every kind (course sessions included): seats,
// the waiting list in order of arrival, attendance. The writes run inside the transaction that
// locked the event's row (lockEvent), so the counts they decide on cannot change underneath.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  calendarEvents,
  eventRegistrations,
  organizations,
  users,
  type CalendarEvent,
  type RegistrationStatus,
} from '../schema.ts';

/** Registered and waiting counts of the outer query's calendar_events row, as columns. */
export const registrationCounts = {
  registered: sql<number>`(SELECT count(*)::int FROM event_registrations r WHERE r.event_id = ${sql.raw('"calendar_events"."id"')} AND r.status = 'registered')`,
  waiting: sql<number>`(SELECT count(*)::int FROM event_registrations r WHERE r.event_id = ${sql.raw('"calendar_events"."id"')} AND r.status = 'waiting')`,
};

/** The event's row, locked until the transaction ends: registrations for it wait their turn. */
export async function lockEvent(db: DbOrTx, eventId: number): Promise<CalendarEvent | undefined> {
  const [row] = await db.select().from(calendarEvents).where(eq(calendarEvents.id, eventId)).for('update');
  return row;
}

const inStatus = (eventId: number, status: RegistrationStatus) =>
  and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, status));

/** Seats taken: the people registered (not waiting). */
export async function countRegistered(db: DbOrTx, eventId: number): Promise<number> {
  const [{ taken } = { taken: 0 }] = await db
    .select({ taken: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(inStatus(eventId, 'registered'));
  return taken;
}

/** The first `limit` people on the waiting list, first come first served. */
export async function firstWaiting(db: DbOrTx, eventId: number, limit?: number): Promise<number[]> {
  const query = db
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(inStatus(eventId, 'waiting'))
    .orderBy(asc(eventRegistrations.registeredAt), asc(eventRegistrations.userId));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((r) => r.userId);
}

export async function giveSeats(db: DbOrTx, eventId: number, userIds: number[]): Promise<void> {
  await db
    .update(eventRegistrations)
    .set({ status: 'registered' })
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.userId, userIds)));
}

export async function findRegistration(db: DbOrTx, eventId: number, userId: number) {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row;
}

export async function insertRegistration(
  db: DbOrTx,
  eventId: number,
  userId: number,
  status: RegistrationStatus,
): Promise<void> {
  await db.insert(eventRegistrations).values({ eventId, userId, status });
}

/** Removes someone's registration and gives it back (undefined when there was none). */
export async function deleteRegistration(db: DbOrTx, eventId: number, userId: number) {
  const [row] = await db
    .delete(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)))
    .returning();
  return row;
}

/** Who registered, registered first and then the waiting list, each in order of arrival. */
export async function attendees(db: DbOrTx, eventId: number) {
  return db
    .select({
      userId: eventRegistrations.userId,
      name: users.name,
      email: users.email,
      organization: organizations.name,
      status: eventRegistrations.status,
      registeredAt: eventRegistrations.registeredAt,
      attended: eventRegistrations.attended,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.status), asc(eventRegistrations.registeredAt), asc(eventRegistrations.userId));
}

/** The people registered (holding a seat), with their names and whether they attended. */
export async function registeredPeople(db: DbOrTx, eventId: number) {
  return db
    .select({ userId: eventRegistrations.userId, attended: eventRegistrations.attended, name: users.name })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(inStatus(eventId, 'registered'));
}

export async function setAttended(db: DbOrTx, eventId: number, userId: number, attended: boolean): Promise<void> {
  await db
    .update(eventRegistrations)
    .set({ attended })
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
}

/** A person's registrations among some events. */
export async function registrationsOf(db: DbOrTx, userId: number, eventIds: number[]) {
  if (!eventIds.length) return [];
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.userId, userId), inArray(eventRegistrations.eventId, eventIds)));
}

/** Everyone registered for an event, with a seat or on the waiting list (the people told of changes). */
export async function registrantIds(db: DbOrTx, eventId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.userId));
  return rows.map((r) => r.userId);
}
