// Who may do what with booklets and recognition requests. Pure functions over the actor and the
// facts; services ask them, templates get their answers as `can` flags.
//
// A booklet is its owner's: only they read and change it (its public part is what they chose to
// show on their profile). Assessors are animators, admins and the people an admin appointed
// (competence_assessors); nobody assesses their own request. An experience's evidence is read by
// its owner and by the assessors handling a request that cites the experience: any assessor while
// the request is open, and afterwards the one who decided it.
import type { CompetenceValidationStatus } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

export type Citing = { status: CompetenceValidationStatus; assessorId: number | null };

const OPEN: readonly CompetenceValidationStatus[] = ['requested', 'more_info'];
export const isOpen = (status: CompetenceValidationStatus): boolean => OPEN.includes(status);

/** Animators and admins assess by their role; others only when an admin appointed them. */
export const canAssess = (actor: Actor, appointed: boolean): boolean =>
  Boolean(actor) && (actor!.role === 'animator' || actor!.role === 'admin' || appointed);

/** Takes a step on a request as its assessor: an assessor who is not the request's owner. */
export const canAssessRequest = (actor: Actor, appointed: boolean, request: { userId: number }): boolean =>
  canAssess(actor, appointed) && actor!.id !== request.userId;

/** Reads a request: its owner, and those who may assess it. */
export const canReadRequest = (actor: Actor, appointed: boolean, request: { userId: number }): boolean =>
  Boolean(actor) && (actor!.id === request.userId || canAssessRequest(actor, appointed, request));

/** Answers a request for more information, or withdraws a request: its owner. */
export const canAnswerRequest = (actor: Actor, request: { userId: number }): boolean =>
  Boolean(actor) && actor!.id === request.userId;

/** Downloads an experience's evidence: its owner, and the assessors handling a request that cites it. */
export function canReadEvidence(
  actor: Actor,
  appointed: boolean,
  owner: { userId: number },
  citing: Citing[],
): boolean {
  if (!actor) return false;
  if (actor.id === owner.userId) return true;
  if (!canAssessRequest(actor, appointed, owner)) return false;
  return citing.some((r) => isOpen(r.status) || r.assessorId === actor.id);
}

/**
 * An experience cited by an open or validated request stays as it was assessed: it can be neither
 * changed nor deleted (more evidence goes through the request's answer). Refused and withdrawn
 * requests leave it free.
 */
export const isLockedByRequests = (citing: Pick<Citing, 'status'>[]): boolean =>
  citing.some((r) => isOpen(r.status) || r.status === 'validated');

/** Changes or deletes a declared experience: its owner, unless a request locks it. */
export const canEditExperience = (
  actor: Actor,
  experience: { userId: number },
  citing: Pick<Citing, 'status'>[],
): boolean => Boolean(actor) && actor!.id === experience.userId && !isLockedByRequests(citing);

/** Appoints and dismisses assessors: admins. */
export const canManageAssessors = (actor: Actor): boolean => actor?.role === 'admin';
