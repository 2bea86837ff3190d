// Helpers of the calendar tests: API tokens, an event through the API, and a small iCalendar reader
// (RFC 5545 line unfolding and properties) so the tests check what a calendar app would read.
import request from 'supertest';
import type { App } from '../../../server/app.ts';
import { apiToken } from '../../helpers/http.ts';

export const bearer = async (app: App, user: { email: string; password: string }) => ({
  authorization: `Bearer ${await apiToken(app, user.email, user.password)}`,
});

/** An instant this many hours from now, on a whole minute. */
export const hoursFromNow = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000);

export async function createEventApi(
  app: App,
  auth: Record<string, string>,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number; [k: string]: unknown }> {
  const start = hoursFromNow(48);
  const res = await request(app)
    .post('/api/v1/events')
    .set(auth)
    .send({
      title: 'Evento regionale Toscana',
      description: 'I servizi per l’impiego **in rete**.',
      kind: 'regional',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      place: 'Firenze, Palazzo Strozzi Sacrati',
      seats: 10,
      ...overrides,
    })
    .expect(201);
  return res.body.event;
}

export type VEvent = Record<string, string>;

/** The VEVENTs of an iCalendar text: each property by name (parameters dropped), folded lines joined. */
export function parseICalendar(text: string): { calendar: VEvent; events: VEvent[] } {
  const lines = text
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter(Boolean);
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines.at(-1) !== 'END:VCALENDAR') throw new Error('not a VCALENDAR');
  const calendar: VEvent = {};
  const events: VEvent[] = [];
  let current: VEvent | null = null;
  for (const line of lines.slice(1, -1)) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`bad line: ${line}`);
    const name = line.slice(0, colon).split(';')[0]!;
    const value = line.slice(colon + 1);
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else (current ?? calendar)[name] = value;
  }
  return { calendar, events };
}

/** 2030-03-15T08:30:00.000Z → 20300315T083000Z (an iCalendar UTC date-time). */
export const icalUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
