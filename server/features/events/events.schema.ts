// What an event is made of and what the calendar pages take, as zod schemas: the form and the API
// share one schema (the API in camelCase JSON, the form as strings; dates as ISO with a zone or as
// Italian wall-clock time from a datetime-local field).
import { z } from 'zod';
import { CALENDAR_EVENT_KINDS } from '../../../models/schema.ts';
import { dateTime, msg } from '../../core/validation.ts';
import { ONE_LINE, SLUG_RE } from '../courses/courses.schema.ts';

/** Every kind the calendar shows (its filter). */
export const CALENDAR_KINDS = CALENDAR_EVENT_KINDS;

/** The kinds an organiser creates here; course sessions are created in their course. */
export const EVENT_KINDS = CALENDAR_EVENT_KINDS.filter((k) => k !== 'course_session');
type EditableKind = Exclude<(typeof CALENDAR_EVENT_KINDS)[number], 'course_session'>;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const line = (max: number) => z.string(msg('required')).trim().max(max).regex(ONE_LINE, msg('one_line'));
const httpUrl = z.preprocess(
  blankToUndefined,
  z
    .url({ protocol: /^https?$/, error: 'v.url' })
    .max(2000)
    .optional(),
);
const slugRef = z.preprocess(blankToUndefined, z.string().trim().max(80).regex(SLUG_RE, msg('slug')).optional());

const eventFields = z.object({
  title: line(200).min(1, msg('required')),
  kind: z.enum(EVENT_KINDS as [EditableKind, ...EditableKind[]], msg('invalid_value')),
  description: z.string().trim().max(20_000).default(''),
  startsAt: dateTime,
  endsAt: dateTime,
  place: z.preprocess((v) => (v === null ? undefined : v), line(300).default('')),
  onlineUrl: httpUrl,
  streamingUrl: httpUrl,
  /** Empty or absent: no limit. */
  seats: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce.number(msg('number')).int(msg('number')).min(1, msg('seats')).max(100_000, msg('seats')).nullable(),
  ),
  /** A group whose readers alone see the event (its slug). */
  group: slugRef,
  /** A related course (its slug). */
  course: slugRef,
});

export const eventSchema = eventFields.superRefine((e, ctx) => {
  if (e.endsAt <= e.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'v.ends_before_start' });
  if (!e.place && !e.onlineUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'v.event_place_or_url' });
});
export type EventInput = z.infer<typeof eventSchema>;

/** A change through the API: any of the fields (checked together with the stored ones). */
export const eventPatchSchema = eventFields.partial();

const kindFilter = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(CALENDAR_EVENT_KINDS)).max(CALENDAR_EVENT_KINDS.length),
);

/** The calendar page's query: the view, the month (YYYY-MM) and the kinds shown. */
export const calendarQuerySchema = z.object({
  vista: z.enum(['mese', 'elenco']).catch('elenco'),
  mese: z
    .string()
    .regex(/^(20\d\d)-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  tipo: kindFilter.catch([]),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** The API's list: kinds, and the past instead of what is coming. */
export const eventListSchema = z.object({
  kind: kindFilter.catch([]),
  past: z.enum(['true', 'false']).optional().catch(undefined),
});

export const eventAttendanceSchema = z.object({
  attended: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number().int().positive()).max(100_000),
  ),
});
