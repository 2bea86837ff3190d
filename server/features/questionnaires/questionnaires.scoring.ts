// The questionnaire's rules, pure: which questions show (conditions), what a valid answer is, and the
// score per dimension. Each answered question that measures a dimension gives a value between 0 and 1
// (Likert: (v−1)/4; single choice: the option's score over the best option's; multiple choice: the
// chosen options' scores over all positive scores, at most 1; number: its place between min and max);
// a dimension's score is 100 × Σ(weight·value) / Σ(weight) over its answered questions.
import type {
  Answers,
  Dimension,
  Question,
  QuestionnaireDefinition,
  ResultBand,
  Scores,
} from '../../../models/schema.ts';
import type { FieldErrors } from '../../core/errors.ts';

export const LIKERT = [1, 2, 3, 4, 5] as const;
export type AnswerValue = string | number | string[];

export const allQuestions = (def: QuestionnaireDefinition): Question[] => def.sections.flatMap((s) => s.questions);

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The ids of the questions shown for these answers (a condition on a hidden question hides too). */
export function visibleQuestionIds(def: QuestionnaireDefinition, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const q of allQuestions(def)) {
    if (!q.showIf) {
      visible.add(q.id);
      continue;
    }
    if (!visible.has(q.showIf.question)) continue;
    const a = answers[q.showIf.question];
    const values = Array.isArray(a) ? a.map(String) : isEmpty(a) ? [] : [String(a)];
    if (values.includes(q.showIf.equals)) visible.add(q.id);
  }
  return visible;
}

type Checked = { value: AnswerValue } | { error: { key: string; params?: Record<string, unknown> } };

/** One answer, as a form (strings) or the API (numbers, arrays) gives it, checked against its question. */
export function checkAnswer(q: Question, raw: unknown): Checked {
  const bad = (key: string, params: Record<string, unknown> = {}): Checked => ({
    error: { key: `validation.questionnaire.${key}`, params: { question: q.text, ...params } },
  });
  switch (q.type) {
    case 'likert': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      return Number.isInteger(n) && n >= 1 && n <= 5 ? { value: n } : bad('likert');
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
      if (!Number.isFinite(n) || (typeof raw !== 'number' && String(raw).trim() === '')) return bad('number');
      if ((q.min !== null && n < q.min) || (q.max !== null && n > q.max))
        return bad('number_range', { min: q.min, max: q.max });
      return { value: n };
    }
    case 'single': {
      const v = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
      return v !== null && q.options.some((o) => o.value === v) ? { value: v } : bad('option');
    }
    case 'multiple': {
      const list = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
      if (!list.every((v) => q.options.some((o) => o.value === v))) return bad('option');
      return { value: [...new Set(list)] };
    }
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad('text');
      const v = String(raw).trim();
      return v.length > 4000 ? bad('text_long', { max: 4000 }) : { value: v };
    }
  }
}

/**
 * Checks answers. `complete` (submitting) also asks for every visible required question and refuses
 * answers to hidden ones; a draft only checks what is given. Unknown question ids are refused.
 * Returns the clean answers (empty ones dropped) and the errors by question id.
 */
export function checkAnswers(
  def: QuestionnaireDefinition,
  answers: Answers,
  opts: { complete: boolean; only?: Set<string> },
): { clean: Record<string, AnswerValue>; errors: FieldErrors } {
  const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
  const errors: FieldErrors = {};
  const clean: Record<string, AnswerValue> = {};
  for (const id of Object.keys(answers)) {
    if (!questions.has(id)) errors[id] = { key: 'validation.questionnaire.unknown', params: { id } };
  }
  for (const q of questions.values()) {
    const raw = answers[q.id];
    if (isEmpty(raw)) continue;
    const checked = checkAnswer(q, raw);
    if ('error' in checked) errors[q.id] = checked.error;
    else clean[q.id] = checked.value;
  }
  const visible = visibleQuestionIds(def, clean);
  for (const q of questions.values()) {
    if (opts.only && !opts.only.has(q.id)) continue;
    if (!visible.has(q.id)) {
      if (opts.complete && clean[q.id] !== undefined)
        errors[q.id] ??= {
          key: 'validation.questionnaire.hidden',
          params: { question: q.text, condition: q.showIf?.question },
        };
      delete clean[q.id];
    } else if (opts.complete && q.required && clean[q.id] === undefined) {
      errors[q.id] ??= { key: 'validation.questionnaire.required', params: { question: q.text } };
    }
  }
  if (opts.only) for (const id of Object.keys(errors)) if (!opts.only.has(id) && questions.has(id)) delete errors[id];
  return { clean, errors };
}

/** A question's value between 0 and 1, or null when it gives none. */
function unitValue(q: Question, v: AnswerValue): number | null {
  switch (q.type) {
    case 'likert':
      return ((v as number) - 1) / 4;
    case 'number':
      return q.min !== null && q.max !== null && q.max > q.min ? ((v as number) - q.min) / (q.max - q.min) : null;
    case 'single': {
      const best = Math.max(...q.options.map((o) => o.score));
      const chosen = q.options.find((o) => o.value === v)?.score ?? 0;
      return best > 0 ? chosen / best : null;
    }
    case 'multiple': {
      const total = q.options.reduce((s, o) => s + Math.max(0, o.score), 0);
      const chosen = q.options.filter((o) => (v as string[]).includes(o.value)).reduce((s, o) => s + o.score, 0);
      return total > 0 ? Math.min(1, chosen / total) : null;
    }
    case 'text':
      return null;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Scores per dimension (0–100, one decimal) of clean, visible answers; a dimension nobody answered is absent. */
export function scoreAnswers(def: QuestionnaireDefinition, clean: Record<string, AnswerValue>): Scores {
  const sums = new Map<string, { w: number; s: number }>();
  for (const q of allQuestions(def)) {
    const v = clean[q.id];
    if (v === undefined) continue;
    const unit = unitValue(q, v);
    if (unit === null) continue;
    for (const [d, w] of Object.entries(q.weights)) {
      if (w <= 0) continue;
      const acc = sums.get(d) ?? { w: 0, s: 0 };
      acc.w += w;
      acc.s += w * unit;
      sums.set(d, acc);
    }
  }
  const scores: Scores = {};
  for (const d of def.dimensions) {
    const acc = sums.get(d.key);
    if (acc && acc.w > 0) scores[d.key] = round1((100 * acc.s) / acc.w);
  }
  return scores;
}

/** The band a score falls in (the last band whose range holds it; bands cover 0–100). */
export function bandOf(dim: Dimension, score: number): ResultBand | null {
  const sorted = [...dim.bands].sort((a, b) => a.min - b.min);
  let found: ResultBand | null = null;
  for (const b of sorted) if (score >= b.min && score <= b.max) found = b;
  return found;
}

/** The mean of each dimension over a set of score records. */
export function meanScores(def: QuestionnaireDefinition, all: Scores[]): Scores {
  const out: Scores = {};
  for (const d of def.dimensions) {
    const values = all.map((s) => s[d.key]).filter((v): v is number => typeof v === 'number');
    if (values.length) out[d.key] = round1(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return out;
}
