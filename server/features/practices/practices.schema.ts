// What the practice registry takes: the record (JSON from the API, or the form's fields once
// practices.forms.ts has gathered its rows), the protocol's decision, the admins' criteria and
// validators. Every message names its field.
import { z } from 'zod';
import {
  KIT_KINDS,
  PRACTICE_STATUSES,
  PRACTICE_THEMES,
  REGIONS,
  TERRITORIAL_LEVELS,
  VALIDATION_DECISIONS,
} from '../../../models/schema.ts';
import { isCalendarDay } from '../../core/time.ts';
import { msg } from '../../core/validation.ts';

export { KIT_KINDS, PRACTICE_STATUSES, PRACTICE_THEMES, REGIONS, TERRITORIAL_LEVELS, VALIDATION_DECISIONS };
export type { PracticeStatus, PracticeTheme, ValidationDecision } from '../../../models/schema.ts';

export const MAX_TAGS = 10;
export const MAX_COMPETENCES = 20;
export const MAX_ROWS = { indicators: 30, links: 20, components: 20, kit: 20 } as const;
export const MAX_PEOPLE = 10;
export const MAX_PRACTICE_FILES = 10;

/** A one-line text: no control characters (tabs, line breaks). */
const ONE_LINE = /^[^\p{Cc}]*$/u;
/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const line = (max: number) => z.string(msg('required')).trim().max(max).regex(ONE_LINE, msg('one_line'));
const requiredLine = (max: number) => line(max).min(1, msg('required'));
const longText = (max: number) => z.preprocess(lf, z.string(msg('required')).trim().max(max)).default('');

const day = z.string(msg('required')).trim().refine(isCalendarDay, msg('practice_day'));
const optionalDay = z.preprocess(emptyToUndefined, day.nullable().optional()).transform((v) => v ?? null);

/** http(s) links only: a javascript: or data: link must never reach a page. */
const httpUrl = z
  .string(msg('required'))
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\//i.test(s), msg('practice_http_url'))
  .pipe(z.url({ protocol: /^https?$/, error: 'v.practice_http_url' }));

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
  .min(2, msg('practice_tag'))
  .max(40, msg('practice_tag'))
  .regex(/^[^,\p{Cc}]+$/u, msg('practice_tag'))
  .transform((s) => s.toLowerCase().replace(/\s+/g, ' '));

/** A code of the competence repertory (its existence is checked by the service): upper-cased. */
const competenceCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, msg('competence_code')));

/** An @handle (the @ is optional) or an organization slug. */
const handle = z
  .string()
  .trim()
  .transform((s) => s.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9._-]+$/, msg('practice_handle')),
  );
const orgSlug = z.string(msg('required')).trim().min(1, msg('required')).max(100);

const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number().int().positive().max(2_147_483_647))
    .max(MAX_PRACTICE_FILES, msg('practice_too_many_files')),
);

export const indicatorSchema = z.object({
  name: requiredLine(120),
  value: requiredLine(60),
  unit: line(40).default(''),
  date: optionalDay,
});
export const linkSchema = z.object({ label: requiredLine(200), url: httpUrl });
export const componentSchema = z.object({
  code: requiredLine(20),
  title: requiredLine(200),
  description: longText(2000),
});
export const kitItemSchema = z
  .object({
    kind: z.enum(KIT_KINDS, msg('practice_kit_kind')),
    title: requiredLine(200),
    url: z.preprocess(emptyToUndefined, httpUrl.optional()),
    attachmentId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  })
  .superRefine((k, ctx) => {
    if (!k.url && !k.attachmentId) ctx.addIssue({ code: 'custom', path: ['url'], message: 'v.practice_kit_target' });
    if (k.url && k.attachmentId) ctx.addIssue({ code: 'custom', path: ['url'], message: 'v.practice_kit_both' });
  });

const rows = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => v ?? [], z.array(item, msg('practice_rows')).max(max, msg('practice_too_many_rows')));

