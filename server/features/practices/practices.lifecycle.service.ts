// The lifecycle of a practice, one use case per step: submit (its authors), validate or return
// with comments (the protocol: validators who did not write it), publish (validators), archive
// (authors, animators, admins). Each step: the practice is read as the actor may see it (404),
// then who they are (403), what the record lacks (400), the status it starts from (409); then one
// transaction moves the status, writes the log, and records the events (the people involved are
// notified; publication reaches the feed). A refused step changes nothing.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/practices.ts';
import * as protocol from '../../../models/queries/practices-protocol.ts';
import type { Practice, PracticeStatus, PracticeValidation } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import {
  canArchivePractice,
  canPublishPractice,
  canStartFrom,
  canSubmitPractice,
  hasWrittenPractice,
  isValidator,
  STEPS,
  type Step,
} from './practices.policy.ts';
import { missingForPublication } from './practices.rules.ts';
import { transitionInputSchema, validationInputSchema } from './practices.schema.ts';
import { incompleteError, practiceUrl, readablePractice, type LoadedPractice } from './practices.service.ts';
import { insertVersionWithDiff, snapshotOf } from './practices.snapshot.ts';

type Outcome = { practice: Practice };
/** A decision with its scores, as recorded. */
export type Decision = PracticeValidation & { scores: { criterionKey: string; score: number; note: string }[] };

/** Refuses a step the practice's status does not allow (409, nothing changed). */
function assertFrom(step: Step, p: Pick<Practice, 'status'>): void {
  if (!canStartFrom(step, p.status)) throw new ConflictError(`practices.errors.cannot_${step}_${p.status}`);
}

/** Moves the status (only from the one read under lock), logs it and records `practice.transitioned`. */
async function move(
  deps: Deps,
  tx: Tx,
  actor: Express.User,
  loaded: LoadedPractice,
  to: PracticeStatus,
  values: Partial<Practice>,
  comment: string,
  now: Date,
): Promise<Practice> {
  const from = loaded.practice.status;
  const practice = await q.moveStatus(tx, loaded.practice.id, from, { ...values, status: to, updatedAt: now });
  // The row was locked when read: nobody moved it meanwhile.
  if (!practice) throw new ConflictError('practices.errors.moved');
  await q.insertTransition(tx, {
    practiceId: practice.id,
    fromStatus: from,
    toStatus: to,
    userId: actor.id,
    comment,
    createdAt: now,
  });
  await deps.bus.record(tx, 'practice.transitioned', {
    practiceId: practice.id,
    from,
    to,
    byUserId: actor.id,
    comment,
  });
  return practice;
}

/** The signed-in actor and the practice locked for the step, as they may see it. */
async function lockForStep(deps: Deps, actor: Actor, slug: string, tx: Tx) {
  if (!actor) throw new UnauthorizedError();
  return { person: actor, loaded: await readablePractice(deps, actor, slug, tx) };
}

/**
 * Steps only validators take answer 403 to anyone else before the practice is even looked up: the
 * refusal is about who asks, and says nothing of whether a practice in review exists.
 */
async function assertValidator(tx: Tx, actor: Actor, key: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  if (!isValidator(actor, { appointed: await protocol.isAppointedValidator(tx, actor.id) }))
    throw new ForbiddenError(key);
}

/**
 * An author sends the draft to the validators. A draft with its essentials (title, summary,
 * description, organization, region, theme) may go: the validators see what publication still needs
 * and return it with comments; publication itself refuses a record that misses a field.
 */
export async function submitPractice(deps: Deps, actor: Actor, slug: string, input: unknown = {}, now = new Date()) {
  const { comment } = parseInput(transitionInputSchema, input);
  return deps.database.db.transaction(async (tx): Promise<Outcome> => {
    const { person, loaded } = await lockForStep(deps, actor, slug, tx);
    if (!canSubmitPractice(person, loaded.subject)) throw new ForbiddenError('practices.errors.cannot_submit');
    assertFrom('submit', loaded.practice);
    return { practice: await move(deps, tx, person, loaded, STEPS.submit.to, { submittedAt: now }, comment, now) };
  });
}

/** The mean of a decision's scores, to two decimals (null when no criterion was scored). */
const meanOf = (scores: { score: number }[]) =>
  scores.length ? Math.round((scores.reduce((a, s) => a + s.score, 0) / scores.length) * 100) / 100 : null;

