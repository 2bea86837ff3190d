// Calendar events → what pages, the API and the home page show: the viewer's own standing, links
// only for those entitled to them (the meeting room to registered people; the live stream to them
// from 30 minutes before the start), the description's stored sanitized HTML, and the month grid.
import type { EventRow } from '../../../models/queries/calendar.ts';
import type { RegistrationStatus } from '../../../models/schema.ts';
import { italianDay, italianWallTime } from '../../core/time.ts';
import { canSeeMeetingLink, canSeeStreaming, STREAMING_OPENS_MS } from './events.policy.ts';

/** The API's words for a registration: a confirmed seat, or the waiting list. */
export const API_STATUS: Record<RegistrationStatus, 'confirmed' | 'waitlisted'> = {
  registered: 'confirmed',
  waiting: 'waitlisted',
};

export type EventView = ReturnType<typeof eventView>;

/** One event as the viewer sees it (`mine`: their registration's status, if any). */
export function eventView(e: EventRow, mine: RegistrationStatus | null, now = new Date()) {
  const session = e.kind === 'course_session';
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    // Stored when the event was written (events.service.ts): a list of hundreds renders nothing.
    descriptionHtml: e.descriptionHtml,
    mode: e.mode,
    place: e.place,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    seats: e.seats,
    registered: e.registered,
    waiting: e.waiting,
    free: e.seats === null ? null : Math.max(0, e.seats - e.registered),
    full: e.seats !== null && e.registered >= e.seats,
    started: e.startsAt <= now,
    past: e.endsAt <= now,
    myStatus: mine,
    onlineUrl: canSeeMeetingLink(mine) ? e.url : null,
    streamingUrl: e.streamingUrl && canSeeStreaming(mine, e, now) ? e.streamingUrl : null,
    /** A stream exists and the viewer will see it later (registered, before T−30 min): when it opens. */
    streamingOpensAt:
      e.streamingUrl && mine === 'registered' && now.getTime() < e.startsAt.getTime() - STREAMING_OPENS_MS
        ? new Date(e.startsAt.getTime() - STREAMING_OPENS_MS)
        : null,
    hasStreaming: Boolean(e.streamingUrl),
    organiser: e.createdBy && e.organiserName ? { id: e.createdBy, name: e.organiserName } : null,
    group: e.groupSlug && e.groupName ? { slug: e.groupSlug, name: e.groupName } : null,
    course: e.courseSlug && e.courseTitle ? { slug: e.courseSlug, title: e.courseTitle } : null,
    twinningId: e.twinningId,
    url: session && e.courseSlug ? `/corsi/${e.courseSlug}#sessione-${e.id}` : `/eventi/${e.id}`,
    isCourseSession: session,
  };
}

/** The API's shape of an event. */
export function eventJson(v: EventView) {
  return {
    id: v.id,
    kind: v.kind,
    title: v.title,
    description: v.description,
    descriptionHtml: v.descriptionHtml,
    mode: v.mode,
    place: v.place,
    onlineUrl: v.onlineUrl,
    streamingUrl: v.streamingUrl,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    seats: v.seats,
    registered: v.registered,
    waiting: v.waiting,
    free: v.free,
    organiser: v.organiser,
    group: v.group,
    course: v.course,
    twinningId: v.twinningId,
    registration: v.myStatus ? API_STATUS[v.myStatus] : null,
    url: v.url,
  };
}

/** The weeks of a month (Monday first), each day with its events (by Italian calendar day). */
export function monthGrid(month: string, events: EventView[]) {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, m - 1, 1));
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const byDay = new Map<string, EventView[]>();
  for (const e of events) {
    const key = italianDay(e.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), e]);
  }
  const today = italianDay(new Date());
  const cells: ({ day: number; date: string; events: EventView[]; today: boolean } | null)[] = Array(lead).fill(null);
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    cells.push({ day: d, date, events: byDay.get(date) ?? [], today: date === today });
  }
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const prev = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { weeks, prev, next, date: new Date(Date.UTC(year, m - 1, 15)) };
}

/** Events grouped by month (as Italian calendars count them) for the list view. */
export function byMonth(events: EventView[]) {
  const months: { key: string; date: Date; events: EventView[] }[] = [];
  for (const e of events) {
    const key = italianDay(e.startsAt).slice(0, 7);
    if (months.at(-1)?.key !== key) months.push({ key, date: e.startsAt, events: [] });
    months.at(-1)!.events.push(e);
  }
  return months;
}

/** "Wednesday 4 March, 09:30–13:00" in the given language, Italian time (RSS items, e-mails). */
export function whenText(e: Pick<EventRow, 'startsAt' | 'endsAt'>, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'it-IT';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'Europe/Rome' }).format(e.startsAt);
  const time = (d: Date) => {
    const w = italianWallTime(d);
    return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  };
  return `${day}, ${time(e.startsAt)}–${time(e.endsAt)}`;
}
