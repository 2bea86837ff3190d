// Who may do what with calendar events. Pure functions over the actor and the event; pages, the
// API and the feeds ask these. Seeing an event at all is the visibility rule of its group
// (models/queries/visibility.ts), applied by every query that lists or finds events.
import type { CalendarEvent } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

/** How long before the start the live stream opens to the people registered. */
export const STREAMING_OPENS_MS = 30 * 60_000;

const staff = (actor: Actor) => actor?.role === 'admin' || actor?.role === 'animator';

/** Puts an event on the calendar: animators and admins. */
export const canCreateEvent = (actor: Actor): boolean => staff(actor);

/**
 * Edits it, sees and exports its participants, records attendance: its organiser (who created it),
 * animators and admins. A course session is run from its course instead (courses.policy.ts).
 */
export function canManageEvent(actor: Actor, event: Pick<CalendarEvent, 'kind' | 'createdBy'>): boolean {
  if (!actor || event.kind === 'course_session') return false;
  return staff(actor) || event.createdBy === actor.id;
}

/** Registers here: signed-in people, for events other than course sessions (those need enrolment). */
export const canRegister = (actor: Actor, event: Pick<CalendarEvent, 'kind'>): boolean =>
  Boolean(actor) && event.kind !== 'course_session';

/** The meeting room's link: the people holding a seat. */
export const canSeeMeetingLink = (status: string | null): boolean => status === 'registered';

/** The live stream: the people holding a seat, from 30 minutes before the start until the end. */
export function canSeeStreaming(
  status: string | null,
  event: Pick<CalendarEvent, 'startsAt' | 'endsAt'>,
  now = new Date(),
): boolean {
  return (
    status === 'registered' &&
    now.getTime() >= event.startsAt.getTime() - STREAMING_OPENS_MS &&
    now.getTime() <= event.endsAt.getTime()
  );
}
