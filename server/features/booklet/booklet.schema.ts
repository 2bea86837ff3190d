// What the booklet takes: a declared experience (API JSON or the form's fields), a recognition
// request, an assessor's decision, the person's answer, what the profile shows, an appointment.
// Every message names its field, in Italian first.
import { z } from 'zod';
import { EXPERIENCE_KINDS } from '../../../models/schema.ts';
import { isCalendarDay, italianDay } from '../../core/time.ts';
import { msg } from '../../core/validation.ts';

export { EXPERIENCE_KINDS };
export type { ExperienceKind } from '../../../models/schema.ts';

/** Evidence is a document: PDF, ODT, DOCX, or a scan (PNG, JPEG). Checked by content, declared type and name. */
export const EVIDENCE_MIMES = [
  'application/pdf',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
] as const;
/** How many evidence files one experience carries. */
export const MAX_EVIDENCE = 5;
/** How many competences one experience shows. */
export const MAX_COMPETENCES = 20;
export const DECISIONS = ['validated', 'refused', 'more_info'] as const;

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
/** Browsers send text areas with CRLF: stored text uses LF. */
const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const longText = (max: number) =>
  z.preprocess(lf, z.string(msg('required')).trim().max(max, msg('booklet_text_long'))).default('');

/** Codes from JSON (an array) or a form (a select's values, or one text separated by commas or spaces). */
const codeList = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).flatMap((x) =>
    typeof x === 'string' ? x.split(/[\s,;]+/).filter(Boolean) : [x],
  );
const code = z
  .string(msg('booklet_competence_code'))
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => CODE.test(s), msg('booklet_competence_code'));
const codes = z.preprocess(
  codeList,
  z
    .array(code)
    .max(MAX_COMPETENCES, msg('booklet_too_many_competences'))
    .transform((list) => [...new Set(list)]),
);

/** Ids from JSON (numbers) or a form (strings, one or many). */
const idList = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number(msg('booklet_ids')).int(msg('booklet_ids')).positive(msg('booklet_ids')).max(2_147_483_647)),
);

const day = z.string(msg('required')).trim().refine(isCalendarDay, msg('booklet_day'));
const optionalDay = z.preprocess(emptyToUndefined, day.nullable().optional()).transform((v) => v ?? null);

/** Hours as a number or a form's text ("12,5"); empty means not stated. */
const hours = z.preprocess(
  (v) =>
    typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : (v ?? undefined),
  z
    .number(msg('booklet_hours'))
    .min(0, msg('booklet_hours_negative'))
    .max(99_999, msg('booklet_hours'))
    .transform((n) => Math.round(n * 10) / 10)
    .optional(),
);

export const experienceFields = z
  .object({
    kind: z.enum(EXPERIENCE_KINDS, msg('booklet_kind')),
    title: z.string(msg('required')).trim().min(3, msg('booklet_title')).max(200, msg('booklet_title')),
    place: z.string().trim().max(200, msg('booklet_text_long')).default(''),
    startedOn: day,
    endedOn: optionalDay,
    hours,
    description: longText(5000),
    competences: codes,
    /** Uploads (POST /api/v1/attachments) to link as evidence. */
    attachmentIds: idList,
    /** Evidence files to remove (editing). */
    removeEvidenceIds: idList,
  })
  .superRefine((e, ctx) => {
    if (e.startedOn > italianDay(new Date()))
      ctx.addIssue({ code: 'custom', path: ['startedOn'], message: 'v.booklet_start_future' });
    if (e.endedOn && e.endedOn < e.startedOn)
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'v.booklet_end_before_start' });
  });
export type ExperienceInput = z.infer<typeof experienceFields>;

export const validationRequestSchema = z.object({
  experienceId: z.coerce
    .number(msg('booklet_experience'))
    .int(msg('booklet_experience'))
    .positive(msg('booklet_experience')),
  competence: code,
  message: z.preprocess(
    lf,
    z.string(msg('booklet_message')).trim().min(10, msg('booklet_message')).max(2000, msg('booklet_text_long')),
  ),
});
export type ValidationRequestInput = z.infer<typeof validationRequestSchema>;

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, msg('booklet_decision')),
    level: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number(msg('booklet_level'))
        .int(msg('booklet_level'))
        .min(1, msg('booklet_level'))
        .max(8, msg('booklet_level'))
        .optional(),
    ),
    reason: longText(2000),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'validated' && d.level === undefined)
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'v.booklet_level' });
    if (d.decision === 'refused' && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'v.booklet_reason_required' });
    if (d.decision === 'more_info' && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'v.booklet_more_info_required' });
  });
export type DecisionInput = z.infer<typeof decisionSchema>;

export const answerSchema = z.object({ message: longText(2000), attachmentIds: idList });

/** A checkbox: present ("on", "true", true) or not. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
export const visibilitySchema = z.object({
  showCourses: flag,
  showCompetences: flag,
  showCredentials: flag,
  emailInCredentials: flag,
});

export const assessorSchema = z.object({
  person: z.string(msg('booklet_assessor')).trim().min(1, msg('booklet_assessor')).max(200, msg('booklet_assessor')),
});

export const requestListQuery = z.object({
  queue: z.preprocess((v) => v === '1' || v === 'true', z.boolean()).optional(),
});
