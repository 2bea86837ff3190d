// Questionnaire use cases: the catalogue, a questionnaire's page, importing the files, writing one in
// the browser (its YAML document, checked like a file) and publishing it. Taking one is
// questionnaires.taking.service.ts; plans and reports have their own files.
import path from 'node:path';
import { findGroupById, findGroupBySlug, findMembership, groupsOfUser } from '../../../models/queries/groups.ts';
import * as q from '../../../models/queries/questionnaires.ts';
import { findUserById, findUsersByHandles } from '../../../models/queries/users.ts';
import type { Tx } from '../../../models/db.ts';
import type { Questionnaire } from '../../../models/schema.ts';
import { ROOT_DIR } from '../../config.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { renderDocument } from '../../core/markdown.ts';
import { unknownCompetenceCodes } from '../competences/competences.service.ts';
import { registerSitemapSource } from '../discovery/discovery.service.ts';
import {
  parseQuestionnaireText,
  QuestionnaireFilesError,
  questionnaireToYaml,
  readQuestionnaires,
  type FileProblem,
  type QuestionnaireBundle,
} from './questionnaires.files.ts';
import { canManageQuestionnaires, canSeeQuestionnaire, canTake } from './questionnaires.policy.ts';
import { questionnaireSlug } from './questionnaires.schema.ts';
import { parseInput } from '../../core/validation.ts';
import { z } from 'zod';

export const questionnaireUrl = (slug: string) => `/questionari/${slug}`;
const t = translator('it');

// The catalogue and each published questionnaire are public pages.
registerSitemapSource({
  name: 'questionnaires',
  pages: async (deps, limit) => [
    { path: '/questionari', lastmod: null },
    ...(await q.publishedQuestionnairePages(deps.database.db, Math.max(0, limit - 1))),
  ],
});

/** Whether the actor belongs (actively) to the questionnaire's group. */
export async function inAudienceGroup(deps: Deps, actor: Actor, qn: Questionnaire): Promise<boolean> {
  if (!actor || qn.audience !== 'group' || !qn.groupId) return false;
  const m = await findMembership(deps.database.db, qn.groupId, actor.id);
  return m?.status === 'active';
}

/** A questionnaire the actor may see (a 404 otherwise, as if it did not exist). */
export async function findVisibleQuestionnaire(deps: Deps, actor: Actor, slug: string): Promise<Questionnaire> {
  const qn = await q.findQuestionnaireBySlug(deps.database.db, slug);
  if (!qn || !canSeeQuestionnaire(actor, qn, await inAudienceGroup(deps, actor, qn)))
    throw new NotFoundError('questionnaires.errors.not_found');
  return qn;
}

/** The catalogue: published questionnaires (drafts too for those who manage them), with response counts. */
export async function catalogue(deps: Deps, actor: Actor) {
  const manage = canManageQuestionnaires(actor);
  const [rows, counts] = await Promise.all([
    q.listQuestionnaires(deps.database.db, { publishedOnly: !manage }),
    q.submittedCounts(deps.database.db),
  ]);
  const visible = [];
  for (const r of rows) if (canSeeQuestionnaire(actor, r, await inAudienceGroup(deps, actor, r))) visible.push(r);
  return { questionnaires: visible.map((r) => ({ ...r, responses: counts.get(r.id) ?? 0 })), can: { manage } };
}

/** A questionnaire's page: itself, whether the actor may take it, their open draft and past results. */
export async function questionnaireDetail(deps: Deps, actor: Actor, slug: string, tokens: readonly string[] = []) {
  const qn = await findVisibleQuestionnaire(deps, actor, slug);
  const inGroup = await inAudienceGroup(deps, actor, qn);
  const db = deps.database.db;
  const draft = actor
    ? await q.lockDraftOfUser(db, qn.id, actor.id)
    : tokens.length
      ? (await Promise.all(tokens.map((tk) => q.lockDraftByToken(db, qn.id, tk)))).find(Boolean)
      : undefined;
  const past = actor ? await q.submittedOfUser(db, qn.id, actor.id) : [];
  const group = qn.groupId ? await findGroupById(db, qn.groupId) : undefined;
  // About a group: the respondent picks one of theirs when starting.
  const myGroups = actor && qn.subject === 'group' && !draft ? await groupsOfUser(db, actor.id, actor) : [];
  return {
    questionnaire: qn,
    myGroups: myGroups.map((g) => ({ slug: g.slug, name: g.name })),
    group: group ? { slug: group.slug, name: group.name } : null,
    draft: draft ?? null,
    past,
    can: {
      take: canTake(actor, qn, inGroup),
      manage: canManageQuestionnaires(actor),
      signInToTake: !actor && qn.audience !== 'anyone',
    },
  };
}

