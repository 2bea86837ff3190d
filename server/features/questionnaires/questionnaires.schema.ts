// The questionnaire document (a file's questionnaire.yml, or what an animator writes in the browser)
// and the inputs of taking one and of improvement plans. The document is checked in two passes: its
// shape (zod), then its coherence (checkDefinition: ids unique, conditions pointing back to an earlier
// choice, weights naming dimensions, bands covering 0–100).
import { z } from 'zod';
import {
  BAND_KINDS,
  PLAN_ACTION_STATUSES,
  PRACTICE_THEMES,
  QUESTION_TYPES,
  QUESTIONNAIRE_AUDIENCES,
  QUESTIONNAIRE_SUBJECTS,
  type QuestionnaireDefinition,
} from '../../../models/schema.ts';
import { msg, optionalText } from '../../core/validation.ts';

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Path words of /questionari that cannot be a questionnaire's slug. */
export const RESERVED_SLUGS = ['nuovo', 'piani', 'risultati', 'importa'];
export const questionnaireSlug = z
  .string(msg('required'))
  .trim()
  .min(2, msg('slug'))
  .max(80, msg('slug'))
  .regex(SLUG_RE, msg('slug'))
  .refine((s) => !RESERVED_SLUGS.includes(s), msg('slug_reserved'));
const key = z
  .string(msg('required'))
  .trim()
  .min(1, msg('required'))
  .max(60)
  .regex(/^[a-z0-9_-]+$/i, msg('slug'));
const line = (max: number) => z.string(msg('required')).trim().min(1, msg('required')).max(max);
const longText = (max: number) => z.string().trim().max(max).default('');

const optionSchema = z
  .object({
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().trim().min(1).max(60)),
    label: line(300),
    score: z.number().min(0).max(100).default(0),
  })
  .strict();

