// The one registration mechanism of the calendar, shared by events of every kind and by course
// sessions (which are calendar events of kind course_session): a seat while there are seats, the
// waiting list after, the first waiting person moved up when a seat frees, attendance. Each function
// runs inside the caller's transaction, after the caller locked the event's row (lockEvent), so two
// people never take the last seat together. The caller brings its own words for refusals (a course
// speaks of sessions, the calendar of events) and its own gate (enrolment, group readership).
import type { DbOrTx } from '../../../models/db.ts';
import * as q from '../../../models/queries/calendar-registrations.ts';
import type { CalendarEvent, RegistrationStatus } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { AppError, ConflictError, NotFoundError } from '../../core/errors.ts';

export type { RegistrationStatus };

/** The i18n keys a caller refuses with. */
export type RegistrationWords = {
  notFound: string;
  started: string;
  /** Refuses cancelling a registration once the event began (attendance and seats are settled then). */
  cancelStarted: string;
  notRegistered: string;
  seatsTaken: string;
  seatsTakenField: string;
};

/** Where someone stands: registered (position 0), or their place on the waiting list (1 = next). */
export type Standing = { status: RegistrationStatus; position: number };

/** Locks the event's row until the transaction ends; refused when there is none or it was cancelled. */
export async function lockOpenEvent(tx: DbOrTx, eventId: number, words: RegistrationWords): Promise<CalendarEvent> {
  const event = await q.lockEvent(tx, eventId);
  if (!event || event.cancelledAt) throw new NotFoundError(words.notFound);
  return event;
}

const hasFreeSeat = (event: CalendarEvent, taken: number) => event.seats === null || taken < event.seats;

/**
 * Registers a person for the locked event: a seat while there are seats, the waiting list after.
 * A second registration returns the first one unchanged (`created` false); none after the start.
 */
export async function register(
  tx: DbOrTx,
  event: CalendarEvent,
  userId: number,
  words: RegistrationWords,
  now = new Date(),
): Promise<Standing & { created: boolean }> {
  const existing = await q.findRegistration(tx, event.id, userId);
  if (existing) return { ...(await standing(tx, event.id, userId)), created: false };
  if (event.startsAt <= now) throw new ConflictError(words.started);
  const taken = await q.countRegistered(tx, event.id);
  await q.insertRegistration(tx, event.id, userId, hasFreeSeat(event, taken) ? 'registered' : 'waiting');
  return { ...(await standing(tx, event.id, userId)), created: true };
}

/** Where a person stands for an event (404 when they are not registered). */
export async function standing(tx: DbOrTx, eventId: number, userId: number): Promise<Standing> {
  const mine = await q.findRegistration(tx, eventId, userId);
  if (!mine) throw new NotFoundError();
  if (mine.status === 'registered') return { status: 'registered', position: 0 };
  const queue = await q.firstWaiting(tx, eventId);
  return { status: 'waiting', position: queue.indexOf(userId) + 1 };
}

/**
 * Fills the locked event's free seats from the waiting list, first come first served, and records
 * who moved up (they are told after the commit). Nobody moves up once the event began: a seat at
 * something already under way (or over) is no seat, and would count as a registration never used.
 */
export async function promoteWaiting(
  deps: Deps,
  tx: DbOrTx,
  event: CalendarEvent,
  now = new Date(),
): Promise<number[]> {
  if (event.startsAt <= now) return [];
  const taken = await q.countRegistered(tx, event.id);
  const free = event.seats === null ? undefined : event.seats - taken;
  if (free !== undefined && free <= 0) return [];
  const ids = await q.firstWaiting(tx, event.id, free);
  if (!ids.length) return [];
  await q.giveSeats(tx, event.id, ids);
  await deps.bus.record(tx, 'event.registration.promoted', { eventId: event.id, userIds: ids });
  return ids;
}

/**
 * Cancels a person's registration; a freed seat goes to the first on the waiting list. Refused once
 * the event began: the registration is then the record of who came (attendance hangs on it).
 */
export async function cancel(
  deps: Deps,
  tx: DbOrTx,
  event: CalendarEvent,
  userId: number,
  words: RegistrationWords,
  now = new Date(),
): Promise<{ promoted: number[] }> {
  if (!(await q.findRegistration(tx, event.id, userId))) throw new NotFoundError(words.notRegistered);
  if (event.startsAt <= now) throw new ConflictError(words.cancelStarted);
  const removed = await q.deleteRegistration(tx, event.id, userId);
  if (!removed) throw new NotFoundError(words.notRegistered);
  return { promoted: removed.status === 'registered' ? await promoteWaiting(deps, tx, event) : [] };
}

/** New seats for the locked event: never fewer than the people already holding one (null: no limit). */
export async function assertSeatsFit(
  tx: DbOrTx,
  eventId: number,
  seats: number | null,
  words: RegistrationWords,
): Promise<void> {
  if (seats === null) return;
  const taken = await q.countRegistered(tx, eventId);
  if (seats < taken) {
    throw new AppError(409, 'conflict', words.seatsTaken, {
      seats: { key: words.seatsTakenField, params: { count: taken } },
    });
  }
}

/**
 * Records who attended among the registered people (those ticked; the others did not). Returns the
 * people newly marked present, for callers that do more with attendance (a course's completion).
 * An id that is not a registered person is refused (400) and nothing changes.
 */
export async function recordAttendance(
  tx: DbOrTx,
  eventId: number,
  attended: number[],
  unknownKey: string,
): Promise<{ newlyPresent: { userId: number; name: string }[] }> {
  const registered = await q.registeredPeople(tx, eventId);
  if (attended.some((id) => !registered.some((r) => r.userId === id))) {
    throw new AppError(400, 'validation', unknownKey, { attended: { key: unknownKey } });
  }
  const present = new Set(attended);
  const newlyPresent: { userId: number; name: string }[] = [];
  for (const r of registered) {
    const now = present.has(r.userId);
    if (r.attended === now) continue;
    await q.setAttended(tx, eventId, r.userId, now);
    if (now) newlyPresent.push({ userId: r.userId, name: r.name });
  }
  return { newlyPresent };
}
