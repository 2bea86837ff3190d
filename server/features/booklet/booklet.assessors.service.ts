// Assessors of recognition requests appointed by an admin (/admin/valutatori-competenze). Animators
// and admins assess by their role; an appointment lets anyone else do it (a CPI's expert, say).
import * as qv from '../../../models/queries/booklet-validations.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { canManageAssessors } from './booklet.policy.ts';
import { assessorSchema } from './booklet.schema.ts';

function assertAdmin(actor: Actor): asserts actor is Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canManageAssessors(actor)) throw new ForbiddenError();
}

/** The appointed assessors, by name. */
export async function listAssessors(deps: Deps, actor: Actor) {
  assertAdmin(actor);
  return qv.appointedAssessors(deps.database.db);
}

/** Appoints a person, named by handle or e-mail; their name, and false when they were already appointed. */
export async function appointAssessor(deps: Deps, actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { person } = parseInput(assessorSchema, input);
  const found = await qv.findPersonByHandleOrEmail(deps.database.db, person);
  if (!found) throw new ValidationError({ person: { key: 'validation.booklet_assessor_unknown' } });
  const added = await qv.appointAssessor(deps.database.db, found.id, actor.id);
  return { name: found.name, added };
}

/** Ends an appointment (requests they decided keep their name). */
export async function dismissAssessor(deps: Deps, actor: Actor, userId: number): Promise<void> {
  assertAdmin(actor);
  if (!(await qv.dismissAssessor(deps.database.db, userId))) throw new NotFoundError();
}