const questionSchema = z
  .object({
    id: key,
    type: z.enum(QUESTION_TYPES, msg('invalid_value')),
    text: line(500),
    help: longText(1000),
    required: z.boolean().default(false),
    options: z.array(optionSchema).max(20).default([]),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    weights: z.record(z.string(), z.number().min(0).max(10)).default({}),
    showIf: z
      .object({
        question: key,
        equals: z.union([z.string(), z.number(), z.boolean()]).transform(String),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

const sectionOf = (minQuestions: number) =>
  z
    .object({
      key,
      title: line(200),
      intro: longText(2000),
      questions: z.array(questionSchema).min(minQuestions, msg('questionnaire_questions')).max(60),
    })
    .strict();
const sectionSchema = sectionOf(1);

const bandSchema = z
  .object({
    min: z.number().min(0).max(100),
    max: z.number().min(0).max(100),
    label: line(120),
    kind: z.enum(BAND_KINDS, msg('invalid_value')).default('neutral'),
    advice: longText(4000),
  })
  .strict();

const dimensionSchema = z
  .object({
    key,
    title: line(200),
    description: longText(1000),
    bands: z.array(bandSchema).min(1).max(10),
    courses: z
      .array(z.string().trim().regex(SLUG_RE, msg('slug')))
      .max(10)
      .default([]),
    themes: z
      .array(z.enum(PRACTICE_THEMES, msg('invalid_value')))
      .max(8)
      .default([]),
    competences: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  })
  .strict();

export const definitionSchema = z
  .object({
    dimensions: z.array(dimensionSchema).min(1, msg('questionnaire_dimensions')).max(12),
    sections: z.array(sectionSchema).min(1, msg('questionnaire_sections')).max(20),
  })
  .strip();

/** A draft being built in the browser may hold a section still without questions. */
export const draftDefinitionSchema = definitionSchema.extend({
  sections: z.array(sectionOf(0)).min(1, msg('questionnaire_sections')).max(20),
});

/** questionnaire.yml: the metadata and the document. */
export const questionnaireFileSchema = definitionSchema.extend({
  title: line(200),
  summary: longText(500),
  intro: longText(8000),
  audience: z.enum(QUESTIONNAIRE_AUDIENCES, msg('invalid_value')).default('members'),
  group: z.string().trim().regex(SLUG_RE, msg('slug')).nullable().default(null),
  subject: z.enum(QUESTIONNAIRE_SUBJECTS, msg('invalid_value')).default('person'),
  published: z.boolean().default(false),
  author: z.string().trim().max(80).nullable().default(null),
});
export type QuestionnaireFile = z.infer<typeof questionnaireFileSchema>;

/** A problem of coherence, at a path of the document, as an i18n key with its values. */
export type DefinitionProblem = { path: (string | number)[]; key: string; params?: Record<string, unknown> };

/** Checks what the shape cannot: references between questions, dimensions and bands. */
export function checkDefinition(def: QuestionnaireDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const dims = new Set<string>();
  def.dimensions.forEach((d, i) => {
    if (dims.has(d.key))
      problems.push({ path: ['dimensions', i, 'key'], key: 'duplicate_dimension', params: { key: d.key } });
    dims.add(d.key);
    const bands = [...d.bands].sort((a, b) => a.min - b.min);
    let next = 0;
    for (const b of bands) {
      if (b.min > b.max)
        problems.push({ path: ['dimensions', i, 'bands'], key: 'band_order', params: { label: b.label } });
      if (b.min > next + 1e-9 || b.min < next - 1e-9)
        problems.push({ path: ['dimensions', i, 'bands'], key: 'band_gap', params: { dimension: d.key, at: next } });
      next = b.max;
    }
    if (Math.abs(next - 100) > 1e-9)
      problems.push({ path: ['dimensions', i, 'bands'], key: 'band_end', params: { dimension: d.key } });
  });
  const seen = new Map<string, { type: string; options: string[] }>();
  const weighted = new Set<string>();
  def.sections.forEach((s, si) =>
    s.questions.forEach((q, qi) => {
      const at = ['sections', si, 'questions', qi];
      if (seen.has(q.id)) problems.push({ path: [...at, 'id'], key: 'duplicate_question', params: { id: q.id } });
      const choice = q.type === 'single' || q.type === 'multiple';
      if (choice && q.options.length < 2)
        problems.push({ path: [...at, 'options'], key: 'options_needed', params: { id: q.id } });
      if (!choice && q.options.length)
        problems.push({ path: [...at, 'options'], key: 'options_unexpected', params: { id: q.id } });
      if (choice && new Set(q.options.map((o) => o.value)).size !== q.options.length)
        problems.push({ path: [...at, 'options'], key: 'duplicate_option', params: { id: q.id } });
      if (q.type === 'number' && (q.min === null || q.max === null || q.min >= q.max))
        problems.push({ path: [...at, 'min'], key: 'number_range', params: { id: q.id } });
      if (q.type === 'text' && Object.keys(q.weights).length)
        problems.push({ path: [...at, 'weights'], key: 'text_weights', params: { id: q.id } });
      for (const d of Object.keys(q.weights)) {
        if (!dims.has(d))
          problems.push({ path: [...at, 'weights'], key: 'unknown_dimension', params: { id: q.id, dimension: d } });
        else if (q.weights[d]! > 0) weighted.add(d);
      }
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target)
          problems.push({
            path: [...at, 'showIf'],
            key: 'condition_target',
            params: { id: q.id, target: q.showIf.question },
          });
        else if (!target.options.includes(q.showIf.equals))
          problems.push({
            path: [...at, 'showIf'],
            key: 'condition_value',
            params: { id: q.id, target: q.showIf.question, value: q.showIf.equals },
          });
      }
      seen.set(q.id, { type: q.type, options: q.options.map((o) => o.value) });
    }),
  );
  def.dimensions.forEach((d, i) => {
    if (!weighted.has(d.key))
      problems.push({ path: ['dimensions', i], key: 'dimension_unmeasured', params: { dimension: d.key } });
  });
  return problems;
}

// --- taking ---------------------------------------------------------------------------------------
/** API body: answers by question id, and whether to submit. */
export const responseBodySchema = z
  .object({
    answers: z.record(z.string(), z.unknown(), msg('invalid_type')).default({}),
    submit: z.boolean().default(false),
    /** For a questionnaire about a group: the slug of the respondent's group it assesses (when starting). */
    group: z.string().trim().max(80).optional(),
  })
  .strict();

// --- improvement plans ----------------------------------------------------------------------------
const dueDate = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('questionnaire_date'))
    .optional(),
);
const ownerId = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce.number().int().positive().max(2_147_483_647).optional(),
);
export const planActionSchema = z.object({
  dimension: key,
  title: line(300),
  ownerId,
  dueDate,
  status: z.enum(PLAN_ACTION_STATUSES, msg('invalid_value')).default('todo'),
  indicator: optionalText(500),
});
export type PlanActionInput = z.infer<typeof planActionSchema>;

export const planActionPatchSchema = planActionSchema.partial().strict();

export const planCreateSchema = z.object({
  responseId: z.coerce.number().int().positive().max(2_147_483_647),
  title: optionalText(200),
  actions: z.array(planActionSchema).max(50).optional(),
});

/** An action's statuses, in order (the plan page's choices). */
export { PLAN_ACTION_STATUSES as PLAN_STATUSES, QUESTION_TYPES } from '../../../models/schema.ts';
