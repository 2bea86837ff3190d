// What a Cerco / Offro post is made of and what the board takes, as zod schemas shared by the form
// (strings) and the API (JSON). The expiry is a day (YYYY-MM-DD: the post stays up through that
// Italian day) or a date and time, ahead of now and at most two years away.
import { z } from 'zod';
import { EXCHANGE_KINDS, PRACTICE_THEMES, REGIONS } from '../../../models/schema.ts';
import { fromItalianWallTime, isCalendarDay, parseDateTime } from '../../core/time.ts';
import { msg } from '../../core/validation.ts';

export { EXCHANGE_KINDS, PRACTICE_THEMES as EXCHANGE_THEMES, REGIONS };

/** A post lasts six months unless its author says otherwise, and at most two years from now. */
export const DEFAULT_EXPIRY_MONTHS = 6;
export const MAX_EXPIRY_DAYS = 730;
export const BOARD_PAGE_SIZE = 20;

/** The same day `months` calendar months later (the last day of a shorter month). */
export function monthsAfter(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** "2027-03-15" → the end of that Italian day (the start of the next); else a date and time. */
export function parseExpiry(text: string): Date | null {
  if (isCalendarDay(text)) {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    return fromItalianWallTime({
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
    });
  }
  return parseDateTime(text);
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const ONE_LINE = /^[^\r\n]*$/;

const expiry = z.preprocess(
  blankToUndefined,
  z
    .string(msg('exchange_expiry_format'))
    .trim()
    .refine((s) => parseExpiry(s) !== null, msg('exchange_expiry_format'))
    .transform((s) => parseExpiry(s)!)
    .refine((d) => d.getTime() > Date.now(), msg('exchange_expiry_past'))
    .refine((d) => d.getTime() <= Date.now() + MAX_EXPIRY_DAYS * 86_400_000, msg('exchange_expiry_far'))
    .optional(),
);

export const postFields = z.object({
  kind: z.enum(EXCHANGE_KINDS, msg('exchange_kind')),
  title: z
    .string(msg('required'))
    .trim()
    .min(1, msg('required'))
    .max(200, msg('exchange_title_long'))
    .regex(ONE_LINE, msg('one_line')),
  description: z.string(msg('required')).trim().min(1, msg('required')).max(10_000, msg('exchange_description_long')),
  theme: z.enum(PRACTICE_THEMES, msg('exchange_theme')),
  region: z.enum(REGIONS, msg('region')),
  /** A published practice the post refers to (its slug). */
  practiceSlug: z.preprocess(
    blankToUndefined,
    z
      .string(msg('exchange_practice_unknown'))
      .trim()
      .max(120)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, msg('exchange_practice_unknown'))
      .optional(),
  ),
  expiresAt: expiry,
});
export type PostInput = z.infer<typeof postFields>;

/** A change (API PATCH, edit form): any fields, checked together with the stored ones; `closed` marks it solved. */
export const postPatchSchema = postFields.partial().extend({
  closed: z.preprocess(
    (v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : v),
    z.boolean(msg('exchange_closed')).optional(),
  ),
});

/** Extending a post (its page's button): a new expiry, by default six months from now. */
export const extendSchema = z.object({ expiresAt: expiry });

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(blankToUndefined, z.enum(values, msg(key)).optional());

/** The board's filters (the page and GET /api/v1/exchange share them). */
export const boardQuerySchema = z.object({
  kind: optionalChoice(EXCHANGE_KINDS, 'exchange_kind'),
  theme: optionalChoice(PRACTICE_THEMES, 'exchange_theme'),
  region: optionalChoice(REGIONS, 'region'),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, msg('search_too_long')).optional()),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number(msg('exchange_page'))
      .int(msg('exchange_page'))
      .min(1, msg('exchange_page'))
      .max(500, msg('exchange_page'))
      .default(1),
  ),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;
