// Who may do what with a twinning, and the status machine. Pure functions over the actor, the
// twinning and the actor's participation; pages, the API, search and the socket ask these (the SQL
// twin of canReadTwinning is twinningVisibleTo in models/queries/twinnings.ts).
import type { Twinning, TwinningParticipant, TwinningStatus } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

export type Participation = Pick<TwinningParticipant, 'role'> | undefined | null;
type Facts = Pick<Twinning, 'status' | 'proposedBy'>;

const isStaff = (actor: Actor) => actor?.role === 'admin' || actor?.role === 'animator';

/** proposed → approved → in_progress → completed → closed: one step forward at a time, no jumps. */
export const NEXT_STATUS: Record<TwinningStatus, TwinningStatus | null> = {
  proposed: 'approved',
  approved: 'in_progress',
  in_progress: 'completed',
  completed: 'closed',
  closed: null,
};

/** Whether `from → to` is a step of the machine. */
export const isStep = (from: TwinningStatus, to: TwinningStatus): boolean => NEXT_STATUS[from] === to;

/** Creates twinnings directly: animators and admins. */
export const canCreateTwinning = (actor: Actor): boolean => isStaff(actor);

/** Proposes one (from a practice or a conversation): members of an administration, and staff. */
export const canProposeTwinning = (actor: Actor): boolean => isStaff(actor) || Boolean(actor?.organizationId);

/** Reads it: approved and later ones everyone; a proposal its proposer, its participants and staff. */
export function canReadTwinning(actor: Actor, t: Facts, p: Participation): boolean {
  if (t.status !== 'proposed') return true;
  return isStaff(actor) || Boolean(p) || (Boolean(actor) && actor!.id === t.proposedBy);
}

/** Runs it (edits, models, milestones, meetings, moves it on after approval): staff and its referents. */
export const canManageTwinning = (actor: Actor, p: Participation): boolean =>
  isStaff(actor) || (Boolean(actor) && p?.role === 'referent');

/** Approves a proposal: animators and admins only. */
export const canApprove = (actor: Actor): boolean => isStaff(actor);

/** Moves it to `to` (a step of the machine): approval is staff's, the later steps its managers'. */
export function canMove(actor: Actor, t: Facts, p: Participation, to: TwinningStatus): boolean {
  if (!isStep(t.status, to)) return false;
  return to === 'approved' ? canApprove(actor) : canManageTwinning(actor, p);
}

/** Joins it: signed-in people, while it is approved, running or completed (not a proposal, not closed). */
export const canJoin = (actor: Actor, t: Facts): boolean =>
  Boolean(actor) && (t.status === 'approved' || t.status === 'in_progress' || t.status === 'completed');

/** Records the outcome of a model: a referent of its receiving administration, once it is completed. */
export function canRecordOutcome(
  actor: Actor,
  t: Facts,
  p: Participation,
  model: { receivingOrganizationId: number },
): boolean {
  return (
    t.status === 'completed' &&
    Boolean(actor) &&
    p?.role === 'referent' &&
    actor!.organizationId === model.receivingOrganizationId
  );
}
