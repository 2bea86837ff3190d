// Improvement plans: from an administration's result (a CPI's quality self-assessment, say) its
// members draft actions for the weak dimensions — owner, due date, status, indicator — track them,
// and see each dimension change as the administration takes the questionnaire again.
import * as q from '../../../models/queries/questionnaires.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { canManageQuestionnaires, canPlanFrom, canWorkOnPlan } from './questionnaires.policy.ts';
import {
  planActionPatchSchema,
  planActionSchema,
  planCreateSchema,
  type PlanActionInput,
} from './questionnaires.schema.ts';
import { bandOf } from './questionnaires.scoring.ts';
import type { Questionnaire, QuestionnaireResponse } from '../../../models/schema.ts';

export const planUrl = (id: number) => `/questionari/piani/${id}`;

/** The plans the actor works on: their administration's (every plan for animators and admins). */
export async function myPlans(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  const plans = await q.listPlans(
    deps.database.db,
    canManageQuestionnaires(actor) ? null : actor.organizationId ? [actor.organizationId] : [],
  );
  const actions = await q.planActions(
    deps.database.db,
    plans.map((p) => p.id),
  );
  return plans.map((p) => ({ ...p, actions: actions.filter((a) => a.planId === p.id) }));
}

async function readablePlan(deps: Deps, actor: Actor, id: number) {
  if (!actor) throw new UnauthorizedError();
  const plan = await q.findPlan(deps.database.db, id);
  if (!plan || !canWorkOnPlan(actor, plan)) throw new NotFoundError('questionnaires.errors.plan_not_found');
  return plan;
}

/** The dimensions a result leaves weak: those whose band is an area for improvement. */
export function weakDimensions(qn: Questionnaire, r: QuestionnaireResponse) {
  return qn.definition.dimensions.filter((d) => {
    const s = r.scores?.[d.key];
    return typeof s === 'number' && bandOf(d, s)?.kind === 'improve';
  });
}

/** A plan's page: its actions, and each dimension's score at the start and in the administration's later results. */
export async function planDetail(deps: Deps, actor: Actor, id: number) {
  const plan = await readablePlan(deps, actor, id);
  const db = deps.database.db;
  const [actions, qn, members] = await Promise.all([
    q.planActions(db, [plan.id]),
    q.findQuestionnaireById(db, plan.questionnaireId),
    q.membersOfOrganization(db, plan.organizationId),
  ]);
  const baseline = plan.responseId ? await q.findResponse(db, plan.responseId) : undefined;
  const results = (await q.submittedOfOrganization(db, plan.questionnaireId, plan.organizationId)).reverse();
  const latest = results.at(-1);
  const dimensions = qn!.definition.dimensions.map((d) => {
    const start = baseline?.scores?.[d.key] ?? null;
    const now = latest && latest.id !== baseline?.id ? (latest.scores?.[d.key] ?? null) : null;
    return {
      key: d.key,
      title: d.title,
      start,
      now,
      change: start !== null && now !== null ? Math.round((now - start) * 10) / 10 : null,
    };
  });
  const done = actions.filter((a) => a.status === 'done').length;
  return {
    plan,
    questionnaire: qn!,
    actions,
    members,
    dimensions,
    results: results.map((r) => ({ id: r.id, submittedAt: r.submittedAt!, scores: r.scores ?? {} })),
    progress: { done, total: actions.length, percent: actions.length ? Math.round((100 * done) / actions.length) : 0 },
  };
}

async function checkAction(deps: Deps, organizationId: number, dims: Set<string>, a: Partial<PlanActionInput>) {
  if (a.dimension !== undefined && !dims.has(a.dimension))
    throw new ValidationError({ dimension: { key: 'validation.questionnaire.plan_dimension' } });
  if (a.ownerId !== undefined) {
    const members = await q.membersOfOrganization(deps.database.db, organizationId);
    if (!members.some((m) => m.id === a.ownerId))
      throw new ValidationError({ ownerId: { key: 'validation.questionnaire.plan_owner' } });
  }
}

/**
 * Drafts a plan from an administration's result: the actions given, or one to fill in for each weak
 * dimension. Only members of the administration the result speaks for.
 */
