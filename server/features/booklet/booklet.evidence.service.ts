// The booklet's read rule for evidence files, asked by the attachments feature when it serves a
// download: kept apart from the booklet's other services so attachments depends on this alone.
import { experienceOfEvidence } from '../../../models/queries/booklet-evidence.ts';
import { isAppointedAssessor, requestsCitingExperience } from '../../../models/queries/booklet-validations.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { canReadEvidence } from './booklet.policy.ts';

/**
 * Whether the actor may download this file as booklet evidence: undefined when the file is no
 * evidence (another rule decides), else the owner and the assessors handling a request citing it.
 */
export async function evidenceReadable(deps: Deps, actor: Actor, attachmentId: number): Promise<boolean | undefined> {
  const db = deps.database.db;
  const owner = await experienceOfEvidence(db, attachmentId);
  if (!owner) return undefined;
  if (!actor) return false;
  if (actor.id === owner.userId) return true;
  const [appointed, citing] = await Promise.all([
    isAppointedAssessor(db, actor.id),
    requestsCitingExperience(db, owner.experienceId),
  ]);
  return canReadEvidence(actor, appointed, owner, citing);
}
