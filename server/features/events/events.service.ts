// The events calendar's use cases: events of every kind on one calendar (course sessions come from
// their courses), creating and editing events, registration through the calendar's one mechanism
// (events.registration.service.ts), the organiser's participants and attendance, and the lists the
// pages, the API, the home page and the feeds show. Visibility is the query layer's one rule.
import * as q from '../../../models/queries/calendar.ts';
import { attendees, registrantIds } from '../../../models/queries/calendar-registrations.ts';
import type { DbOrTx } from '../../../models/db.ts';
import type { GroupViewer } from '../../../models/queries/visibility.ts';
import { findUserById } from '../../../models/queries/users.ts';
import type { CalendarEvent, EventRegistration } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import type { EventNoticePayload } from '../../core/events.ts';
import { AppError, ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { fromItalianWallTime, italianDay, italianInputValue } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { assertCan } from '../accounts/accounts.policy.ts';
import { canCreateEvent, canManageEvent, canRegister } from './events.policy.ts';
import * as registration from './events.registration.service.ts';
import {
  calendarQuerySchema,
  eventAttendanceSchema,
  eventListSchema,
  eventSchema,
  type EventInput,
} from './events.schema.ts';
import { calendarTokenUser, signCalendarToken, verifyCalendarToken } from './events.token.ts';

export type { EventRow } from '../../../models/queries/calendar.ts';

const WORDS: registration.RegistrationWords = {
  notFound: 'events.errors.not_found',
  started: 'events.errors.started',
  cancelStarted: 'events.errors.cancel_started',
  notRegistered: 'events.errors.not_registered',
  seatsTaken: 'events.errors.seats_taken',
  seatsTakenField: 'events.errors.seats_taken_field',
};

export const viewerOf = (actor: Actor): GroupViewer => (actor ? { id: actor.id, role: actor.role } : null);
const eventUrl = (id: number) => `/eventi/${id}`;

/** An event the actor may see (a 404 otherwise, as if it did not exist). */
export async function findEvent(deps: Deps, actor: Actor, id: number): Promise<q.EventRow> {
  const event = await q.findVisibleEvent(deps.database.db, viewerOf(actor), id);
  if (!event) throw new NotFoundError(WORDS.notFound);
  return event;
}

/** Each event with the actor's own registration (null when they have none). */
/** The rows as `{ event, mine }`: the actor's registration was read with each row (q.listEvents). */
function withMine<T extends q.EventRow & { mine: EventRegistration['status'] | null }>(rows: T[]) {
  return rows.map(({ mine, ...event }) => ({ event: event as Omit<T, 'mine'>, mine }));
}

/**
 * The events with their description's HTML. It is rendered when an event is written; rows older
 * than migration 0011 (SQL cannot run markdown-it) have none yet: those are rendered here, once,
 * and kept, so no later read renders them again. Only the paths that show the HTML ask for it (an
 * event's page, the API, the RSS); the calendar's pages list events without it.
 */
async function withHtml<T extends q.EventRow>(deps: Deps, rows: T[]): Promise<T[]> {
  const out: T[] = [];
  for (const row of rows) {
    if (row.descriptionHtml || !row.description) {
      out.push(row);
      continue;
    }
    const descriptionHtml = renderMarkdown(row.description);
    await q.storeDescriptionHtml(deps.database.db, row.id, row.description, descriptionHtml);
    out.push({ ...row, descriptionHtml });
  }
  return out;
}

/** One event's page: the event, the actor's standing, what they may do. */
export async function eventDetail(deps: Deps, actor: Actor, id: number) {
  const event = (await withHtml(deps, [await findEvent(deps, actor, id)]))[0]!;
  const standing = actor
    ? await registration.standing(deps.database.db, event.id, actor.id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      })
    : null;
  return {
    event,
    standing,
    can: { manage: canManageEvent(actor, event), register: canRegister(actor, event) || !actor },
  };
}

/** Events the actor may see from `from` (or in [from, before)), of some kinds, with their registration. */
export async function eventsBetween(deps: Deps, actor: Actor, f: q.EventFilter) {
  return withMine(await q.listEvents(deps.database.db, viewerOf(actor), f));
}

