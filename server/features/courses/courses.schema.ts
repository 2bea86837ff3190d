// What a course is made of, as zod schemas: the files in courses/<slug>/ (course.yml, lesson front
// matter, quizzes/*.yml), the same shapes written in the browser, and the learners' inputs.
import { z } from 'zod';
import { COURSE_ENROLMENTS, COURSE_LEVELS, LESSON_KINDS, QUESTION_KINDS, SESSION_MODES, type QuizQuestion } from '../../../models/schema.ts';
import { parseDateTime } from '../../core/time.ts';
import { dateTime, msg, optionalText } from '../../core/validation.ts';

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Paths under /corsi that are pages, not courses. */
export const RESERVED_SLUGS = ['miei', 'nuovo', 'anteprima'];

export const courseSlug = z
  .string()
  .trim()
  .min(2, msg('slug'))
  .max(80, msg('slug'))
  .regex(SLUG_RE, msg('slug'))
  .refine((s) => !RESERVED_SLUGS.includes(s), msg('slug_reserved'));
const idSlug = z.string().trim().min(1, msg('required')).max(60).regex(SLUG_RE, msg('slug'));
/** One line of text: control characters (line breaks included) would break feeds such as iCal. */
export const ONE_LINE = /^[^\p{Cc}]*$/u;
const required = (max: number) => z.string(msg('required')).trim().min(1, msg('required')).max(max).regex(ONE_LINE, msg('one_line'));

export const competenceSchema = z.strictObject({ code: required(40), title: required(300) });
export const completionSchema = z.strictObject({
  lessons: z.boolean().default(true),
  quizzes: z.boolean().default(true),
  attendance: z.number().int().min(0).max(50).default(0),
});

/** The course's own settings, as course.yml holds them and the browser form edits them. */
export const courseFields = {
  title: required(200),
  summary: required(500),
  description: z.string().max(20_000).default(''),
  audience: required(500),
  theme: z.string().trim().max(80).default(''),
  hours: z.number(msg('number')).positive(msg('number')).max(1000),
  level: z.enum(COURSE_LEVELS, msg('invalid_value')),
  language: z.string().trim().min(2).max(10).default('it'),
  enrolment: z.enum(COURSE_ENROLMENTS, msg('invalid_value')).default('open'),
  licence: z.string().trim().max(120).default(''),
};

export const courseFileSchema = z.strictObject({
  ...courseFields,
  published: z.boolean().default(true),
  cover: z
    .string()
    .regex(/^[\w-]+(?:\/[\w-]+)*\.(?:svg|png|jpe?g|webp)$/i, msg('cover'))
    .optional(),
  competences: z.array(competenceSchema).max(30).default([]),
  animators: z.array(z.strictObject({ handle: z.string().trim().max(60).optional(), name: required(120) })).max(20).default([]),
  modules: z
    .array(z.strictObject({ slug: idSlug, title: required(200), summary: z.string().trim().max(500).default('') }))
    .min(1, msg('modules_required'))
    .max(50),
  completion: completionSchema.default({ lessons: true, quizzes: true, attendance: 0 }),
});
export type CourseFile = z.infer<typeof courseFileSchema>;

export const lessonFrontMatterSchema = z.strictObject({
  title: required(200),
  module: idSlug,
  minutes: z.number(msg('number')).int().min(1).max(600),
  kind: z.enum(LESSON_KINDS, msg('invalid_value')).default('reading'),
  video: z.url({ protocol: /^https$/, error: 'v.url' }).optional(),
});

const choiceSchema = z.strictObject({ id: idSlug, text: required(1000), feedback: z.string().trim().max(2000).default('') });

/** A question as written in a quiz file (`answer` refers to choice ids; truefalse answers a boolean). */
export const questionFileSchema = z.strictObject({
  id: idSlug,
  kind: z.enum(QUESTION_KINDS, msg('invalid_value')),
  text: required(2000),
  points: z.number().positive().max(100).default(1),
  choices: z.array(choiceSchema).max(12).optional(),
  answer: z.union([z.string(), z.array(z.string()), z.boolean()]).optional(),
  expected: z.array(required(200)).max(20).optional(),
  feedback: z.strictObject({ true: z.string().max(2000).optional(), false: z.string().max(2000).optional() }).optional(),
  explanation: z.string().trim().max(2000).default(''),
});
export type QuestionFile = z.infer<typeof questionFileSchema>;

export const quizFileSchema = z.strictObject({
  title: required(200),
  description: z.string().trim().max(2000).default(''),
  passingScore: z.number().int().min(0).max(100).default(70),
  maxAttempts: z.number().int().min(1).max(100).optional(),
  questions: z.array(questionFileSchema).min(1, msg('questions_required')).max(200),
});
export type QuizFile = z.infer<typeof quizFileSchema>;

