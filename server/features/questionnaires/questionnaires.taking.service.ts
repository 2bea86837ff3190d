// Taking a questionnaire: answers saved as a draft (always — even answers that do not validate yet are
// kept, so nothing typed is lost), submitted when complete, and the result: scores and bands per
// dimension, advice with what to do, the respondent's previous attempt and the anonymous average of
// the others (only when enough others answered for nobody to be recognised).
import { randomBytes } from 'node:crypto';
import * as q from '../../../models/queries/questionnaires.ts';
import { findUserById } from '../../../models/queries/users.ts';
import { findGroupBySlug, findMembership } from '../../../models/queries/groups.ts';
import type { Answers, Questionnaire, QuestionnaireResponse, Scores } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { AppError, isUniqueViolation, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { renderDocument } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { canPlanFrom, canTake, ownsResponse } from './questionnaires.policy.ts';
import { responseBodySchema } from './questionnaires.schema.ts';
import {
  allQuestions,
  bandOf,
  checkAnswers,
  meanScores,
  scoreAnswers,
  visibleQuestionIds,
} from './questionnaires.scoring.ts';
import { findVisibleQuestionnaire, inAudienceGroup } from './questionnaires.service.ts';

/** Who is answering: a signed-in person, or an anonymous one known by the draft tokens in their session. */
export type Respondent = { actor: Actor; tokens: readonly string[] };

/** The smallest number of other respondents whose average may be shown (or a report cell filled). */
export const MIN_GROUP_SIZE = 5;

export const resultUrl = (slug: string, id: number) => `/questionari/${slug}/risultati/${id}`;

async function takeable(deps: Deps, who: Respondent, slug: string): Promise<Questionnaire> {
  const qn = await findVisibleQuestionnaire(deps, who.actor, slug);
  if (!canTake(who.actor, qn, await inAudienceGroup(deps, who.actor, qn))) {
    if (!who.actor) throw new UnauthorizedError();
    throw new AppError(403, 'forbidden', 'questionnaires.errors.not_audience');
  }
  return qn;
}

/** The respondent's open draft, or a new one (with their administration and region as they are now). */
async function openDraft(
  deps: Deps,
  tx: Parameters<Parameters<Deps['database']['db']['transaction']>[0]>[0],
  who: Respondent,
  qn: Questionnaire,
  groupSlug: string | undefined,
) {
  if (who.actor) {
    const existing = await q.lockDraftOfUser(tx, qn.id, who.actor.id);
    if (existing) return { draft: existing, token: null };
    const user = await findUserById(tx, who.actor.id);
    // About a group: one of the respondent's own groups, chosen when they start.
    const assessed = qn.subject === 'group' ? await assessedGroup(tx, who.actor.id, groupSlug) : null;
    const draft = await q.insertResponse(tx, {
      questionnaireId: qn.id,
      userId: who.actor.id,
      organizationId: user?.organizationId ?? null,
      region: user?.region ?? null,
      groupId: assessed ?? (qn.audience === 'group' ? qn.groupId : null),
    });
    return { draft, token: null };
  }
  for (const token of who.tokens) {
    const existing = await q.lockDraftByToken(tx, qn.id, token);
    if (existing) return { draft: existing, token: null };
  }
  const token = randomBytes(18).toString('base64url');
  const draft = await q.insertResponse(tx, {
    questionnaireId: qn.id,
    userId: null,
    draftToken: token,
    groupId: qn.groupId,
  });
  return { draft, token };
}

/** The group a response assesses: one the respondent is an active member of (a 400 otherwise). */
async function assessedGroup(
  db: Parameters<typeof findGroupBySlug>[0],
  userId: number,
  slug: string | undefined,
): Promise<number> {
  const group = slug ? await findGroupBySlug(db, slug) : undefined;
  const membership = group ? await findMembership(db, group.id, userId) : undefined;
  if (!group || membership?.status !== 'active')
    throw new ValidationError({ group: { key: 'validation.questionnaire.group_choice' } });
  return group.id;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export type SaveOptions = {
  submit: boolean;
  /** A page of the questionnaire: only these questions are replaced (absent = cleared) and checked. */
  section?: number;
  /** The pages drop answers to questions their conditions hide; the API refuses them when submitting. */
  pruneHidden?: boolean;
  /** For a questionnaire about a group, when starting: the group's slug. */
  group?: string;
};

export type SaveOutcome = { response: QuestionnaireResponse; questionnaire: Questionnaire; newToken: string | null };

/**
 * Saves answers to the respondent's draft and, when asked, submits it. The draft is written first,
 * in its own transaction, whatever the answers hold; then any problem is refused with a 400 naming
 * each question (a Likert of 7, a missing required answer, an answer to a hidden question).
 */
export async function saveAnswers(
  deps: Deps,
  who: Respondent,
  slug: string,
  input: Answers,
  opts: SaveOptions,
): Promise<SaveOutcome> {
  const qn = await takeable(deps, who, slug);
  const def = qn.definition;
  const known = new Set(allQuestions(def).map((x) => x.id));
  const scope =
    opts.section !== undefined ? new Set(def.sections[opts.section]?.questions.map((x) => x.id) ?? []) : null;
  const write = () =>
    deps.database.db.transaction(async (tx) => {
      const { draft, token } = await openDraft(deps, tx, who, qn, opts.group);
      const answers: Answers = { ...draft.answers };
      if (scope) for (const id of scope) delete answers[id];
      for (const [id, v] of Object.entries(input)) {
        if (!known.has(id) || (scope && !scope.has(id))) continue;
        if (isBlank(v)) delete answers[id];
        else answers[id] = typeof v === 'string' ? v.slice(0, 4000) : v;
      }
      if (opts.pruneHidden) {
        const visible = visibleQuestionIds(def, checkAnswers(def, answers, { complete: false }).clean);
        for (const id of Object.keys(answers)) if (!visible.has(id)) delete answers[id];
      }
      return { response: await q.updateResponse(tx, draft.id, { answers }), token };
    });
  // Two first saves at once both start a draft: the one-draft index refuses the second, which then finds the first.
  const saved = await write().catch((err: unknown) => {
    if (isUniqueViolation(err)) return write();
    throw err;
  });
  const unknown = Object.keys(input).filter((id) => !known.has(id));
  const checked = checkAnswers(def, saved.response.answers, {
    complete: opts.submit || scope !== null,
    ...(scope && !opts.submit ? { only: scope } : {}),
  });
  const errors = { ...checked.errors };
  for (const id of unknown) errors[id] = { key: 'validation.questionnaire.unknown', params: { id } };
  if (Object.keys(errors).length) throw new AnswerErrors(errors, saved.response, saved.token);
  if (!opts.submit) return { response: saved.response, questionnaire: qn, newToken: saved.token };
  const scores = scoreAnswers(def, checked.clean);
  const response = await deps.database.db.transaction(async (tx) => {
    const current = await q.lockResponse(tx, saved.response.id);
    if (current?.status !== 'draft') throw new NotFoundError('questionnaires.errors.not_found');
    return q.updateResponse(tx, saved.response.id, {
      answers: checked.clean,
      scores,
      status: 'submitted',
      submittedAt: new Date(),
    });
  });
  return { response, questionnaire: qn, newToken: saved.token };
}

/** The refusal of answers: a 400 naming each question, carrying the draft that was kept. */
export class AnswerErrors extends ValidationError {
  readonly response: QuestionnaireResponse;
  readonly newToken: string | null;
  constructor(
    fields: ConstructorParameters<typeof ValidationError>[0],
    response: QuestionnaireResponse,
    newToken: string | null,
  ) {
    super(fields, 'questionnaires.errors.answers');
    this.response = response;
    this.newToken = newToken;
  }
}

/** The API's body: answers and whether to submit. */
export function saveFromApi(deps: Deps, who: Respondent, slug: string, body: unknown) {
  const data = parseInput(responseBodySchema, body);
  return saveAnswers(deps, who, slug, data.answers as Answers, {
    submit: data.submit,
    ...(data.group ? { group: data.group } : {}),
  });
}

/** A section page: the questionnaire, the draft's answers and which questions show. */
export async function sectionPage(deps: Deps, who: Respondent, slug: string, index: number) {
  const qn = await takeable(deps, who, slug);
  const section = qn.definition.sections[index];
  if (!section) throw new NotFoundError();
  let draft: QuestionnaireResponse | undefined;
  if (who.actor) draft = await q.lockDraftOfUser(deps.database.db, qn.id, who.actor.id);
  else for (const tk of who.tokens) draft ??= await q.lockDraftByToken(deps.database.db, qn.id, tk);
  const answers = draft?.answers ?? {};
  const visible = visibleQuestionIds(qn.definition, checkAnswers(qn.definition, answers, { complete: false }).clean);
  return { questionnaire: qn, section, index, total: qn.definition.sections.length, answers, visible };
}

/** A response its owner may read (anyone else: a 404, as if it did not exist). */
export async function ownResponse(deps: Deps, who: Respondent, id: number) {
  const r = await q.findResponse(deps.database.db, id);
  if (!r || !ownsResponse(who.actor, who.tokens, r))
    throw new NotFoundError('questionnaires.errors.response_not_found');
  const qn = await q.findQuestionnaireById(deps.database.db, r.questionnaireId);
  if (!qn) throw new NotFoundError();
  return { response: r, questionnaire: qn };
}

export type DimensionResult = {
  key: string;
  title: string;
  description: string;
  score: number | null;
  band: { label: string; kind: string; adviceHtml: string } | null;
  previous: number | null;
  average: number | null;
  courses: { slug: string; title: string }[];
  themes: string[];
  competences: { code: string; title: string }[];
};

/** A submitted response's result: per dimension its score, band and advice, the previous attempt, the others' average. */
export async function responseResult(deps: Deps, who: Respondent, id: number) {
  const { response, questionnaire: qn } = await ownResponse(deps, who, id);
  if (response.status !== 'submitted') throw new NotFoundError('questionnaires.errors.response_not_found');
  const db = deps.database.db;
  const scores: Scores = response.scores ?? {};
  const mine = response.userId ? await q.submittedOfUser(db, qn.id, response.userId) : [];
  const previous = mine.find(
    (r) =>
      r.submittedAt! < response.submittedAt! ||
      (r.submittedAt!.getTime() === response.submittedAt!.getTime() && r.id < response.id),
  );
  const othersScores = await q.latestScoresOfOthers(db, qn.id, { userId: response.userId, responseId: response.id });
  const showAverage = othersScores.length >= MIN_GROUP_SIZE;
  const average = showAverage ? meanScores(qn.definition, othersScores) : {};
  const dims = qn.definition.dimensions;
  const [courseRows, competenceRows] = await Promise.all([
    q.publishedCoursesBySlugs(db, [...new Set(dims.flatMap((d) => d.courses))]),
    q.competencesByCodes(db, [...new Set(dims.flatMap((d) => d.competences))]),
  ]);
  const dimensions: DimensionResult[] = dims.map((d) => {
    const score = scores[d.key] ?? null;
    const band = score === null ? null : bandOf(d, score);
    return {
      key: d.key,
      title: d.title,
      description: d.description,
      score,
      band: band ? { label: band.label, kind: band.kind, adviceHtml: renderDocument(band.advice) } : null,
      previous: previous?.scores?.[d.key] ?? null,
      average: average[d.key] ?? null,
      courses: courseRows.filter((c) => d.courses.includes(c.slug)),
      themes: d.themes,
      competences: competenceRows.filter((c) => d.competences.includes(c.code)),
    };
  });
  return {
    response,
    questionnaire: qn,
    dimensions,
    previous: previous ? { id: previous.id, submittedAt: previous.submittedAt! } : null,
    others: othersScores.length,
    showAverage,
    can: { plan: qn.subject === 'organisation' && canPlanFrom(who.actor, response) },
  };
}