// --- writing: files and the browser ---------------------------------------------------------------
export type ImportResult = { slug: string; title: string; created: boolean; published: boolean };

/** Checks what the document names outside itself: its group, its repertory competences. */
async function outsideProblems(tx: Tx, b: QuestionnaireBundle, file: string): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  if (b.group && !(await findGroupBySlug(tx, b.group)))
    problems.push({ file, line: null, message: t('questionnaires.import.unknown_group', { slug: b.group }) });
  const codes = await unknownCompetenceCodes(
    tx,
    b.dimensions.flatMap((d) => d.competences),
  );
  if (codes.length)
    problems.push({
      file,
      line: null,
      message: t('validation.competence_unknown', { codes: codes.join(', '), count: codes.length }),
    });
  return problems;
}

/** Creates or updates one questionnaire from its checked document; returns it and whether it was just published. */
async function writeBundle(
  tx: Tx,
  b: QuestionnaireBundle,
  source: 'file' | 'web',
  authorId: number | null,
): Promise<{ row: Questionnaire; created: boolean; newlyPublished: boolean }> {
  const existing = await q.lockQuestionnaireBySlug(tx, b.slug);
  const group = b.group ? await findGroupBySlug(tx, b.group) : undefined;
  const handleAuthor = b.author
    ? (await findUsersByHandles(tx, [b.author.replace(/^@/, '').toLowerCase()]))[0]
    : undefined;
  const now = new Date();
  const values = {
    title: b.title,
    summary: b.summary,
    intro: b.intro,
    introHtml: renderDocument(b.intro),
    audience: b.audience,
    groupId: b.audience === 'group' ? (group?.id ?? null) : null,
    subject: b.subject,
    status: b.published ? ('published' as const) : ('draft' as const),
    definition: { sections: b.sections, dimensions: b.dimensions },
    source,
    publishedAt: b.published ? (existing?.publishedAt ?? now) : (existing?.publishedAt ?? null),
  };
  const row = existing
    ? await q.updateQuestionnaire(tx, existing.id, values)
    : await q.insertQuestionnaire(tx, { ...values, slug: b.slug, authorId: handleAuthor?.id ?? authorId });
  return { row, created: !existing, newlyPublished: b.published && existing?.status !== 'published' };
}

async function announce(deps: Deps, tx: Tx, row: Questionnaire, actorId: number | null) {
  await deps.bus.record(tx, 'questionnaire.published', {
    actorId,
    objectId: row.id,
    title: row.title,
    url: questionnaireUrl(row.slug),
    groupId: row.audience === 'group' ? row.groupId : null,
  });
}

/** Validates every questionnaire folder under `dir`, then creates or updates them all in one transaction. */
export async function importQuestionnaires(
  deps: Deps,
  dir: string,
  opts: { replaceWebQuestionnaires?: boolean } = {},
): Promise<ImportResult[]> {
  const bundles = await readQuestionnaires(dir);
  return deps.database.db.transaction(async (tx) => {
    const problems: FileProblem[] = [];
    for (const b of bundles) {
      const file = `${b.slug}/questionnaire.yml`;
      problems.push(...(await outsideProblems(tx, b, file)));
      const existing = await q.findQuestionnaireBySlug(tx, b.slug);
      if (existing?.source === 'web' && !opts.replaceWebQuestionnaires)
        problems.push({ file, line: null, message: t('questionnaires.import.web_questionnaire', { slug: b.slug }) });
    }
    if (problems.length) throw new QuestionnaireFilesError(problems);
    const out: ImportResult[] = [];
    for (const b of bundles) {
      const { row, created, newlyPublished } = await writeBundle(tx, b, 'file', null);
      if (newlyPublished) await announce(deps, tx, row, row.authorId);
      out.push({ slug: row.slug, title: row.title, created, published: row.status === 'published' });
    }
    return out;
  });
}

