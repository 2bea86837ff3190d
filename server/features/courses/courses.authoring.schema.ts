// Course authoring forms: zod schemas for the settings, module, lesson, quiz and question forms,
// and the mapping between a stored question and its form rows (choices, correct, feedback).
import { z } from 'zod';
import { COURSE_ENROLMENTS, COURSE_LEVELS, LESSON_KINDS, QUESTION_KINDS, type QuizQuestion } from '../../../models/schema.ts';
import { ValidationError, type FieldErrors } from '../../core/errors.ts';
import { zodToFields } from '../../core/validation.ts';
import { courseFields, normaliseQuestions, ONE_LINE, questionFileSchema, SLUG_RE, type QuestionFile } from './courses.schema.ts';

export const V = 'course_authoring.validation';
export const MAX_CHOICES = 12;
export type Direction = 'up' | 'down';

// ---------------------------------------------------------------------------------------------
// Form schemas. Messages starting with "ca." are keys under course_authoring.validation.

/** Parses a form; an issue whose message is "ca.<key>" gets that key, any other the generic one. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const name = issue.path.length ? issue.path.join('.') : '_';
    if (fields[name]) continue;
    fields[name] = issue.message.startsWith('ca.')
      ? { key: `${V}.${issue.message.slice(3)}`, params: (issue as { params?: Record<string, unknown> }).params ?? {} }
      : zodToFields(new z.ZodError([issue]))[name]!;
  }
  throw new ValidationError(fields);
}

/** Browsers send text areas with CRLF: stored text uses LF, so saving it again changes nothing. */
export const lf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
const longText = (max: number) => z.preprocess(lf, z.string().max(max).default(''));
const trimmedLongText = (max: number) => z.preprocess(lf, z.string().trim().max(max).default(''));
/** "1,5" or "1.5" → 1.5; an empty field is absent. */
const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v), schema);
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
export const title = z.string({ error: 'ca.title' }).trim().min(1, { error: 'ca.title' }).max(200).regex(ONE_LINE, { error: 'ca.title' });
export const slugParam = z.string().trim().max(80).regex(SLUG_RE);

const COMPETENCE_RE = /^(.+?)\s+[-–—]\s+(.+)$|^([^\s:]+)\s*:\s*(.+)$/;

/** "CODICE – titolo" lines → competences; a line that is not one names itself. */
const competenceLines = z.preprocess(
  lf,
  z
    .string()
    .max(20_000)
    .default('')
    .transform((text, ctx) => {
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      if (lines.length > 30) ctx.addIssue({ code: 'custom', message: 'ca.competences_many', params: { max: 30 } });
      return lines.map((line, i) => {
        const m = COMPETENCE_RE.exec(line);
        const code = (m?.[1] ?? m?.[3] ?? '').trim();
        const text = (m?.[2] ?? m?.[4] ?? '').trim();
        if (!m || code.length > 40 || text.length > 300) ctx.addIssue({ code: 'custom', message: 'ca.competence_line', params: { line: i + 1 } });
        return { code, title: text };
      });
    }),
);

export const settingsSchema = z
  .object({
    title,
    summary: courseFields.summary,
    description: longText(20_000),
    audience: courseFields.audience,
    theme: courseFields.theme,
    hours: numeric(z.number({ error: 'ca.hours' }).positive({ error: 'ca.hours' }).max(1000, { error: 'ca.hours' })),
    level: z.enum(COURSE_LEVELS, { error: 'ca.level' }),
    language: z.enum(['it', 'en'], { error: 'ca.language' }).default('it'),
    enrolment: z.enum(COURSE_ENROLMENTS, { error: 'ca.enrolment' }).default('open'),
    licence: courseFields.licence,
    competences: competenceLines,
    completionLessons: checkbox,
    completionQuizzes: checkbox,
    attendance: numeric(z.number({ error: 'ca.attendance' }).int({ error: 'ca.attendance' }).min(0, { error: 'ca.attendance' }).max(50, { error: 'ca.attendance' })).default(0),
  })
  .transform(({ completionLessons, completionQuizzes, attendance, ...s }) => ({
    ...s,
    completion: { lessons: completionLessons, quizzes: completionQuizzes, attendance },
  }));
export type SettingsInput = z.infer<typeof settingsSchema>;

export const moduleSchema = z.object({ title, summary: z.string().trim().max(500, { error: 'ca.summary_long' }).default('') });
export const newLessonSchema = z.object({ title, module: slugParam.optional() });