export type QuestionProblem = { path: (string | number)[]; key: string; params?: Record<string, unknown> };

/**
 * Checks what a schema cannot: answers that name no choice, duplicate ids, a kind's required parts;
 * returns the normalised questions or the problems, each with the path of the offending value.
 */
export function normaliseQuestions(questions: QuestionFile[]): { questions: QuizQuestion[]; problems: QuestionProblem[] } {
  const problems: QuestionProblem[] = [];
  const seen = new Set<string>();
  const out: QuizQuestion[] = [];
  questions.forEach((q, i) => {
    const at = (...rest: (string | number)[]) => ['questions', i, ...rest];
    if (seen.has(q.id)) problems.push({ path: at('id'), key: 'courses.import.duplicate_question', params: { id: q.id } });
    seen.add(q.id);
    const choices = q.choices ?? [];
    const base = { id: q.id, kind: q.kind, text: q.text, points: q.points, explanation: q.explanation, expected: [] as string[] };
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (choices.length < 2) problems.push({ path: at('choices'), key: 'courses.import.choices_required' });
      const ids = new Set<string>();
      choices.forEach((c, j) => {
        if (ids.has(c.id)) problems.push({ path: at('choices', j, 'id'), key: 'courses.import.duplicate_choice', params: { id: c.id } });
        ids.add(c.id);
      });
      const answer = q.answer === undefined ? [] : Array.isArray(q.answer) ? q.answer : [String(q.answer)];
      if (!answer.length || (q.kind === 'single' && (Array.isArray(q.answer) || typeof q.answer !== 'string'))) {
        problems.push({ path: at('answer'), key: q.kind === 'single' ? 'courses.import.answer_single' : 'courses.import.answer_multiple' });
      }
      for (const a of answer) {
        if (!ids.has(a)) problems.push({ path: at('answer'), key: 'courses.import.answer_unknown', params: { id: a } });
      }
      out.push({ ...base, choices: choices.map((c) => ({ id: c.id, text: c.text, feedback: c.feedback })), answer: [...new Set(answer)] });
    } else if (q.kind === 'truefalse') {
      if (typeof q.answer !== 'boolean') problems.push({ path: at('answer'), key: 'courses.import.answer_boolean' });
      out.push({
        ...base,
        choices: [
          { id: 'true', text: '', feedback: q.feedback?.true?.trim() ?? '' },
          { id: 'false', text: '', feedback: q.feedback?.false?.trim() ?? '' },
        ],
        answer: [String(q.answer === true)],
      });
    } else {
      if (!q.expected?.length) problems.push({ path: at('expected'), key: 'courses.import.expected_required' });
      out.push({ ...base, choices: [], answer: [], expected: q.expected ?? [] });
    }
  });
  return { questions: out, problems };
}

// Learners' inputs.

/** `{answers:{<questionId>: <choiceId> | [<choiceId>...] | "text"}}`; true/false answers "true"/"false" or booleans. */
export const attemptSchema = z.object({
  // Question ids are slugs. Keys are checked on the raw object: a record parser drops "__proto__"
  // silently, which would turn a malformed attempt into an empty one that uses up a try.
  answers: z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => !SLUG_RE.test(k)) ? null : v), z.record(
    z.string().max(60),
    z.union([z.string().max(500), z.boolean().transform(String), z.array(z.string().max(60)).max(20)]),
    msg('answers'),
  )),
});

export const catalogueSchema = z.object({
  q: optionalText(100),
  tema: optionalText(80),
  livello: z.enum(COURSE_LEVELS).optional().catch(undefined),
  durata: z.enum(['breve', 'media', 'lunga']).optional().catch(undefined),
});

export const DURATIONS = { breve: [0, 4], media: [4, 10], lunga: [10, 10_000] } as const;

export { parseDateTime };

export const sessionSchema = z
  .object({
    title: required(200),
    mode: z.enum(SESSION_MODES, msg('invalid_value')).default('presence'),
    startsAt: dateTime,
    endsAt: dateTime,
    place: z.string().trim().max(300).regex(ONE_LINE, msg('one_line')).default(''),
    url: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/, error: 'v.url' }).optional()),
    seats: z.coerce.number(msg('number')).int(msg('number')).min(1, msg('seats')).max(10_000, msg('seats')),
    description: z.string().trim().max(2000).default(''),
  })
  .superRefine((s, ctx) => {
    if (s.endsAt <= s.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'v.ends_before_start' });
    if (s.mode === 'presence' && !s.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'v.place_required' });
    if (s.mode === 'online' && !s.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'v.url_required' });
  });
export type SessionInput = z.infer<typeof sessionSchema>;

export const attendanceSchema = z.object({
  attended: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(10_000)),
});
