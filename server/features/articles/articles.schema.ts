// What articles take: the article itself (JSON from the API, or the form's fields, which reach the
// same schema after articleInputFrom), the section filters and the keyset cursor.
import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_STATUSES, ARTICLE_THEMES, LAW_STATUSES } from '../../../models/schema.ts';
import { msg } from '../../core/validation.ts';
import { isCalendarDay, parseDateTime } from '../../core/time.ts';
import { ONE_LINE } from '../courses/courses.schema.ts';

export { ARTICLE_KINDS, ARTICLE_STATUSES, ARTICLE_THEMES, LAW_STATUSES };
export type { ArticleKind } from '../../../models/schema.ts';

export const MAX_TAGS = 10;
export const MAX_PRESS_ITEMS = 50;
export const MAX_RELATED = 10;

/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const day = z.string(msg('required')).trim().refine(isCalendarDay, msg('article_day'));

/** http(s) links only: a javascript: or data: link must never reach a page or a feed. */
const httpUrl = z
  .string(msg('required'))
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\//i.test(s), msg('article_http_url'))
  .pipe(z.url({ protocol: /^https?$/, error: 'v.article_http_url' }));

/** A list from JSON (an array) or a form (one text, comma separated). */
const commaList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v === undefined || v === null
      ? []
      : v;

const tag = z
  .string()
  .trim()
  .min(2, msg('article_tag'))
  .max(40, msg('article_tag'))
  .regex(/^[^,\p{Cc}]+$/u, msg('article_tag'))
  .transform((s) => s.toLowerCase().replace(/\s+/g, ' '));

export const pressItemSchema = z.object({
  newspaper: z.string(msg('required')).trim().min(1, msg('required')).max(120).regex(ONE_LINE, msg('one_line')),
  date: day,
  title: z.string(msg('required')).trim().min(1, msg('required')).max(300).regex(ONE_LINE, msg('one_line')),
  url: httpUrl,
  summary: z.string().trim().max(300).regex(ONE_LINE, msg('one_line')).default(''),
});
export type PressItemInput = z.infer<typeof pressItemSchema>;

const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(10, msg('article_too_many_files')),
);

/** Same minute: the form shows a time to the minute, the API may have given seconds. */
const sameMinute = (a: Date, b: Date) => Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000);

/** The time as stored when it names the minute already scheduled (the form drops the seconds). */
const keptTime = (at: Date, scheduledAt: Date | null) =>
  scheduledAt && sameMinute(at, scheduledAt) ? scheduledAt : at;

/**
 * The whole article. `now` decides whether a scheduled date is in the future; `scheduledAt` is the
 * time an edited article is already scheduled for. Kept as it is, that time is not checked against
 * now: once due, the article waits up to a minute for the job, and must stay editable meanwhile
 * (editArticle then publishes it at once).
 */
export const articleInputSchema = (now: Date, scheduledAt: Date | null = null) =>
  z
    .object({
      kind: z.enum(ARTICLE_KINDS, msg('article_kind')),
      title: z.string(msg('required')).trim().min(3, msg('article_title')).max(200, msg('article_title')),
      summary: z.string(msg('required')).trim().min(1, msg('required')).max(300).regex(ONE_LINE, msg('one_line')),
      body: z.preprocess(lf, z.string().trim().max(100_000).default('')),
      theme: z.enum(ARTICLE_THEMES, msg('article_theme')),
      tags: z.preprocess(commaList, z.array(tag).max(MAX_TAGS, msg('article_too_many_tags'))).default([]),
      status: z.enum(ARTICLE_STATUSES, msg('article_status')).default('draft'),
      publishAt: z.preprocess(emptyToUndefined, z.string().trim().optional()),
      related: z.preprocess(
        commaList,
        z.array(z.string().trim().min(1).max(200)).max(MAX_RELATED, msg('article_too_many_related')),
      ),
      lawReference: z.preprocess(emptyToUndefined, z.string().trim().max(120).regex(ONE_LINE).optional()),
      lawDate: z.preprocess(emptyToUndefined, day.optional()),
      lawIssuer: z.preprocess(emptyToUndefined, z.string().trim().max(200).regex(ONE_LINE).optional()),
      lawStatus: z.preprocess(emptyToUndefined, z.enum(LAW_STATUSES, msg('article_law_status')).optional()),
      lawUrl: z.preprocess(emptyToUndefined, httpUrl.optional()),
      pressItems: z.array(pressItemSchema).max(MAX_PRESS_ITEMS, msg('article_too_many_items')).default([]),
      attachmentIds: idList,
      removeAttachmentIds: idList,
    })
    .superRefine((a, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (a.status === 'scheduled') {
        const at = a.publishAt ? parseDateTime(a.publishAt) : null;
        if (!a.publishAt) issue('publishAt', 'v.article_schedule_required');
        else if (!at) issue('publishAt', 'v.datetime');
        else if (at <= now && !(scheduledAt && sameMinute(at, scheduledAt)))
          issue('publishAt', 'v.article_schedule_past');
      }
      if (a.kind === 'news' && !a.body) issue('body', 'v.article_body_required');
      if (a.kind === 'press' && !a.pressItems.length) issue('pressItems', 'v.article_items_required');
      if (a.kind === 'law') {
        if (!a.lawReference) issue('lawReference', 'v.article_law_reference');
        if (!a.lawStatus) issue('lawStatus', 'v.article_law_status');
      }
    })
    .transform((a) => ({
      ...a,
      publishAt: a.status === 'scheduled' && a.publishAt ? keptTime(parseDateTime(a.publishAt)!, scheduledAt) : null,
      tags: [...new Set(a.tags)].sort(),
      related: [...new Set(a.related)],
    }));
export type ArticleInput = z.infer<ReturnType<typeof articleInputSchema>>;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(emptyToUndefined, z.enum(values).optional()).catch(undefined);
const cursor = z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional());

/** A section's filters (Italian query names). Unknown values are ignored, like a catalogue's. */
export const sectionQuerySchema = z.object({
  tipo: optionalEnum(ARTICLE_KINDS),
  tema: optionalEnum(ARTICLE_THEMES),
  tag: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().max(40).optional()).catch(undefined),
  anno: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1900).max(2100).optional()).catch(undefined),
  ordine: z.enum(['recenti', 'meno-recenti']).default('recenti').catch('recenti'),
  dopo: cursor.catch(undefined),
  prima: cursor.catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).default(20).catch(20),
});
export type SectionQueryInput = z.infer<typeof sectionQuerySchema>;

/** The API's list filters: the same, with English names. */
export const articleListQuerySchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(ARTICLE_KINDS, msg('article_kind')).optional()),
  theme: z.preprocess(emptyToUndefined, z.enum(ARTICLE_THEMES, msg('article_theme')).optional()),
  tag: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().max(40).optional()),
  year: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1900).max(2100).optional()),
  order: z.enum(['desc', 'asc']).default('desc'),
  after: cursor,
  before: cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
