// The events calendar: the courses' upcoming sessions (what the courses feature lets the viewer see),
// by month as Italian calendars count them, and as an iCalendar feed.
import type { Actor, Deps } from '../../core/deps.ts';
import { italianDay } from '../../core/time.ts';
import { sessionCalendar, sessionsICalendar } from '../courses/courses.service.ts';

type Session = Awaited<ReturnType<typeof sessionCalendar>>[number];

/** Upcoming sessions grouped by month (a session at 00:30 on the 1st belongs to that month). */
export async function calendarByMonth(deps: Deps, actor: Actor) {
  const months: { key: string; date: Date; sessions: Session[] }[] = [];
  for (const s of await sessionCalendar(deps, actor)) {
    const key = italianDay(s.startsAt).slice(0, 7);
    if (months.at(-1)?.key !== key) months.push({ key, date: s.startsAt, sessions: [] });
    months.at(-1)!.sessions.push(s);
  }
  return months;
}

/** The public sessions as an iCalendar document. */
export async function calendarFeed(deps: Deps, name: string, onlineLabel: string): Promise<string> {
  return sessionsICalendar(name, deps.config.publicUrl, await sessionCalendar(deps, null), onlineLabel);
}
