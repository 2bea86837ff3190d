// Who may declare a practice's reuse: a signed-in member on behalf of their own administration,
// which must not be one of the practice's owners, and only while the practice is published. The
// declaration is the administration's: any of its members updates or withdraws it.
import type { PracticeStatus } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';

type PracticeState = { status: PracticeStatus };

/** Why a viewer cannot declare a reuse (for the page's hint), or null when they can. */
export type ReuseRefusal = 'sign_in' | 'no_organization' | 'owner' | 'not_published';

export function reuseRefusal(actor: Actor, practice: PracticeState, ownerIds: number[]): ReuseRefusal | null {
  if (practice.status !== 'published') return 'not_published';
  if (!actor) return 'sign_in';
  if (!actor.organizationId) return 'no_organization';
  if (ownerIds.includes(actor.organizationId)) return 'owner';
  return null;
}

export const canDeclareReuse = (actor: Actor, practice: PracticeState, ownerIds: number[]): boolean =>
  reuseRefusal(actor, practice, ownerIds) === null;

/** A declaration is withdrawn by its administration's members. */
export const canWithdrawReuse = (actor: Actor, reuse: { organizationId: number }): boolean =>
  Boolean(actor?.organizationId && actor.organizationId === reuse.organizationId);

/** Reuses and stories show on a practice everyone may read: published, or archived (still at its address). */
export const isPublicPractice = (practice: PracticeState): boolean =>
  practice.status === 'published' || practice.status === 'archived';