export const lessonSchema = z
  .object({
    title,
    module: z.string({ error: 'ca.module_unknown' }).trim().min(1, { error: 'ca.module_unknown' }),
    minutes: numeric(z.number({ error: 'ca.minutes' }).int({ error: 'ca.minutes' }).min(1, { error: 'ca.minutes' }).max(600, { error: 'ca.minutes' })),
    kind: z.enum(LESSON_KINDS, { error: 'ca.kind' }).default('reading'),
    video: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.url({ protocol: /^https$/, error: 'ca.video_url' }).max(500).optional()),
    body: trimmedLongText(100_000),
  })
  .superRefine((l, ctx) => {
    if (l.kind === 'video' && !l.video) ctx.addIssue({ code: 'custom', path: ['video'], message: 'ca.video_required' });
  });

export const quizSchema = z.object({
  title,
  description: trimmedLongText(2000),
  passingScore: numeric(z.number({ error: 'ca.passing_score' }).int({ error: 'ca.passing_score' }).min(0, { error: 'ca.passing_score' }).max(100, { error: 'ca.passing_score' })).default(70),
  // Empty: no limit.
  maxAttempts: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? Number(v.trim()) : v),
    z.number({ error: 'ca.max_attempts' }).int({ error: 'ca.max_attempts' }).min(1, { error: 'ca.max_attempts' }).max(100, { error: 'ca.max_attempts' }).nullable(),
  ),
});

export const questionFormSchema = z.object({
  kind: z.enum(QUESTION_KINDS, { error: 'ca.question_kind' }),
  text: z.preprocess(lf, z.string({ error: 'ca.question_text' }).trim().min(1, { error: 'ca.question_text' }).max(2000)),
  points: numeric(z.number({ error: 'ca.points' }).positive({ error: 'ca.points' }).max(100, { error: 'ca.points' })).default(1),
  explanation: trimmedLongText(2000),
  trueAnswer: z.enum(['true', 'false']).optional().catch(undefined),
  feedbackTrue: trimmedLongText(2000),
  feedbackFalse: trimmedLongText(2000),
  expected: z.preprocess(lf, z.string().max(5000).default('')),
});

export const previewSchema = z.object({ markdown: z.string().max(100_000), course: slugParam.optional().catch(undefined) });

// ---------------------------------------------------------------------------------------------
// The question form: up to MAX_CHOICES rows named choice<N>_text, choice<N>_feedback,
// choice<N>_correct, choice<N>_id (the id a stored choice keeps, so learners' answers still match).

export type ChoiceRow = { n: number; id: string; text: string; feedback: string; correct: boolean };
export type QuestionForm = {
  kind: string;
  text: string;
  points: string;
  explanation: string;
  trueAnswer: string;
  feedbackTrue: string;
  feedbackFalse: string;
  expected: string;
  choices: ChoiceRow[];
};

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const rowCount = (filled: number) => Math.min(MAX_CHOICES, Math.max(6, filled + 2));

/** A stored question as the form shows it. */
export function questionToForm(question: QuizQuestion | null): QuestionForm {
  if (!question) {
    return { kind: 'single', text: '', points: '1', explanation: '', trueAnswer: '', feedbackTrue: '', feedbackFalse: '', expected: '', choices: emptyRows(0, 6) };
  }
  const tf = question.kind === 'truefalse';
  const choices = tf ? [] : question.choices.map((c, i) => ({ n: i + 1, id: c.id, text: c.text, feedback: c.feedback, correct: question.answer.includes(c.id) }));
  return {
    kind: question.kind,
    text: question.text,
    points: String(question.points),
    explanation: question.explanation,
    trueAnswer: tf ? (question.answer[0] ?? '') : '',
    feedbackTrue: tf ? (question.choices.find((c) => c.id === 'true')?.feedback ?? '') : '',
    feedbackFalse: tf ? (question.choices.find((c) => c.id === 'false')?.feedback ?? '') : '',
    expected: question.expected.join('\n'),
    choices: [...choices, ...emptyRows(choices.length, rowCount(choices.length))],
  };
}

const emptyRows = (from: number, to: number): ChoiceRow[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ n: from + i + 1, id: '', text: '', feedback: '', correct: false }));

/** What was posted, as the form shows it again (after an error or a preview). */
export function postedQuestionForm(body: Record<string, unknown>): QuestionForm {
  const rows: ChoiceRow[] = [];
  for (let n = 1; n <= MAX_CHOICES; n++) {
    rows.push({ n, id: str(body[`choice${n}_id`]), text: str(body[`choice${n}_text`]), feedback: str(body[`choice${n}_feedback`]), correct: Boolean(body[`choice${n}_correct`]) });
  }
  const last = rows.reduce((m, r) => (r.text || r.feedback || r.correct ? r.n : m), 0);
  return {
    kind: str(body.kind) || 'single',
    text: str(body.text),
    points: str(body.points),
    explanation: str(body.explanation),
    trueAnswer: str(body.trueAnswer),
    feedbackTrue: str(body.feedbackTrue),
    feedbackFalse: str(body.feedbackFalse),
    expected: str(body.expected),
    choices: rows.slice(0, rowCount(last)),
  };
}

