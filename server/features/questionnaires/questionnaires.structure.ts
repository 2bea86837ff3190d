// The browser's structured editor: a questionnaire's metadata, and its dimensions (with their bands
// and suggestions), sections and questions (with options and scores, weights, conditions), one item
// at a time. Every change is checked as a whole document — the same checks as a file — before it is
// saved; the YAML editor (questionnaires.service.ts, saveFromEditor) remains for bulk work.
import { z } from 'zod';
import { findGroupById, findGroupBySlug } from '../../../models/queries/groups.ts';
import * as q from '../../../models/queries/questionnaires.ts';
import type { Dimension, Question, QuestionnaireDefinition } from '../../../models/schema.ts';
import { QUESTIONNAIRE_AUDIENCES, QUESTIONNAIRE_SUBJECTS } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { msg, parseInput, zodToFields } from '../../core/validation.ts';
import { canManageQuestionnaires } from './questionnaires.policy.ts';
import { checkDefinition, definitionSchema, draftDefinitionSchema } from './questionnaires.schema.ts';

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
const cells = (line: string) => line.split('|').map((x) => x.trim());
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s.replace(',', '.')));

/** "0-40 | improve | Etichetta | Consiglio" per line → bands. */
export const parseBands = (text: string | undefined) =>
  lines(text).map((l) => {
    const [range = '', kind = 'neutral', label = '', ...advice] = cells(l);
    const [min, max] = range.split(/[-–]/).map((x) => num(x));
    return { min, max, kind, label, advice: advice.join(' | ') };
  });
/** "valore | Etichetta | punteggio" per line → options. */
export const parseOptions = (text: string | undefined) =>
  lines(text).map((l) => {
    const [value = '', label = '', score = '0'] = cells(l);
    return { value, label: label || value, score: num(score) ?? 0 };
  });
/** "dimensione=2, altra=1" → weights. */
export const parseWeights = (text: string | undefined) =>
  Object.fromEntries(
    list(text).map((w) => {
      const [k = '', v = '1'] = w.split('=').map((x) => x.trim());
      return [k, num(v) ?? Number.NaN];
    }),
  );

export const bandsText = (d: Dimension) =>
  d.bands.map((b) => `${b.min}-${b.max} | ${b.kind} | ${b.label} | ${b.advice.replace(/\n/g, ' ')}`).join('\n');
export const optionsText = (x: Question) => x.options.map((o) => `${o.value} | ${o.label} | ${o.score}`).join('\n');
export const weightsText = (x: Question) =>
  Object.entries(x.weights)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

const str = z.string().optional();
const opSchema = z.discriminatedUnion(
  '_op',
  [
    z.object({
      _op: z.literal('dimension'),
      index: z.coerce.number().int().min(-1).max(50),
      key: str,
      title: str,
      description: str,
      bands: str,
      courses: str,
      themes: str,
      competences: str,
    }),
    z.object({
      _op: z.literal('section'),
      index: z.coerce.number().int().min(-1).max(50),
      key: str,
      title: str,
      intro: str,
    }),
    z.object({
      _op: z.literal('question'),
      section: z.coerce.number().int().min(0).max(50),
      index: z.coerce.number().int().min(-1).max(100),
      id: str,
      type: str,
      text: str,
      help: str,
      required: str,
      options: str,
      min: str,
      max: str,
      weights: str,
      showIfQuestion: str,
      showIfEquals: str,
    }),
    z.object({
      _op: z.literal('delete'),
      what: z.enum(['dimension', 'section', 'question']),
      section: z.coerce.number().int().min(0).max(50).optional(),
      index: z.coerce.number().int().min(0).max(100),
    }),
    z.object({
      _op: z.literal('move'),
      what: z.enum(['section', 'question']),
      section: z.coerce.number().int().min(0).max(50).optional(),
      index: z.coerce.number().int().min(0).max(100),
      by: z.coerce.number().int().min(-1).max(1),
    }),
  ],
  msg('invalid_value'),
);

const metaSchema = z.object({
  title: z.string(msg('required')).trim().min(1, msg('required')).max(200),
  summary: z.string().trim().max(500).default(''),
  intro: z.string().trim().max(8000).default(''),
  audience: z.enum(QUESTIONNAIRE_AUDIENCES, msg('invalid_value')),
  group: z.string().trim().max(80).default(''),
  subject: z.enum(QUESTIONNAIRE_SUBJECTS, msg('invalid_value')),
  published: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});

async function editable(deps: Deps, actor: Actor, slug: string) {
  if (!actor) throw new UnauthorizedError();
  if (!canManageQuestionnaires(actor)) throw new ForbiddenError();
  const qn = await q.findQuestionnaireBySlug(deps.database.db, slug);
  if (!qn) throw new NotFoundError('questionnaires.errors.not_found');
  return qn;
}

/** The structure editor's page data. */
export async function structureOf(deps: Deps, actor: Actor, slug: string) {
  const qn = await editable(deps, actor, slug);
  const group = qn.groupId ? await findGroupById(deps.database.db, qn.groupId) : undefined;
  return { questionnaire: qn, groupSlug: group?.slug ?? '' };
}

