// From calendar events' domain events to notifications (and e-mails, per each person's settings):
// the confirmation of a registration, the seat given to the first on the waiting list, the reminder
// the day before, an event cancelled or moved. An event tied to a group tells only people who may read that group; a course
// session's seat keeps the courses' own wording (its subject is the course's discussion space).
import { eventForNotice } from '../../../models/queries/calendar.ts';
import * as q from '../../../models/queries/notifications.ts';
import type { NotificationKind } from '../../../models/queries/notifications.ts';
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { Audience, deliver, notifySessionSeat, type Subject } from './notifications.notify.ts';

/** The subject of a notification about a calendar event: its group (if any) and its page. */
async function eventSubject(deps: Deps, eventId: number) {
  const event = await eventForNotice(deps.database.db, eventId);
  if (!event || event.cancelledAt) return undefined;
  const group = event.groupId ? await q.groupById(deps.database.db, event.groupId) : null;
  if (event.groupId && !group) return undefined;
  const subject: Subject = {
    group: group ?? null,
    actorId: null,
    threadId: null,
    postId: null,
    data: {
      title: event.title,
      url:
        event.kind === 'course_session' && event.courseSlug
          ? `/corsi/${event.courseSlug}#sessione-${event.id}`
          : `/eventi/${event.id}`,
    },
  };
  return { event, subject };
}

async function tell(deps: Deps, domainEventId: number, eventId: number, userIds: number[], kind: NotificationKind) {
  const found = await eventSubject(deps, eventId);
  if (!found) return 0;
  return deliver(deps, new Audience().add(userIds, kind), found.subject, domainEventId);
}

/** A registration: confirmed with a seat, or a place on the waiting list. */
export function notifyEventRegistered(deps: Deps, e: DomainEvent<'event.registered'>): Promise<number> {
  const { eventId, userId, status } = e.payload;
  return tell(deps, e.id, eventId, [userId], status === 'registered' ? 'event_registered' : 'event_waitlisted');
}

/** Seats freed up: the people moved up from the waiting list are told they are in. */
export async function notifyEventPromoted(deps: Deps, e: DomainEvent<'event.registration.promoted'>): Promise<number> {
  const { eventId, userIds } = e.payload;
  const event = await eventForNotice(deps.database.db, eventId);
  if (event?.kind === 'course_session' && event.courseId) {
    return notifySessionSeat(deps, e.id, { id: event.id, title: event.title, courseId: event.courseId }, userIds);
  }
  return tell(deps, e.id, eventId, userIds, 'event_promoted');
}

/** The day before: a reminder to the people holding a seat. */
export function notifyEventReminder(deps: Deps, e: DomainEvent<'event.reminder_due'>): Promise<number> {
  return tell(deps, e.id, e.payload.eventId, e.payload.userIds, 'event_reminder');
}

/** An event moved: everyone registered (seat or waiting list) is told to check its new date and time. */
export async function notifyEventRescheduled(deps: Deps, e: DomainEvent<'event.rescheduled'>): Promise<number> {
  const found = await eventSubject(deps, e.payload.eventId);
  if (!found) return 0;
  const audience = new Audience().add(e.payload.userIds, 'event_rescheduled');
  return deliver(deps, audience, { ...found.subject, actorId: e.payload.actorId }, e.id);
}

/**
 * An event was cancelled: everyone registered is told. Its page is gone, so the subject comes from
 * the payload and links to the calendar; a group's event still tells only the group's readers.
 */
export async function notifyEventCancelled(deps: Deps, e: DomainEvent<'event.cancelled'>): Promise<number> {
  const { groupId, title, userIds, actorId } = e.payload;
  const group = groupId ? ((await q.groupById(deps.database.db, groupId)) ?? null) : null;
  if (groupId && !group) return 0;
  const subject: Subject = { group, actorId, threadId: null, postId: null, data: { title, url: '/eventi' } };
  return deliver(deps, new Audience().add(userIds, 'event_cancelled'), subject, e.id);
}