const CHOICE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The posted form as a question file (the shape quiz files use), each choice remembering its row so
 * an error lands on the right field. Rows without text are no choice; a "correct" tick on one still
 * counts as an answer, which then refers to no choice.
 */
function questionFromForm(form: z.infer<typeof questionFormSchema>, body: Record<string, unknown>, id: string): { question: QuestionFile; rows: number[] } {
  const rows: number[] = [];
  const choices: { id: string; text: string; feedback: string }[] = [];
  const answer: string[] = [];
  const used = new Set<string>();
  const posted = postedQuestionForm(body).choices;
  for (const row of posted) {
    const wanted = CHOICE_ID_RE.test(row.id) && row.id.length <= 60 && !used.has(row.id) ? row.id : '';
    const choiceId = wanted || nextChoiceId(used, posted);
    used.add(choiceId);
    if (row.text.trim()) {
      rows.push(row.n);
      choices.push({ id: choiceId, text: String(lf(row.text)).trim(), feedback: String(lf(row.feedback)).trim() });
    }
    if (row.correct) answer.push(choiceId);
  }
  const base = { id, kind: form.kind, text: form.text, points: form.points, explanation: form.explanation };
  if (form.kind === 'truefalse') {
    return {
      question: { ...base, answer: form.trueAnswer === undefined ? undefined : form.trueAnswer === 'true', feedback: { true: form.feedbackTrue, false: form.feedbackFalse } },
      rows,
    };
  }
  if (form.kind === 'text') {
    return { question: { ...base, expected: form.expected.split('\n').map((l) => l.trim()).filter(Boolean) }, rows };
  }
  return { question: { ...base, choices, answer: form.kind === 'single' && answer.length === 1 ? answer[0] : answer.length ? answer : undefined }, rows };
}

/** The first letter (a, b, c…) no row uses. */
function nextChoiceId(used: Set<string>, rows: ChoiceRow[]): string {
  const taken = new Set([...used, ...rows.map((r) => r.id)]);
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!taken.has(letter)) return letter;
  let n = 1;
  while (taken.has(`c${n}`)) n++;
  return `c${n}`;
}

/** Where a problem with a question file path goes in the form. */
function questionField(path: PropertyKey[], rows: number[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === 'choices' && index !== undefined && leaf && leaf !== 'id') return `choice${rows[Number(index)] ?? 1}_${leaf}`;
  if (head === 'choices') return 'choices';
  if (head === 'feedback') return index === 'false' ? 'feedbackFalse' : 'feedbackTrue';
  if (head === 'expected') return 'expected';
  return head ?? '_';
}

/** Checks a posted question as quiz files are checked; every problem names its field in the form. */
export function parseQuestion(body: unknown, id: string): QuizQuestion {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const form = parseForm(questionFormSchema, input);
  const { question, rows } = questionFromForm(form, input, id);
  const fields: FieldErrors = {};
  const parsed = questionFileSchema.safeParse(question);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = questionField(issue.path, rows);
      fields[field] ??= zodToFields(new z.ZodError([{ ...issue, path: [] }]))._!;
    }
    throw new ValidationError(fields);
  }
  const { questions, problems } = normaliseQuestions([parsed.data]);
  for (const p of problems) {
    const field = questionField(p.path.slice(2), rows);
    // A true/false answer is the radio pair of its own section.
    fields[field === 'answer' && form.kind === 'truefalse' ? 'trueAnswer' : field] ??= { key: p.key.replace(/^courses\.import\./, `${V}.`), params: p.params ?? {} };
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return canonicalQuestion(questions[0]!);
}

/** A question with its keys in one order (the database does not keep jsonb key order), for hashing. */
export const canonicalQuestion = (qn: QuizQuestion): QuizQuestion => ({
  id: qn.id,
  kind: qn.kind,
  text: qn.text,
  points: qn.points,
  explanation: qn.explanation,
  expected: qn.expected,
  choices: qn.choices.map((c) => ({ id: c.id, text: c.text, feedback: c.feedback })),
  answer: qn.answer,
});

/** "up" or "down" from a form; anything else is a 400 naming the field. */
export function parseDirection(input: unknown): Direction {
  return parseForm(z.object({ direction: z.enum(['up', 'down'], { error: 'ca.direction' }) }), input).direction;
}
