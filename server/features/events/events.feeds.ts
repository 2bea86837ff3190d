// The calendar as files other programs read: iCalendar (one event, the public calendar, a person's
// own) and RSS 2.0 of what is coming. They carry no meeting or streaming links: those are for the
// people registered, on the event's page, at the right time.
import { Feed } from 'feed';
import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import type { EventRow } from '../../../models/queries/calendar.ts';
import { escapeHtml } from '../../core/text.ts';

export type FeedLabels = { name: string; online: string; kind: (kind: string) => string };

/** ical-generator escapes the events' text but not the calendar's name: a line break there would start new properties. */
const oneLine = (text: string) => text.replace(/[\p{Cc}]+/gu, ' ');

/**
 * Plain text for an RSS field that feed readers treat as HTML (the feed library only wraps it in
 * CDATA): escaped, so a place or title holding markup is read as the text it is.
 */
const htmlText = escapeHtml;

/** Where an event is, as a calendar shows it: the place, or "online". */
const locationOf = (e: EventRow, online: string) => (e.mode === 'online' ? online : e.place);

/** The page an event is read on: its own, or its course's for a course session. */
export const eventPageUrl = (base: string, e: Pick<EventRow, 'id' | 'kind' | 'courseSlug'>) =>
  e.kind === 'course_session' && e.courseSlug
    ? `${base}/corsi/${e.courseSlug}#sessione-${e.id}`
    : `${base}/eventi/${e.id}`;

/** Events as an iCalendar document (UTC instants: every calendar shows them in its own zone). */
export function eventsICalendar(baseUrl: string, rows: EventRow[], labels: FeedLabels): string {
  const base = baseUrl.replace(/\/$/, '');
  const host = new URL(base).hostname;
  const cal = icalGenerator({
    name: oneLine(labels.name),
    prodId: { company: 'Rete SPI', product: 'rete-spi', language: 'IT' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of rows) {
    const url = eventPageUrl(base, e);
    // Course sessions keep the uid and summary they had before they joined the calendar.
    const session = e.kind === 'course_session';
    cal.createEvent({
      id: session ? `sessione-${e.id}@${host}` : `evento-${e.id}@${host}`,
      start: e.startsAt,
      end: e.endsAt,
      summary: session && e.courseTitle ? `${e.title} – ${e.courseTitle}` : e.title,
      description: [e.description, url].filter(Boolean).join('\n\n'),
      location: locationOf(e, labels.online),
      categories: [{ name: labels.kind(e.kind) }],
      url,
    });
  }
  return cal.toString();
}

/** What is coming, as RSS 2.0 (newest announcement first is not the point: soonest first). */
export function eventsRss(
  baseUrl: string,
  rows: EventRow[],
  labels: FeedLabels & { description: string; when: (e: EventRow) => string },
): string {
  const base = baseUrl.replace(/\/$/, '');
  const feed = new Feed({
    id: `${base}/eventi`,
    title: labels.name,
    description: labels.description,
    link: `${base}/eventi`,
    language: 'it',
    feedLinks: { rss: `${base}/eventi/feed.xml` },
    copyright: 'Rete SPI',
    updated: rows.reduce<Date | undefined>((max, e) => (!max || e.updatedAt > max ? e.updatedAt : max), undefined),
    generator: 'Rete SPI',
  });
  for (const e of rows) {
    const where = locationOf(e, labels.online);
    feed.addItem({
      title: htmlText(e.title),
      id: eventPageUrl(base, e),
      link: eventPageUrl(base, e),
      date: e.createdAt,
      description: htmlText([labels.when(e), where].filter(Boolean).join(' · ')),
      // The description as the event's page shows it: rendered and sanitized, never the raw text.
      content: e.descriptionHtml || undefined,
      category: [{ name: labels.kind(e.kind) }],
    });
  }
  return feed.rss2();
}
