// What a twinning, a transfer model, a milestone, a participation and an outcome are made of, as
// zod schemas shared by the forms (strings, comma-separated lists) and the API (JSON). Rules that
// span fields or need the database (sides that differ, a milestone due before the start) are the
// service's (twinnings.service.ts); the status machine is the policy's.
import { z } from 'zod';
import {
  MILESTONE_STATUSES,
  PRACTICE_THEMES,
  REGIONS,
  TWINNING_OUTCOMES,
  TWINNING_ROLES,
  TWINNING_STATUSES,
} from '../../../models/schema.ts';
import { isCalendarDay } from '../../core/time.ts';
import { msg } from '../../core/validation.ts';

export { MILESTONE_STATUSES, PRACTICE_THEMES, REGIONS, TWINNING_OUTCOMES, TWINNING_ROLES, TWINNING_STATUSES };

export const LIST_PAGE_SIZE = 12;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ONE_LINE = /^[^\p{Cc}]*$/u;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
/** A list from JSON (an array) or a form (one text, comma separated, or several values). */
const commaList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v === undefined || v === null
      ? []
      : v;

const line = (max: number, key = 'required') =>
  z.string(msg(key)).trim().min(1, msg(key)).max(max, msg('twinning_too_long')).regex(ONE_LINE, msg('one_line'));
const markdown = (max: number) =>
  z.preprocess(lf, z.string(msg('invalid_type')).trim().max(max, msg('twinning_too_long')));
const orgSlug = z.string(msg('twinning_organization')).trim().regex(SLUG, msg('twinning_organization'));
const day = (key: string) =>
  z.preprocess(blankToUndefined, z.string(msg(key)).trim().refine(isCalendarDay, msg(key)).optional());
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(blankToUndefined, z.enum(values, msg(key)).optional());

export const twinningFields = z.object({
  title: line(200),
  summary: markdown(20_000).default(''),
  offering: z.preprocess(commaList, z.array(orgSlug).min(1, msg('twinning_offering_required')).max(20)),
  receiving: z.preprocess(commaList, z.array(orgSlug).min(1, msg('twinning_receiving_required')).max(20)),
  practices: z.preprocess(
    commaList,
    z.array(z.string(msg('twinning_practice')).trim().regex(SLUG, msg('twinning_practice'))).max(20),
  ),
  /** Per receiving administration (its slug): what it means to achieve. */
  objectives: z.record(z.string(), markdown(5000)).default({}),
  expectedResults: markdown(10_000).default(''),
  achievedResults: markdown(10_000).default(''),
  startsOn: day('twinning_day'),
  endsOn: day('twinning_day'),
  programme: z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    z.string().trim().max(200, msg('twinning_too_long')).regex(ONE_LINE, msg('one_line')),
  ),
  priorities: z.preprocess(
    commaList,
    z.array(z.string().trim().min(1).max(80, msg('twinning_too_long')).regex(ONE_LINE, msg('one_line'))).max(12),
  ),
  region: optionalChoice(REGIONS, 'region'),
  theme: optionalChoice(PRACTICE_THEMES, 'exchange_theme'),
  meetingUrl: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'v.twinning_url' })
      .max(2000)
      .optional(),
  ),
});
export type TwinningInput = z.infer<typeof twinningFields>;

/** A change (edit form, API PATCH): fields, checked with the stored ones; `status` one step of the machine. */
export const twinningPatchSchema = twinningFields.partial().extend({
  status: optionalChoice(TWINNING_STATUSES, 'twinning_status'),
});

/** A proposal from a practice page or a conversation: the same record, starting as "proposed". */
export const proposalSchema = twinningFields;

export const modelSchema = z.object({
  code: z
    .string(msg('twinning_model_code'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,4}$/, msg('twinning_model_code')),
  title: line(200),
  description: markdown(10_000).default(''),
  offering: orgSlug,
  receiving: orgSlug,
  /** The practice of the twinning this model transfers (defaults to its first). */
  practice: z.preprocess(blankToUndefined, z.string().trim().regex(SLUG, msg('twinning_practice')).optional()),
  responsible: z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    z.string().trim().max(300, msg('twinning_too_long')).regex(ONE_LINE, msg('one_line')),
  ),
});
export type ModelInput = z.infer<typeof modelSchema>;

export const milestoneSchema = z.object({
  modelCode: z
    .string(msg('twinning_model_unknown'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,4}$/, msg('twinning_model_unknown')),
  title: line(200),
  dueDate: z.string(msg('twinning_day')).trim().refine(isCalendarDay, msg('twinning_day')),
});

export const milestonePatchSchema = z.object({
  status: z.enum(MILESTONE_STATUSES, msg('twinning_milestone_status')),
  evidence: z.preprocess(lf, z.string().trim().max(5000, msg('twinning_too_long')).optional()),
  /** A document of the twinning, or an upload of one's own (it becomes one), as evidence; null removes it. */
  evidenceAttachmentId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number(msg('twinning_evidence_attachment'))
      .int(msg('twinning_evidence_attachment'))
      .min(1, msg('twinning_evidence_attachment'))
      .max(2_147_483_647, msg('twinning_evidence_attachment'))
      .nullable()
      .optional(),
  ),
});

export const joinSchema = z.object({ role: z.enum(TWINNING_ROLES, msg('twinning_role')) });

export const outcomeSchema = z.object({
  modelCode: z
    .string(msg('twinning_model_unknown'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,4}$/, msg('twinning_model_unknown')),
  outcome: z.enum(TWINNING_OUTCOMES, msg('twinning_outcome')),
  notes: markdown(4000).default(''),
});

/** Several outcomes at once (the closing form, or the API with `outcomes: [...]`). */
export const outcomesSchema = z.union([
  z.object({ outcomes: z.array(outcomeSchema).min(1, msg('required')).max(50) }),
  outcomeSchema.transform((o) => ({ outcomes: [o] })),
]);

/** The list's filters (the page and GET /api/v1/twinnings share them). */
export const listQuerySchema = z.object({
  status: optionalChoice(TWINNING_STATUSES, 'twinning_status'),
  region: optionalChoice(REGIONS, 'region'),
  theme: optionalChoice(PRACTICE_THEMES, 'exchange_theme'),
  organization: z.preprocess(blankToUndefined, z.string().trim().regex(SLUG, msg('twinning_organization')).optional()),
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

/** A meeting or live stream of the twinning: an event of the calendar in its discussion space. */
export const meetingSchema = z.object({
  title: line(200),
  startsAt: z.string(msg('required')).trim().min(1, msg('required')),
  endsAt: z.string(msg('required')).trim().min(1, msg('required')),
  onlineUrl: z.preprocess(blankToUndefined, z.string().optional()),
  streamingUrl: z.preprocess(blankToUndefined, z.string().optional()),
  place: z.preprocess(blankToUndefined, z.string().optional()),
  description: z.preprocess(blankToUndefined, z.string().optional()),
});

/** Documents to link: ids of the actor's own uploads (POST /api/v1/attachments, or the page's form). */
export const documentsSchema = z.object({
  attachmentIds: z.preprocess(
    commaList,
    z
      .array(z.coerce.number(msg('twinning_documents')).int(msg('twinning_documents')).min(1).max(2_147_483_647))
      .min(1, msg('twinning_documents'))
      .max(30, msg('twinning_documents')),
  ),
});