/** The API's list: what is coming (or, with past=true, what happened), by kind. */
export async function listEventsForApi(deps: Deps, actor: Actor, input: unknown) {
  const { kind, past } = parseInput(eventListSchema, input);
  const now = new Date();
  const f: q.EventFilter = past === 'true' ? { before: now, descending: true, limit: 200 } : { from: now, limit: 200 };
  const rows = await q.listEvents(deps.database.db, viewerOf(actor), { ...f, kinds: kind });
  return withMine(await withHtml(deps, rows));
}

/** The next few events the actor may see (the home page's block). */
export async function upcomingEvents(deps: Deps, actor: Actor, limit = 4) {
  return eventsBetween(deps, actor, { from: new Date(), limit });
}

/** The group and course an event points to, as the actor may link them. */
async function resolveLinks(deps: Deps, actor: Express.User, data: EventInput) {
  const db = deps.database.db;
  const group = data.group ? await q.readableGroupBySlug(db, viewerOf(actor), data.group) : undefined;
  if (data.group && !group) throw new ValidationError({ group: { key: 'events.errors.group_unknown' } });
  const course = data.course ? await q.publishedCourseBySlug(db, data.course) : undefined;
  if (data.course && !course) throw new ValidationError({ course: { key: 'events.errors.course_unknown' } });
  return { groupId: group?.id ?? null, courseId: course?.id ?? null };
}

/** The stored columns of a checked input: the mode follows from a place and/or an online room. */
function columnsOf(data: EventInput) {
  return {
    kind: data.kind,
    title: data.title,
    description: data.description,
    // Rendered once here, when written: lists, the API and the RSS read it as stored.
    descriptionHtml: data.description ? renderMarkdown(data.description) : '',
    mode:
      data.place && data.onlineUrl ? ('hybrid' as const) : data.onlineUrl ? ('online' as const) : ('presence' as const),
    place: data.place,
    url: data.onlineUrl ?? null,
    streamingUrl: data.streamingUrl ?? null,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    seats: data.seats,
  };
}

const startsInPast = () => new ValidationError({ startsAt: { key: 'validation.starts_in_past' } });

/** Puts an event on the calendar (animators and admins) and announces it in the activity feed. */
export async function createEvent(
  deps: Deps,
  actor: Actor,
  input: unknown,
  /** A twinning's meeting (twinnings.service.ts): the twinning it belongs to. */
  extra: { twinningId?: number } = {},
): Promise<CalendarEvent> {
  assertCan(actor, canCreateEvent(actor));
  const data = parseInput(eventSchema, input);
  if (data.startsAt <= new Date()) throw startsInPast();
  const links = await resolveLinks(deps, actor, data);
  return deps.database.db.transaction(async (tx) => {
    const event = await q.insertEvent(tx, {
      ...columnsOf(data),
      ...links,
      createdBy: actor.id,
      ...(extra.twinningId ? { twinningId: extra.twinningId } : {}),
    });
    await deps.bus.record(tx, 'event.published', {
      actorId: actor.id,
      objectId: event.id,
      title: event.title,
      url: eventUrl(event.id),
      groupId: event.groupId,
    });
    return event;
  });
}

/** The stored event as the API's input: a change is checked together with what it does not touch. */
const asInput = (e: q.EventRow) => ({
  title: e.title,
  kind: e.kind,
  description: e.description,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  place: e.place,
  onlineUrl: e.url ?? undefined,
  streamingUrl: e.streamingUrl ?? undefined,
  seats: e.seats,
  group: e.groupSlug ?? undefined,
  course: e.kind === 'course_session' ? undefined : (e.courseSlug ?? undefined),
});

/** What the people registered are told when an event changes: the event, and all of them (seat or waiting). */
async function noticeOf(tx: DbOrTx, event: CalendarEvent, actorId: number): Promise<EventNoticePayload> {
  const userIds = await registrantIds(tx, event.id);
  return { eventId: event.id, title: event.title, url: eventUrl(event.id), groupId: event.groupId, userIds, actorId };
}

/**
 * Changes an event (its organiser, animators, admins): any fields, checked with the others. Fewer
 * seats than people holding one are refused; more seats move people up from the waiting list. The
 * feed's rows follow the new title and group (event.updated); a new start resets the day-before
 * reminder and is told to everyone registered (event.rescheduled).
 */