export async function createPlan(deps: Deps, actor: Actor, input: unknown) {
  if (!actor) throw new UnauthorizedError();
  const data = parseInput(planCreateSchema, input);
  const db = deps.database.db;
  const response = await q.findResponse(db, data.responseId);
  const qn = response ? await q.findQuestionnaireById(db, response.questionnaireId) : undefined;
  if (!response || !qn || (response.userId !== actor.id && !canPlanFrom(actor, response)))
    throw new NotFoundError('questionnaires.errors.response_not_found');
  if (qn.subject !== 'organisation' || !canPlanFrom(actor, response))
    throw new ForbiddenError('questionnaires.errors.plan_not_allowed');
  const dims = new Set(qn.definition.dimensions.map((d) => d.key));
  const actions: PlanActionInput[] =
    data.actions ??
    weakDimensions(qn, response).map((d) => ({
      dimension: d.key,
      title: `Migliorare: ${d.title}`,
      status: 'todo' as const,
    }));
  for (const a of actions) await checkAction(deps, response.organizationId!, dims, a);
  return db.transaction(async (tx) => {
    const plan = await q.insertPlan(tx, {
      questionnaireId: qn.id,
      organizationId: response.organizationId!,
      responseId: response.id,
      title: data.title ?? `Piano di miglioramento – ${qn.title}`,
      createdBy: actor.id,
    });
    for (const [i, a] of actions.entries())
      await q.insertPlanAction(tx, {
        ...a,
        planId: plan.id,
        indicator: a.indicator ?? '',
        dueDate: a.dueDate ?? null,
        ownerId: a.ownerId ?? null,
        position: i,
        doneAt: a.status === 'done' ? new Date() : null,
      });
    return plan;
  });
}

/** Adds an action to a plan. */
export async function addAction(deps: Deps, actor: Actor, planId: number, input: unknown) {
  const plan = await readablePlan(deps, actor, planId);
  const data = parseInput(planActionSchema, input);
  const qn = await q.findQuestionnaireById(deps.database.db, plan.questionnaireId);
  await checkAction(deps, plan.organizationId, new Set(qn!.definition.dimensions.map((d) => d.key)), data);
  return deps.database.db.transaction(async (tx) => {
    const existing = await q.planActions(tx, [plan.id]);
    const action = await q.insertPlanAction(tx, {
      ...data,
      planId: plan.id,
      indicator: data.indicator ?? '',
      dueDate: data.dueDate ?? null,
      ownerId: data.ownerId ?? null,
      position: existing.length,
      doneAt: data.status === 'done' ? new Date() : null,
    });
    await q.touchPlan(tx, plan.id);
    if (data.status === 'done') await recordDone(deps, tx, actor!, plan, action.title);
    return action;
  });
}

async function recordDone(
  deps: Deps,
  tx: Parameters<Deps['bus']['record']>[0],
  actor: NonNullable<Actor>,
  plan: q.PlanRow,
  title: string,
) {
  await deps.bus.record(tx, 'plan.action_done', {
    actorId: actor.id,
    objectId: plan.id,
    title: `${plan.title}: ${title}`,
    url: planUrl(plan.id),
    privateToActor: true,
  });
}

/** Changes an action (status, owner, due date, indicator…); marking it done is announced to its author's feed. */
export async function updateAction(deps: Deps, actor: Actor, planId: number, actionId: number, input: unknown) {
  const plan = await readablePlan(deps, actor, planId);
  const data = parseInput(planActionPatchSchema, input);
  const qn = await q.findQuestionnaireById(deps.database.db, plan.questionnaireId);
  await checkAction(deps, plan.organizationId, new Set(qn!.definition.dimensions.map((d) => d.key)), data);
  return deps.database.db.transaction(async (tx) => {
    const action = await q.lockPlanAction(tx, plan.id, actionId);
    if (!action) throw new NotFoundError('questionnaires.errors.action_not_found');
    const becomesDone = data.status === 'done' && action.status !== 'done';
    const updated = await q.updatePlanAction(tx, action.id, {
      ...data,
      ...(data.status ? { doneAt: data.status === 'done' ? (action.doneAt ?? new Date()) : null } : {}),
    });
    await q.touchPlan(tx, plan.id);
    if (becomesDone) await recordDone(deps, tx, actor!, plan, updated.title);
    return updated;
  });
}
