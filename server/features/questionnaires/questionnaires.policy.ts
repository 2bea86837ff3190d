// Who may do what with questionnaires, responses and improvement plans. Pure functions over the actor
// and the facts the service loads; pages, the API and the reports ask these.
import type { ImprovementPlan, Questionnaire, QuestionnaireResponse } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

/** Builds and edits questionnaires, reads their aggregates: animators and admins. */
export const canManageQuestionnaires = (actor: Actor): boolean => actor?.role === 'animator' || actor?.role === 'admin';

/**
 * Sees it in the catalogue and its introduction: published ones (a group's only by its members, as
 * the group's other content), and every one for those who manage them.
 */
export const canSeeQuestionnaire = (
  actor: Actor,
  q: Pick<Questionnaire, 'status' | 'audience'>,
  inGroup: boolean,
): boolean => canManageQuestionnaires(actor) || (q.status === 'published' && (q.audience !== 'group' || inGroup));

/**
 * Takes it: a published questionnaire, by its audience — anyone (without an account too), signed-in
 * members, or the members of its group. Managers may try a draft out.
 */
export function canTake(actor: Actor, q: Pick<Questionnaire, 'status' | 'audience'>, inGroup: boolean): boolean {
  if (q.status !== 'published' && !canManageQuestionnaires(actor)) return false;
  if (q.audience === 'anyone') return true;
  if (!actor) return false;
  if (q.audience === 'members') return true;
  return inGroup || canManageQuestionnaires(actor);
}

/** A response is its respondent's alone: theirs by account, or an anonymous one by the token in their session. */
export function ownsResponse(
  actor: Actor,
  tokens: readonly string[],
  r: Pick<QuestionnaireResponse, 'userId' | 'draftToken'>,
): boolean {
  if (r.userId !== null) return actor?.id === r.userId;
  return r.draftToken !== null && tokens.includes(r.draftToken);
}

/** Reads and works on an administration's improvement plan: its members, animators and admins. */
export const canWorkOnPlan = (actor: Actor, plan: Pick<ImprovementPlan, 'organizationId'>): boolean =>
  Boolean(actor) && (actor!.organizationId === plan.organizationId || canManageQuestionnaires(actor));

/** Drafts a plan from a result: a member of the administration the result speaks for. */
export const canPlanFrom = (actor: Actor, r: Pick<QuestionnaireResponse, 'organizationId' | 'status'>): boolean =>
  Boolean(actor) && r.status === 'submitted' && r.organizationId !== null && actor!.organizationId === r.organizationId;