/** On a first start (no questionnaire yet), imports those shipped in questionnaires/; problems are logged. */
export async function importQuestionnairesOnFirstStart(deps: Deps, dir = path.join(ROOT_DIR, 'questionnaires')) {
  if ((await q.countQuestionnaires(deps.database.db)) > 0) return [];
  try {
    return await importQuestionnaires(deps, dir);
  } catch (err) {
    if (err instanceof QuestionnaireFilesError)
      deps.log.error({ problems: err.problems }, 'questionnaires not imported');
    else deps.log.error({ err }, 'questionnaires not imported');
    return [];
  }
}

const editorSchema = z.object({ slug: questionnaireSlug, yaml: z.string().max(200_000) });

/**
 * Writes a questionnaire from the browser editor: its YAML document, checked like a file. Problems
 * come back as a 400 whose `problems` field lists each with its line.
 */
export async function saveFromEditor(deps: Deps, actor: Actor, input: unknown, slugOfExisting?: string) {
  if (!actor) throw new UnauthorizedError();
  if (!canManageQuestionnaires(actor)) throw new ForbiddenError();
  const data = parseInput(editorSchema, slugOfExisting ? { ...(input as object), slug: slugOfExisting } : input);
  const parsed = parseQuestionnaireText(data.yaml, 'questionnaire.yml');
  const problems = parsed.problems;
  if (!parsed.data) throw new EditorProblems(problems);
  const bundle = { ...parsed.data, slug: data.slug };
  return deps.database.db.transaction(async (tx) => {
    const outside = await outsideProblems(tx, bundle, 'questionnaire.yml');
    const existing = await q.findQuestionnaireBySlug(tx, data.slug);
    if (!slugOfExisting && existing)
      throw new ValidationError({ slug: { key: 'validation.questionnaire.slug_taken' } });
    if (outside.length) throw new EditorProblems(outside);
    const { row, newlyPublished } = await writeBundle(tx, bundle, 'web', actor.id);
    if (newlyPublished) await announce(deps, tx, row, actor.id);
    return row;
  });
}

/** The editor's refusal: each problem of the document with its line. */
export class EditorProblems extends ValidationError {
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super({ yaml: { key: 'questionnaires.import.problems', params: { count: problems.length } } });
    this.problems = problems;
  }
}

/** The YAML the editor starts from: a new questionnaire's template, or the stored one written back. */
export async function editorDocument(
  deps: Deps,
  actor: Actor,
  slug?: string,
): Promise<{ questionnaire: Questionnaire | null; yaml: string }> {
  if (!actor) throw new UnauthorizedError();
  if (!canManageQuestionnaires(actor)) throw new ForbiddenError();
  if (!slug) return { questionnaire: null, yaml: NEW_TEMPLATE };
  const qn = await q.findQuestionnaireBySlug(deps.database.db, slug);
  if (!qn) throw new NotFoundError('questionnaires.errors.not_found');
  const group = qn.groupId ? await findGroupById(deps.database.db, qn.groupId) : undefined;
  const author = qn.authorId ? await findUserById(deps.database.db, qn.authorId) : undefined;
  return { questionnaire: qn, yaml: questionnaireToYaml(qn, group?.slug ?? null, author?.handle ?? null) };
}

const NEW_TEMPLATE = `title: Nuovo questionario
summary: Una frase che dica a chi serve.
intro: |
  Perché compilarlo, quanto tempo richiede, che cosa si ottiene.
audience: members   # anyone | members | group
subject: person     # person | organisation
published: false
dimensions:
  - key: prima
    title: Prima dimensione
    courses: []
    themes: []
    bands:
      - { min: 0, max: 50, label: Area di miglioramento, kind: improve, advice: "Che cosa fare per migliorare." }
      - { min: 50, max: 100, label: Punto di forza, kind: strength, advice: "Come valorizzarlo." }
sections:
  - key: s1
    title: Prima sezione
    questions:
      - id: q1
        type: likert
        text: Quanto sei d'accordo con questa affermazione?
        required: true
        weights: { prima: 1 }
`;

/** The home page's block: published questionnaires, the same for everyone. */
export async function homeQuestionnaires(deps: Deps, limit = 4): Promise<Questionnaire[]> {
  const rows = await q.listQuestionnaires(deps.database.db, { publishedOnly: true });
  return rows.filter((r) => r.audience !== 'group').slice(0, limit);
}
