// The protocol's settings, for admins: the criteria practices are scored against (add, rename,
// deactivate, reorder: a criterion already used keeps its scores, so it is never deleted) and the
// validators they appoint beside animators and admins.
import * as protocol from '../../../models/queries/practices-protocol.ts';
import { findUsersByHandles } from '../../../models/queries/users.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { canConfigureProtocol } from './practices.policy.ts';
import {
  criteriaOrderSchema,
  criterionInputSchema,
  criterionUpdateSchema,
  validatorInputSchema,
} from './practices.schema.ts';

function assertAdmin(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canConfigureProtocol(actor)) throw new ForbiddenError();
  return actor;
}

/** Every criterion (inactive ones too) and the appointed validators. */
export async function protocolSettings(deps: Deps, actor: Actor) {
  assertAdmin(actor);
  const db = deps.database.db;
  return {
    criteria: await protocol.listCriteria(db, { all: true }),
    validators: await protocol.listAppointedValidators(db),
  };
}

/** Adds a criterion, active, at the end. */
export async function addCriterion(deps: Deps, actor: Actor, input: unknown) {
  assertAdmin(actor);
  const data = parseInput(criterionInputSchema, input);
  const row = await protocol.insertCriterion(deps.database.db, data);
  if (!row) throw new ValidationError({ key: { key: 'validation.practice_criterion_taken' } });
  return row;
}

/** Renames, redescribes, deactivates or reactivates a criterion. */
export async function updateCriterion(deps: Deps, actor: Actor, key: string, input: unknown) {
  assertAdmin(actor);
  const data = parseInput(criterionUpdateSchema, input);
  const row = await protocol.updateCriterion(deps.database.db, key, data);
  if (!row) throw new NotFoundError();
  return row;
}

/** Puts the criteria in the given order (every key must be a criterion). */
export async function reorderCriteria(deps: Deps, actor: Actor, input: unknown) {
  assertAdmin(actor);
  const { keys } = parseInput(criteriaOrderSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const known = (await protocol.listCriteria(tx, { all: true })).map((c) => c.key);
    const unknown = keys.filter((k) => !known.includes(k));
    if (unknown.length)
      throw new ValidationError({
        keys: { key: 'validation.practice_criteria_unknown', params: { keys: unknown.join(', ') } },
      });
    await protocol.reorderCriteria(tx, [...new Set(keys), ...known.filter((k) => !keys.includes(k))]);
  });
}

/** Moves a criterion one place up or down. */
export async function moveCriterion(deps: Deps, actor: Actor, key: string, direction: 'up' | 'down') {
  assertAdmin(actor);
  return deps.database.db.transaction(async (tx) => {
    const keys = (await protocol.listCriteria(tx, { all: true })).map((c) => c.key);
    const i = keys.indexOf(key);
    if (i < 0) throw new NotFoundError();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= keys.length) return;
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    await protocol.reorderCriteria(tx, keys);
  });
}

/** Appoints a member as validator by @handle. */
export async function appointValidator(deps: Deps, actor: Actor, input: unknown) {
  const admin = assertAdmin(actor);
  const { handle } = parseInput(validatorInputSchema, input);
  const [person] = await findUsersByHandles(deps.database.db, [handle]);
  if (!person)
    throw new ValidationError({ handle: { key: 'validation.practice_people_unknown', params: { names: handle } } });
  if (!(await protocol.appointValidator(deps.database.db, person.id, admin.id)))
    throw new ConflictError('practices.errors.already_validator');
  return person;
}

/** Removes an appointed validator (animators and admins validate by their role, not by appointment). */
export async function removeValidator(deps: Deps, actor: Actor, userId: number) {
  assertAdmin(actor);
  if (!(await protocol.removeValidator(deps.database.db, userId))) throw new NotFoundError();
}