export async function updateEvent(deps: Deps, actor: Actor, id: number, input: unknown): Promise<CalendarEvent> {
  const current = await findEvent(deps, actor, id);
  assertCan(actor, canManageEvent(actor, current));
  const patch = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
  const data = parseInput(eventSchema, { ...asInput(current), ...patch });
  if (data.startsAt.getTime() !== current.startsAt.getTime() && data.startsAt <= new Date()) throw startsInPast();
  const links = await resolveLinks(deps, actor, data);
  return deps.database.db.transaction(async (tx) => {
    const locked = await registration.lockOpenEvent(tx, id, WORDS);
    await registration.assertSeatsFit(tx, locked.id, data.seats, WORDS);
    const moved = data.startsAt.getTime() !== locked.startsAt.getTime();
    const row = await q.updateEvent(tx, locked.id, {
      ...columnsOf(data),
      ...links,
      // The reminder was for the old day: the new one gets its own.
      ...(moved ? { remindedAt: null } : {}),
    });
    await registration.promoteWaiting(deps, tx, row);
    await deps.bus.record(tx, 'event.updated', {
      eventId: row.id,
      title: row.title,
      url: eventUrl(row.id),
      groupId: row.groupId,
    });
    if (moved) await deps.bus.record(tx, 'event.rescheduled', await noticeOf(tx, row, actor.id));
    return row;
  });
}

/**
 * Takes an event off the calendar (registrations stay on record). Everyone registered is told, and
 * its announcement leaves the activity feed (event.cancelled).
 */
export async function cancelEvent(deps: Deps, actor: Actor, id: number): Promise<void> {
  const current = await findEvent(deps, actor, id);
  assertCan(actor, canManageEvent(actor, current));
  await deps.database.db.transaction(async (tx) => {
    const locked = await registration.lockOpenEvent(tx, current.id, WORDS);
    const row = await q.updateEvent(tx, locked.id, { cancelledAt: new Date() });
    await deps.bus.record(tx, 'event.cancelled', await noticeOf(tx, row, actor.id));
  });
}

/**
 * Registers the actor: a seat while there are seats, the waiting list after; a second registration
 * returns the first. The event's row is locked for the transaction, so two people never take the
 * last seat together. A new registration is confirmed by notification (and e-mail per settings).
 */
export async function registerForEvent(deps: Deps, actor: Actor, id: number) {
  if (!actor) throw new UnauthorizedError();
  const event = await findEvent(deps, actor, id);
  if (!canRegister(actor, event)) throw new ConflictError('events.errors.course_session');
  return deps.database.db.transaction(async (tx) => {
    const locked = await registration.lockOpenEvent(tx, event.id, WORDS);
    const result = await registration.register(tx, locked, actor.id, WORDS);
    if (result.created) {
      await deps.bus.record(tx, 'event.registered', { eventId: locked.id, userId: actor.id, status: result.status });
    }
    return result;
  });
}

/** Cancels the actor's registration; a freed seat goes to the first on the waiting list, who is told. */
export async function unregisterFromEvent(deps: Deps, actor: Actor, id: number): Promise<{ promoted: number[] }> {
  if (!actor) throw new UnauthorizedError();
  const event = await findEvent(deps, actor, id);
  if (!canRegister(actor, event)) throw new ConflictError('events.errors.course_session');
  return deps.database.db.transaction(async (tx) => {
    const locked = await registration.lockOpenEvent(tx, event.id, WORDS);
    return registration.cancel(deps, tx, locked, actor.id, WORDS);
  });
}

/** The participants page and its CSV: who holds a seat, who waits, who attended (its organisers). */
export async function participants(deps: Deps, actor: Actor, id: number) {
  const event = await findEvent(deps, actor, id);
  assertCan(actor, canManageEvent(actor, event));
  const people = await attendees(deps.database.db, event.id);
  return {
    event,
    registered: people.filter((p) => p.status === 'registered'),
    waiting: people.filter((p) => p.status === 'waiting'),
  };
}