/** The whole record (create, or an edit laid over the current values). */
export const practiceInputSchema = z
  .object({
    title: requiredLine(200).min(3, msg('practice_title')),
    summary: z.preprocess(lf, z.string(msg('required')).trim().min(1, msg('required')).max(600)),
    description: z.preprocess(lf, z.string(msg('required')).trim().min(1, msg('required')).max(100_000)),
    organization: orgSlug,
    coOwners: z.preprocess(commaList, z.array(orgSlug).max(MAX_PEOPLE, msg('practice_too_many_people'))),
    contact: z.preprocess(emptyToUndefined, handle.optional()),
    coAuthors: z.preprocess(commaList, z.array(handle).max(MAX_PEOPLE, msg('practice_too_many_people'))),
    region: z.enum(REGIONS, msg('region')),
    territorialLevel: z.enum(TERRITORIAL_LEVELS, msg('practice_level')).default('regional'),
    theme: z.enum(PRACTICE_THEMES, msg('practice_theme')),
    targetUsers: longText(5000),
    objectives: longText(5000),
    results: longText(10_000),
    indicators: rows(indicatorSchema, MAX_ROWS.indicators),
    resources: longText(5000),
    costs: longText(5000),
    reuseRequirements: longText(5000),
    licence: z.preprocess(emptyToUndefined, line(120).optional()).transform((v) => v ?? ''),
    startedOn: optionalDay,
    endedOn: optionalDay,
    links: rows(linkSchema, MAX_ROWS.links),
    components: rows(componentSchema, MAX_ROWS.components),
    kit: rows(kitItemSchema, MAX_ROWS.kit),
    tags: z.preprocess(commaList, z.array(tag).max(MAX_TAGS, msg('practice_too_many_tags'))).default([]),
    /** The repertory's competences the practice develops (shown on each competence's page). */
    competenceCodes: z
      .preprocess(commaList, z.array(competenceCode).max(MAX_COMPETENCES, msg('practice_too_many_competences')))
      .default([]),
    attachmentIds: idList,
    removeAttachmentIds: idList,
    /** What changed (published practices: the new version's note). */
    note: z.preprocess(emptyToUndefined, line(300).optional()).transform((v) => v ?? ''),
  })
  .superRefine((p, ctx) => {
    if (p.startedOn && p.endedOn && p.endedOn < p.startedOn)
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'v.practice_end_before_start' });
    const codes = p.components.map((c) => c.code.toLowerCase());
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i)
        ctx.addIssue({ code: 'custom', path: ['components', i, 'code'], message: 'v.practice_component_code_twice' });
    });
  })
  .transform((p) => ({
    ...p,
    tags: [...new Set(p.tags)].sort(),
    competenceCodes: [...new Set(p.competenceCodes)],
    coOwners: [...new Set(p.coOwners)].filter((s) => s !== p.organization),
    coAuthors: [...new Set(p.coAuthors)],
  }));
export type PracticeInput = z.infer<typeof practiceInputSchema>;

/**
 * What publication needs beyond what a draft has (title, summary, description, administration,
 * region and theme are required from the start): who it is for, what it aims at, what it achieved
 * (a narrative or at least one indicator), on what terms others reuse it, and under which licence.
 */
export const REQUIRED_FOR_PUBLICATION = [
  'targetUsers',
  'objectives',
  'results',
  'reuseRequirements',
  'licence',
] as const;

/** One criterion's score (1–4) and note: `{efficacia: 3}` or `{efficacia: {score: 3, note: "…"}}`. */
const scoreEntry = z.preprocess(
  (v) => (v !== null && typeof v === 'object' ? v : { score: v }),
  z.object({
    score: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z
        .number(msg('practice_score'))
        .int(msg('practice_score'))
        .min(1, msg('practice_score'))
        .max(4, msg('practice_score')),
    ),
    note: z.preprocess(lf, z.string().trim().max(2000).default('')),
  }),
);

/** The protocol's decision; `criteria` are the keys of the active criteria (the only ones scored). */
export const validationInputSchema = (criteria: readonly string[]) =>
  z
    .object({
      decision: z.enum(VALIDATION_DECISIONS, msg('practice_decision')),
      scores: z.preprocess((v) => v ?? {}, z.record(z.string().max(60), z.unknown(), msg('practice_scores'))),
      strengths: longText(5000),
      weaknesses: longText(5000),
      comment: longText(5000),
    })
    .transform((v, ctx) => {
      const scores: { criterionKey: string; score: number; note: string }[] = [];
      for (const [key, value] of Object.entries(v.scores)) {
        if (!criteria.includes(key)) {
          ctx.addIssue({ code: 'custom', path: ['scores', key], message: 'v.practice_criterion_unknown' });
          continue;
        }
        const parsed = scoreEntry.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const message = issue.message.startsWith('v.') ? issue.message : 'v.practice_score';
          ctx.addIssue({ code: 'custom', path: ['scores', key], message });
        } else scores.push({ criterionKey: key, ...parsed.data });
      }
      if (v.decision === 'returned' && !v.comment)
        ctx.addIssue({ code: 'custom', path: ['comment'], message: 'v.practice_return_comment' });
      return {
        ...v,
        scores: scores.sort((a, b) => criteria.indexOf(a.criterionKey) - criteria.indexOf(b.criterionKey)),
      };
    });
export type ValidationInput = z.infer<ReturnType<typeof validationInputSchema>>;

/** A step's optional comment (submit, publish, archive). */
export const transitionInputSchema = z.object({
  comment: z.preprocess((v) => lf(v ?? ''), z.string().trim().max(2000)),
});

// --- The admins' protocol settings ------------------------------------------------------------

const label = requiredLine(120);
export const criterionInputSchema = z.object({
  key: z
    .string(msg('required'))
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,40}$/, msg('practice_criterion_key')),
  labelIt: label,
  labelEn: label,
  descriptionIt: longText(500),
  descriptionEn: longText(500),
});
export const criterionUpdateSchema = criterionInputSchema.omit({ key: true }).extend({
  active: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
});
export const criteriaOrderSchema = z.object({
  keys: z.preprocess(commaList, z.array(z.string().trim().min(1).max(60)).min(1, msg('required'))),
});
export const validatorInputSchema = z.object({ handle });
