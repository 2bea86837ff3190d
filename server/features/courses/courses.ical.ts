// A course's sessions as an iCalendar feed (its sessions.ics; the events calendar writes its own).
import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import type { SessionRow } from '../../../models/queries/courses-sessions.ts';

/** Sessions as an iCalendar feed (public: no meeting links, which are for registered people). */
export function icalendar(name: string, baseUrl: string, sessions: SessionRow[], online: string): string {
  const base = baseUrl.replace(/\/$/, '');
  // ical-generator escapes the events' text but not the calendar's name: a line break there would start new properties.
  const cal = icalGenerator({ name: name.replace(/[\p{Cc}]+/gu, ' '), prodId: { company: 'Rete SPI', product: 'rete-spi', language: 'IT' }, method: ICalCalendarMethod.PUBLISH });
  for (const s of sessions) {
    const url = `${base}/corsi/${s.courseSlug}#sessione-${s.id}`;
    cal.createEvent({
      id: `sessione-${s.id}@${new URL(base).hostname}`,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${s.title} – ${s.courseTitle}`,
      description: [s.description, url].filter(Boolean).join('\n\n'),
      location: s.mode === 'online' ? online : s.place,
      url,
    });
  }
  return cal.toString();
}