/** Records who attended (the registered people ticked; the others did not), once the event began. */
export async function recordEventAttendance(deps: Deps, actor: Actor, id: number, input: unknown) {
  const event = await findEvent(deps, actor, id);
  assertCan(actor, canManageEvent(actor, event));
  const { attended } = parseInput(eventAttendanceSchema, input);
  if (event.startsAt > new Date()) throw new AppError(409, 'conflict', 'events.errors.attendance_future');
  await deps.database.db.transaction(async (tx) => {
    await registration.lockOpenEvent(tx, event.id, WORDS);
    await registration.recordAttendance(tx, event.id, attended, 'events.errors.attendance_unknown');
  });
  return { present: new Set(attended).size };
}

/** "I miei eventi": what a person registered for, from a month ago on (the personal calendar). */
export async function myEvents(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  return eventsBetween(deps, actor, { registeredUserId: actor.id, from: new Date(Date.now() - 30 * 86_400_000) });
}

/** The public calendar (iCal and RSS): events everyone may see, from a month ago on (RSS: coming only). */
export async function publicEvents(deps: Deps, opts: { upcomingOnly?: boolean } = {}) {
  const from = opts.upcomingOnly ? new Date() : new Date(Date.now() - 30 * 86_400_000);
  return q.listEvents(deps.database.db, null, { from, limit: 500 });
}

/** The RSS: the public events still to come, with their descriptions as sanitized HTML. */
export async function rssEvents(deps: Deps) {
  return withHtml(deps, await publicEvents(deps, { upcomingOnly: true }));
}

/** The private address of the actor's own calendar file (for calendar apps, which send no cookie). */
export async function myCalendarToken(deps: Deps, actor: Actor): Promise<string> {
  if (!actor) throw new UnauthorizedError();
  const generation = await q.calendarKeyGeneration(deps.database.db, actor.id);
  return signCalendarToken(deps.config.sessionSecret, actor.id, generation);
}

/** A new private address for the actor's calendar: the one they had (shared, leaked) stops working. */
export async function resetCalendarToken(deps: Deps, actor: Actor): Promise<string> {
  if (!actor) throw new UnauthorizedError();
  const generation = await q.nextCalendarKeyGeneration(deps.database.db, actor.id);
  return signCalendarToken(deps.config.sessionSecret, actor.id, generation);
}

/** A person's calendar file by its token: what they registered for, as they may see it now. */
export async function eventsForCalendarToken(deps: Deps, token: string) {
  const claimed = calendarTokenUser(token);
  const generation = claimed ? await q.calendarKeyGeneration(deps.database.db, claimed) : 0;
  const userId = claimed ? verifyCalendarToken(deps.config.sessionSecret, token, generation) : null;
  const user = userId ? await findUserById(deps.database.db, userId) : undefined;
  if (!user) throw new NotFoundError();
  return q.listEvents(
    deps.database.db,
    { id: user.id, role: user.role },
    {
      registeredUserId: user.id,
      from: new Date(Date.now() - 30 * 86_400_000),
    },
  );
}

/** The calendar page: a month (Italian calendar) or the list of what is coming, by kind. */
export async function calendarPage(deps: Deps, actor: Actor, input: unknown) {
  const query = parseInput(calendarQuerySchema, input);
  const kinds = query.tipo;
  if (query.vista === 'mese') {
    const month = query.mese ?? italianDay(new Date()).slice(0, 7);
    const [year, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
    const from = fromItalianWallTime({ year, month: m, day: 1, hour: 0, minute: 0, second: 0 })!;
    const before = fromItalianWallTime({ ...next, day: 1, hour: 0, minute: 0, second: 0 })!;
    return { query, month, items: await eventsBetween(deps, actor, { from, before, kinds }) };
  }
  return { query, month: null, items: await eventsBetween(deps, actor, { from: new Date(), kinds, limit: 200 }) };
}

/** The new event form: for those who may create events, with its starting values. */
export function newEventForm(actor: Actor) {
  assertCan(actor, canCreateEvent(actor));
  return { kind: 'regional', seats: '', place: '', description: '' };
}

/** The edit form of an event: for its organisers, with its stored values. */
export async function editEventForm(deps: Deps, actor: Actor, id: number) {
  const event = await findEvent(deps, actor, id);
  assertCan(actor, canManageEvent(actor, event));
  return {
    event,
    values: {
      ...asInput(event),
      startsAt: italianInputValue(event.startsAt),
      endsAt: italianInputValue(event.endsAt),
      seats: event.seats === null ? '' : String(event.seats),
    },
  };
}
