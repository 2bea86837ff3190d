// Questionnaires as templates and the API see them: catalogue cards, questions with their inputs'
// state, results with the chart's data, plans, JSON shapes, and the anonymised CSV.
import { stringify } from 'csv-stringify/sync';
import type { TFunction } from 'i18next';
import type { Question, Questionnaire, QuestionnaireResponse } from '../../../models/schema.ts';
import type { FieldErrors } from '../../core/errors.ts';
import type { DimensionResult } from './questionnaires.taking.service.ts';

export const questionnaireCard = (q: Questionnaire & { responses?: number }) => ({
  slug: q.slug,
  title: q.title,
  summary: q.summary,
  audience: q.audience,
  subject: q.subject,
  draft: q.status !== 'published',
  responses: q.responses ?? 0,
  dimensions: q.definition.dimensions.length,
  questions: q.definition.sections.reduce((n, s) => n + s.questions.length, 0),
  url: `/questionari/${q.slug}`,
});

/** One question of a section page: its input's values and checked state, whether it shows, its error. */
export function questionView(
  q: Question,
  answers: Record<string, unknown>,
  visible: Set<string>,
  errors: Record<string, string>,
) {
  const a = answers[q.id];
  const chosen = Array.isArray(a) ? a.map(String) : a === undefined || a === null ? [] : [String(a)];
  return {
    id: q.id,
    type: q.type,
    text: q.text,
    help: q.help,
    required: q.required,
    min: q.min,
    max: q.max,
    value: chosen[0] ?? '',
    hidden: !visible.has(q.id),
    showIf: q.showIf,
    options: q.options.map((o) => ({ value: o.value, label: o.label, checked: chosen.includes(o.value) })),
    likert: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), checked: chosen.includes(String(n)) })),
    isSingle: q.type === 'single',
    isMultiple: q.type === 'multiple',
    isLikert: q.type === 'likert',
    isNumber: q.type === 'number',
    isText: q.type === 'text',
    error: errors[q.id],
  };
}

/** The result chart's data (read by public/js/questionnaire-result.ts from a JSON script tag). */
export function chartData(dimensions: DimensionResult[], t: TFunction, showAverage: boolean) {
  const withPrevious = dimensions.some((d) => d.previous !== null);
  return {
    labels: dimensions.map((d) => d.title),
    datasets: [
      { label: t('questionnaires.result.yours'), data: dimensions.map((d) => d.score) },
      ...(withPrevious
        ? [{ label: t('questionnaires.result.previous'), data: dimensions.map((d) => d.previous) }]
        : []),
      ...(showAverage ? [{ label: t('questionnaires.result.average'), data: dimensions.map((d) => d.average) }] : []),
    ],
  };
}

export const responseJson = (r: QuestionnaireResponse) => ({
  id: r.id,
  questionnaireId: r.questionnaireId,
  status: r.status,
  answers: r.answers,
  ...(r.status === 'submitted' ? { scores: r.scores ?? {}, submittedAt: r.submittedAt } : {}),
  updatedAt: r.updatedAt,
});

export const questionnaireJson = (q: Questionnaire, full: boolean) => ({
  slug: q.slug,
  title: q.title,
  summary: q.summary,
  audience: q.audience,
  subject: q.subject,
  status: q.status,
  dimensions: q.definition.dimensions.map((d) => ({
    key: d.key,
    title: d.title,
    ...(full
      ? { description: d.description, bands: d.bands, courses: d.courses, themes: d.themes, competences: d.competences }
      : {}),
  })),
  url: `/questionari/${q.slug}`,
  ...(full ? { intro: q.intro, sections: q.definition.sections } : {}),
});

/** Field errors of answers as the API names them: answers.<questionId>. */
export const answerFields = (fields: FieldErrors | undefined) =>
  Object.fromEntries(
    Object.entries(fields ?? {}).map(([k, v]) => [k.startsWith('answers.') || k === '_' ? k : `answers.${k}`, v]),
  );

/** The anonymised responses as CSV (UTF-8 with BOM, CRLF, formulas neutralised: as the courses' report). */
export const responsesCsv = (rows: string[][]) =>
  stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    quoted_match: ';',
    escape_formulas: true,
  });