/** The changed document, checked as a whole: a 400 listing each problem otherwise. */
function checked(def: unknown, draft: boolean): QuestionnaireDefinition {
  const parsed = (draft ? draftDefinitionSchema : definitionSchema).safeParse(def);
  if (!parsed.success) throw new ValidationError(zodToFields(parsed.error), 'questionnaires.editor.problems');
  const problems = checkDefinition(parsed.data);
  if (problems.length)
    throw new ValidationError(
      Object.fromEntries(
        problems.map((p, i) => [
          `${p.path.join('.')}#${i}`,
          { key: `questionnaires.import.${p.key}`, params: p.params ?? {} },
        ]),
      ),
      'questionnaires.editor.problems',
    );
  return parsed.data;
}

const put = <T>(arr: T[], index: number, item: T) =>
  index < 0 || index >= arr.length ? arr.push(item) : (arr[index] = item);

/** Applies one change (add, edit, delete or move an item) to a questionnaire's structure. */
export async function editStructure(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const qn = await editable(deps, actor, slug);
  const op = parseInput(opSchema, input);
  const def = structuredClone(qn.definition);
  switch (op._op) {
    case 'dimension': {
      const before = def.dimensions[op.index];
      put(def.dimensions, op.index, {
        key: op.key ?? '',
        title: op.title ?? '',
        description: op.description ?? '',
        bands: parseBands(op.bands) as never,
        courses: list(op.courses),
        themes: list(op.themes) as never,
        competences: list(op.competences),
      });
      // A renamed dimension keeps its weights.
      if (before && op.key && before.key !== op.key)
        for (const s of def.sections)
          for (const x of s.questions)
            if (before.key in x.weights) {
              x.weights[op.key] = x.weights[before.key]!;
              delete x.weights[before.key];
            }
      break;
    }
    case 'section': {
      const before = def.sections[op.index];
      put(def.sections, op.index, {
        key: op.key ?? '',
        title: op.title ?? '',
        intro: op.intro ?? '',
        questions: before?.questions ?? [],
      });
      break;
    }
    case 'question': {
      const section = def.sections[op.section];
      if (!section) throw new NotFoundError();
      put(section.questions, op.index, {
        id: op.id ?? '',
        type: (op.type ?? 'likert') as Question['type'],
        text: op.text ?? '',
        help: op.help ?? '',
        required: op.required === 'on' || op.required === 'true',
        options: op.type === 'single' || op.type === 'multiple' ? parseOptions(op.options) : [],
        min: op.type === 'number' ? num(op.min) : null,
        max: op.type === 'number' ? num(op.max) : null,
        weights: op.type === 'text' ? {} : parseWeights(op.weights),
        showIf: op.showIfQuestion ? { question: op.showIfQuestion, equals: op.showIfEquals ?? '' } : null,
      });
      break;
    }
    case 'delete': {
      const arr =
        op.what === 'dimension'
          ? def.dimensions
          : op.what === 'section'
            ? def.sections
            : def.sections[op.section ?? -1]?.questions;
      if (!arr?.[op.index]) throw new NotFoundError();
      arr.splice(op.index, 1);
      break;
    }
    case 'move': {
      const arr: unknown[] | undefined =
        op.what === 'section' ? def.sections : def.sections[op.section ?? -1]?.questions;
      const to = op.index + op.by;
      if (!arr?.[op.index] || to < 0 || to >= arr.length) throw new NotFoundError();
      [arr[op.index], arr[to]] = [arr[to], arr[op.index]];
      break;
    }
  }
  const definition = checked(def, qn.status === 'draft');
  return q.updateQuestionnaire(deps.database.db, qn.id, { definition, source: 'web' });
}

/** Changes a questionnaire's metadata (title, introduction, audience, subject, publication). */
export async function editMetadata(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const qn = await editable(deps, actor, slug);
  const data = parseInput(metaSchema, input);
  const group = data.group ? await findGroupBySlug(deps.database.db, data.group) : undefined;
  if (data.audience === 'group' && !group)
    throw new ValidationError({ group: { key: 'validation.questionnaire.group' } });
  // Published, a questionnaire must be complete: no section without questions.
  if (data.published) checked(qn.definition, false);
  return deps.database.db.transaction(async (tx) => {
    const row = await q.updateQuestionnaire(tx, qn.id, {
      title: data.title,
      summary: data.summary,
      intro: data.intro,
      introHtml: renderDocument(data.intro),
      audience: data.audience,
      groupId: data.audience === 'group' ? group!.id : null,
      subject: data.subject,
      status: data.published ? 'published' : 'draft',
      publishedAt: data.published ? (qn.publishedAt ?? new Date()) : qn.publishedAt,
      source: 'web',
    });
    if (data.published && qn.status !== 'published')
      await deps.bus.record(tx, 'questionnaire.published', {
        actorId: actor!.id,
        objectId: row.id,
        title: row.title,
        url: `/questionari/${row.slug}`,
        groupId: row.audience === 'group' ? row.groupId : null,
      });
    return row;
  });
}
