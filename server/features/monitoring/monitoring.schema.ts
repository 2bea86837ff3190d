// What the monitoring dashboard and GET /api/v1/stats take: a period of Italian calendar days
// (from ≤ to, at most five years) with its bucket, and a target set on one figure for a period.
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../core/errors.ts';
import { fromItalianWallTime, isCalendarDay, italianDay } from '../../core/time.ts';
import { msg, optionalText } from '../../core/validation.ts';
import { FIGURE_KEYS } from './monitoring.figures.ts';

export const BUCKETS = ['week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];
export const MAX_YEARS = 5;
/** The period shown when none is asked for: the last 90 days, today included. */
export const DEFAULT_DAYS = 90;
/** Longer periods are counted by month unless a bucket is asked for (about six months of weeks). */
export const WEEKS_UP_TO_DAYS = 190;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.preprocess(
  blank,
  z
    .string(msg('stats_day'))
    .trim()
    .refine((s) => isCalendarDay(s), msg('stats_day'))
    .optional(),
);

export const periodQuerySchema = z.object({
  from: day.describe('First day of the period, YYYY-MM-DD (Europe/Rome); default: 89 days before `to`'),
  to: day.describe('Last day of the period, YYYY-MM-DD (Europe/Rome), included; default: today'),
  bucket: z
    .preprocess(blank, z.enum(BUCKETS, msg('stats_bucket')).optional())
    .describe('week or month; default: week up to about six months, month beyond'),
});

/** A period: its days and the instants [from, to) they span in Italy. */
export type Period = { fromDay: string; toDay: string; from: Date; to: Date; bucket: Bucket; days: number };

const utcDay = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The day `n` days after `s` (calendar arithmetic, no clock). */
export const addDays = (s: string, n: number) => isoDay(new Date(utcDay(s).getTime() + n * 86_400_000));
const addYears = (s: string, n: number) => {
  const d = utcDay(s);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return isoDay(d);
};
/** The instant an Italian day starts. */
export const dayStart = (s: string): Date => {
  const d = utcDay(s);
  return fromItalianWallTime({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
  })!;
};

/** Builds a period from two valid days, or throws a ValidationError naming the wrong field. */
export function periodOf(fromDay: string, toDay: string, bucket?: Bucket): Period {
  const fields: FieldErrors = {};
  if (fromDay > toDay) fields.from = { key: 'validation.stats_order' };
  else if (addYears(fromDay, MAX_YEARS) <= toDay) fields.to = { key: 'validation.stats_too_long' };
  if (Object.keys(fields).length) throw new ValidationError(fields, Object.values(fields)[0]!.key);
  const days = Math.round((utcDay(toDay).getTime() - utcDay(fromDay).getTime()) / 86_400_000) + 1;
  return {
    fromDay,
    toDay,
    from: dayStart(fromDay),
    to: dayStart(addDays(toDay, 1)),
    bucket: bucket ?? (days > WEEKS_UP_TO_DAYS ? 'month' : 'week'),
    days,
  };
}

/** The period a query string asks for (defaults: the last 90 days), or a 400 naming the field. */
export function parsePeriod(input: unknown, now = new Date()): Period {
  const result = periodQuerySchema.safeParse(input ?? {});
  if (!result.success) {
    const fields: FieldErrors = {};
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '_');
      fields[name] ??= {
        key: issue.message.startsWith('v.') ? `validation.${issue.message.slice(2)}` : 'validation.stats_day',
      };
    }
    throw new ValidationError(fields, Object.values(fields)[0]!.key);
  }
  const toDay = result.data.to ?? italianDay(now);
  const fromDay = result.data.from ?? addDays(toDay, -(DEFAULT_DAYS - 1));
  return periodOf(fromDay, toDay, result.data.bucket);
}

/** The first day of each bucket the period touches (a Monday, or the 1st), in order. */
export function bucketStarts(p: Period): string[] {
  const first = utcDay(p.fromDay);
  if (p.bucket === 'month') first.setUTCDate(1);
  else first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  const out: string[] = [];
  for (const d = first; isoDay(d) <= p.toDay;) {
    out.push(isoDay(d));
    if (p.bucket === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 7);
  }
  return out;
}

/** A target: a figure, a period (its own days) and a value (a count, or a percentage for rates). */
export const targetInputSchema = z
  .object({
    figure: z.enum(FIGURE_KEYS, msg('stats_figure')),
    periodFrom: z.string(msg('stats_day')).trim().refine(isCalendarDay, msg('stats_day')),
    periodTo: z.string(msg('stats_day')).trim().refine(isCalendarDay, msg('stats_day')),
    target: z.coerce
      .number(msg('stats_target'))
      .refine((n) => Number.isFinite(n), msg('stats_target'))
      .min(0, msg('stats_target'))
      .max(1_000_000_000, msg('stats_target')),
    note: optionalText(300),
  })
  .refine((t) => t.periodFrom <= t.periodTo, { ...msg('stats_order'), path: ['periodFrom'] })
  .refine((t) => t.periodFrom > t.periodTo || addYears(t.periodFrom, MAX_YEARS) > t.periodTo, {
    ...msg('stats_too_long'),
    path: ['periodTo'],
  });
export type TargetInput = z.infer<typeof targetInputSchema>;