/**
 * The protocol: a validator who never wrote the practice scores it against the active criteria
 * (each 1–4 with a note; a criterion may stay unscored), records strengths and weaknesses, and
 * decides. "validated" waits for publication with its scores; "returned" (a comment is required)
 * sends it back to its authors as a draft.
 */
export async function validatePractice(deps: Deps, actor: Actor, slug: string, input: unknown, now = new Date()) {
  return deps.database.db.transaction(async (tx): Promise<Outcome & { validation: Decision }> => {
    await assertValidator(tx, actor, 'practices.errors.not_validator');
    const { person, loaded } = await lockForStep(deps, actor, slug, tx);
    // Whoever ever wrote it, taken off its co-authors since or not, is no judge of it.
    if (hasWrittenPractice(person, loaded.subject)) throw new ForbiddenError('practices.errors.own_practice');
    const criteria = (await protocol.listCriteria(tx)).map((c) => c.key);
    const data = parseInput(validationInputSchema(criteria), input);
    const step = data.decision === 'validated' ? 'validate' : 'return';
    assertFrom(step, loaded.practice);
    const validation = await protocol.insertValidation(
      tx,
      {
        practiceId: loaded.practice.id,
        validatorId: person.id,
        decision: data.decision,
        strengths: data.strengths,
        weaknesses: data.weaknesses,
        comment: data.comment,
        createdAt: now,
      },
      data.scores,
    );
    const values =
      step === 'validate'
        ? { validatedAt: now, validationScore: meanOf(data.scores) }
        : { validatedAt: null, validationScore: null };
    const practice = await move(deps, tx, person, loaded, STEPS[step].to, values, data.comment, now);
    return { practice, validation: { ...validation, scores: data.scores } };
  });
}

/**
 * A validator who never wrote it publishes a validated practice: it becomes public as version 1, with its validation.
 * The feed tells of both (`practice.validated` by its validator, then `practice.published`), never
 * earlier: before this step the practice is not public.
 */
export async function publishPractice(deps: Deps, actor: Actor, slug: string, input: unknown = {}, now = new Date()) {
  const { comment } = parseInput(transitionInputSchema, input);
  return deps.database.db.transaction(async (tx): Promise<Outcome> => {
    await assertValidator(tx, actor, 'practices.errors.cannot_publish');
    const { person, loaded } = await lockForStep(deps, actor, slug, tx);
    if (!canPublishPractice(person, loaded.subject, loaded.standing))
      throw new ForbiddenError(
        hasWrittenPractice(person, loaded.subject)
          ? 'practices.errors.own_practice_publish'
          : 'practices.errors.cannot_publish',
      );
    const missing = missingForPublication(loaded.practice);
    if (missing.length) throw incompleteError(missing);
    assertFrom('publish', loaded.practice);
    const first = loaded.practice.version === 0;
    if (first)
      await insertVersionWithDiff(tx, {
        practiceId: loaded.practice.id,
        version: 1,
        snapshot: await snapshotOf(tx, loaded.practice),
        note: '',
        createdBy: person.id,
        createdAt: now,
      });
    const values = first ? { publishedAt: now, version: 1 } : {};
    const practice = await move(deps, tx, person, loaded, STEPS.publish.to, values, comment, now);
    const content = { objectId: practice.id, title: practice.title, url: practiceUrl(practice) };
    const validation = await protocol.latestValidation(tx, practice.id, 'validated');
    if (first && validation)
      await deps.bus.record(tx, 'practice.validated', { ...content, actorId: validation.validatorId });
    if (first) await deps.bus.record(tx, 'practice.published', { ...content, actorId: practice.createdBy });
    return { practice };
  });
}

/** Its authors (or animators, admins) archive a published practice: readable at its address, out of the catalogue. */
export async function archivePractice(deps: Deps, actor: Actor, slug: string, input: unknown = {}, now = new Date()) {
  const { comment } = parseInput(transitionInputSchema, input);
  return deps.database.db.transaction(async (tx): Promise<Outcome> => {
    const { person, loaded } = await lockForStep(deps, actor, slug, tx);
    if (!canArchivePractice(person, loaded.subject)) throw new ForbiddenError('practices.errors.cannot_archive');
    assertFrom('archive', loaded.practice);
    return { practice: await move(deps, tx, person, loaded, STEPS.archive.to, { archivedAt: now }, comment, now) };
  });
}
