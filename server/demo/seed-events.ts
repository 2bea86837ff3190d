// Loads the demo events (events-data.ts) inside the demo's transaction: past events with their
// attendance, upcoming ones with registrations (one full, with a waiting list), a private group's
// meeting. Skipped when the calendar already has events other than course sessions.
import { ne } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { calendarEvents, eventRegistrations, groups } from '../../models/schema.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { fromItalianWallTime, italianDay } from '../core/time.ts';
import { demoEvents } from './events-data.ts';

/** The instant of an Italian wall-clock time `days` from today. */
function at(days: number, time: string, now: number): Date {
  const [y, m, d] = italianDay(new Date(now + days * 86_400_000))
    .split('-')
    .map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return fromItalianWallTime({ year: y, month: m, day: d, hour, minute, second: 0 })!;
}

export async function seedEvents(tx: Tx, userIdOf: (key: string) => number | undefined, now: number): Promise<number> {
  const [existing] = await tx
    .select({ id: calendarEvents.id })
    .from(calendarEvents)
    .where(ne(calendarEvents.kind, 'course_session'))
    .limit(1);
  if (existing) return 0;
  const groupIds = new Map(
    (await tx.select({ id: groups.id, slug: groups.slug }).from(groups)).map((g) => [g.slug, g.id]),
  );
  let count = 0;
  for (const e of demoEvents) {
    // A group's event without its group would be public: left out instead.
    if (e.group && !groupIds.has(e.group)) continue;
    count++;
    const startsAt = at(e.day, e.from, now);
    const [row] = await tx
      .insert(calendarEvents)
      .values({
        kind: e.kind,
        title: e.title,
        description: e.description,
        descriptionHtml: e.description ? renderMarkdown(e.description) : '',
        mode: e.place && e.onlineUrl ? 'hybrid' : e.onlineUrl ? 'online' : 'presence',
        place: e.place ?? '',
        url: e.onlineUrl ?? null,
        streamingUrl: e.streamingUrl ?? null,
        startsAt,
        endsAt: at(e.day, e.to, now),
        seats: e.seats,
        groupId: e.group ? (groupIds.get(e.group) ?? null) : null,
        createdBy: userIdOf(e.organiser) ?? null,
        createdAt: new Date(Math.min(now, startsAt.getTime()) - 30 * 86_400_000),
        // Past events are not reminded again by the job.
        remindedAt: e.day <= 1 ? new Date(now) : null,
      })
      .returning({ id: calendarEvents.id });
    const people = e.registered.map(userIdOf).filter((id): id is number => id !== undefined);
    const registrations = people.map((userId, i) => ({
      eventId: row!.id,
      userId,
      status: e.seats === null || i < e.seats ? ('registered' as const) : ('waiting' as const),
      // In order of arrival: the waiting list keeps it.
      registeredAt: new Date(Math.min(now, startsAt.getTime()) - (20 - i) * 86_400_000),
      attended: e.attended ? e.attended.some((k) => userIdOf(k) === userId) : null,
    }));
    if (registrations.length) await tx.insert(eventRegistrations).values(registrations).onConflictDoNothing();
  }
  return count;
}
