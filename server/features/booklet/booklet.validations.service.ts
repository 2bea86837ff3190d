// Recognition of prior learning: a person asks to validate a competence one of their experiences
// shows; an assessor (animator, admin, or appointed by an admin) reviews the experience and its
// evidence, may ask for more, and validates it at a level (EQF 1–8) or refuses it with a reason.
// Each step is one transaction that logs it and records the event that tells the other party;
// a validation also records `competence.validated` (credentials are issued on it) and, when the
// person shows their competences, the feed's announcement.
import * as q from '../../../models/queries/booklet.ts';
import * as qv from '../../../models/queries/booklet-validations.ts';
import { evidenceOf } from '../../../models/queries/booklet-evidence.ts';
import type { Tx } from '../../../models/db.ts';
import type { CompetenceValidationAction } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { UploadedFile } from '../attachments/attachments.service.ts';
import { checkEvidence, linkEvidence, resolveCompetences, storeEvidence } from './booklet.experiences.service.ts';
import { canAnswerRequest, canAssess, canAssessRequest, canReadRequest, isOpen } from './booklet.policy.ts';
import { answerSchema, decisionSchema, validationRequestSchema } from './booklet.schema.ts';
import { declaredExperiences } from './booklet.service.ts';

export const requestUrl = (id: number) => `/libretto/riconoscimenti/${id}`;

const appointed = (deps: Deps, actor: Actor) =>
  actor ? qv.isAppointedAssessor(deps.database.db, actor.id) : Promise.resolve(false);

/** Whether the actor assesses (animators, admins, appointed assessors): the queue's link and page. */
export async function isAssessor(deps: Deps, actor: Actor): Promise<boolean> {
  return canAssess(actor, await appointed(deps, actor));
}

/** Logs a step and records the event that tells the other party, in the step's transaction. */
async function logStep(
  deps: Deps,
  tx: Tx,
  v: { id: number; userId: number },
  actorId: number,
  action: CompetenceValidationAction,
  comment: string,
) {
  await qv.insertStep(tx, { validationId: v.id, actorId, action, comment });
  await deps.bus.record(tx, 'competence.validation_step', { validationId: v.id, action, actorId, userId: v.userId });
}

/** Asks for the validation of a competence one of the actor's experiences shows (one open request per competence). */
export async function requestValidation(deps: Deps, actor: Actor, input: unknown) {
  if (!actor) throw new UnauthorizedError();
  const data = parseInput(validationRequestSchema, input);
  const db = deps.database.db;
  const experience = await q.findExperience(db, data.experienceId);
  if (!experience || experience.userId !== actor.id)
    throw new ValidationError({ experienceId: { key: 'validation.booklet_experience' } });
  const [competence] = await resolveCompetences(deps, [data.competence], 'competence');
  const shown = (await q.competencesOfExperiences(db, [experience.id])).get(experience.id) ?? [];
  if (!shown.some((c) => c.id === competence!.id))
    throw new ValidationError({ competence: { key: 'validation.booklet_competence_not_linked' } });
  if (await qv.isValidated(db, actor.id, competence!.id)) throw new ConflictError('booklet.errors.already_validated');
  if (await qv.openRequestFor(db, actor.id, competence!.id)) throw new ConflictError('booklet.errors.open_request');
  try {
    return await db.transaction(async (tx) => {
      const row = await qv.insertValidation(tx, {
        userId: actor.id,
        competenceId: competence!.id,
        experienceId: experience.id,
        message: data.message,
      });
      await logStep(deps, tx, row, actor.id, 'requested', data.message);
      return row;
    });
  } catch (err) {
    // Two requests at once: the index keeps one open request per person and competence.
    if (isUniqueViolation(err)) throw new ConflictError('booklet.errors.open_request');
    throw err;
  }
}

/** A request the actor may read (its owner, its assessors); anyone else is told it does not exist. */
async function readableRequest(deps: Deps, actor: Actor, id: number) {
  if (!actor) throw new UnauthorizedError();
  const request = await qv.findValidation(deps.database.db, id);
  const isAppointed = await appointed(deps, actor);
  if (!request) throw new NotFoundError('booklet.errors.request_not_found');
  return { request, isAppointed };
}

/** A request's page: the request, the experience it cites with its evidence, its history, what the actor may do. */
export async function requestDetail(deps: Deps, actor: Actor, id: number) {
  const { request, isAppointed } = await readableRequest(deps, actor, id);
  if (!canReadRequest(actor, isAppointed, request)) throw new NotFoundError('booklet.errors.request_not_found');
  const db = deps.database.db;
  const [steps, experienceRow] = await Promise.all([
    qv.stepsOf(db, id),
    request.experienceId ? q.findExperience(db, request.experienceId) : Promise.resolve(undefined),
  ]);
  const [experience] = experienceRow ? await declaredExperiences(deps, [experienceRow]) : [];
  const open = isOpen(request.status);
  return {
    request,
    steps,
    experience: experience ?? null,
    can: {
      decide: open && canAssessRequest(actor, isAppointed, request),
      askMore: request.status === 'requested' && canAssessRequest(actor, isAppointed, request),
      answer: request.status === 'more_info' && canAnswerRequest(actor, request),
      withdraw: open && canAnswerRequest(actor, request),
    },
  };
}

/** The actor's own requests, newest first. */
export async function myRequests(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  return qv.validationsOf(deps.database.db, actor.id);
}

/** The assessors' queue: open requests, the longest waiting first (never the assessor's own). */
export async function assessorQueue(deps: Deps, actor: Actor) {
  if (!actor) throw new UnauthorizedError();
  if (!(await isAssessor(deps, actor))) throw new ForbiddenError('booklet.errors.not_assessor');
  return (await qv.openQueue(deps.database.db)).filter((r) => r.userId !== actor.id);
}

/** An assessor's step: validate (with a level), refuse (with a reason) or ask for more information. */
export async function decide(deps: Deps, actor: Actor, id: number, input: unknown) {
  const { request, isAppointed } = await readableRequest(deps, actor, id);
  if (actor!.id === request.userId) throw new ForbiddenError('booklet.errors.own_request');
  if (!canAssessRequest(actor, isAppointed, request)) throw new ForbiddenError('booklet.errors.not_assessor');
  const data = parseInput(decisionSchema, input);
  const assessorId = actor!.id;
  return deps.database.db.transaction(async (tx) => {
    const current = await qv.lockValidation(tx, id);
    if (!current || !isOpen(current.status)) throw new ConflictError('booklet.errors.not_open');
    if (data.decision === 'more_info') {
      if (current.status === 'more_info') throw new ConflictError('booklet.errors.waiting_answer');
      const row = await qv.updateValidation(tx, id, { status: 'more_info', assessorId });
      await logStep(deps, tx, row, assessorId, 'more_info', data.reason);
      return row;
    }
    const level = data.decision === 'validated' ? data.level! : null;
    const row = await qv.updateValidation(tx, id, {
      status: data.decision,
      assessorId,
      level,
      reason: data.reason,
      decidedAt: new Date(),
    });
    await logStep(deps, tx, row, assessorId, data.decision, data.reason);
    if (data.decision === 'validated') {
      await deps.bus.record(tx, 'competence.validated', {
        validationId: row.id,
        userId: row.userId,
        competenceId: row.competenceId,
        level,
        assessorId,
      });
      // The feed tells the person's network only what they chose to show.
      if ((await q.visibilityOf(tx, row.userId)).showCompetences)
        await deps.bus.record(tx, 'competence.recognized', {
          actorId: row.userId,
          objectId: row.id,
          title: request.competenceTitle,
          url: `/membri/${row.userId}#competenze`,
        });
    }
    return row;
  });
}

/** The person answers a request for more information (a message, more evidence, or both): back to the assessors. */
export async function answer(deps: Deps, actor: Actor, id: number, input: unknown, files: UploadedFile[] = []) {
  const { request, isAppointed } = await readableRequest(deps, actor, id);
  if (!canReadRequest(actor, isAppointed, request)) throw new NotFoundError('booklet.errors.request_not_found');
  if (!canAnswerRequest(actor, request)) throw new ForbiddenError('booklet.errors.not_yours');
  if (request.status !== 'more_info') throw new ConflictError('booklet.errors.not_waiting_answer');
  const data = parseInput(answerSchema, input);
  const adding = data.attachmentIds.length + files.length;
  if (!data.message && !adding) throw new ValidationError({ message: { key: 'validation.booklet_answer_empty' } });
  if (adding && !request.experienceId)
    throw new ValidationError({ files: { key: 'validation.booklet_no_experience' } });
  const kept = request.experienceId
    ? ((await evidenceOf(deps.database.db, [request.experienceId])).get(request.experienceId)?.length ?? 0)
    : 0;
  await checkEvidence(deps, actor!, data.attachmentIds, files, kept);
  const uploaded = await storeEvidence(deps, actor!, files);
  return deps.database.db.transaction(async (tx) => {
    const current = await qv.lockValidation(tx, id);
    if (current?.status !== 'more_info') throw new ConflictError('booklet.errors.not_waiting_answer');
    if (adding) await linkEvidence(tx, request.experienceId!, [...data.attachmentIds, ...uploaded], actor!.id);
    const row = await qv.updateValidation(tx, id, { status: 'requested' });
    await logStep(deps, tx, row, actor!.id, 'answered', data.message);
    return row;
  });
}

/** The person withdraws an open request. */
export async function withdraw(deps: Deps, actor: Actor, id: number) {
  const { request, isAppointed } = await readableRequest(deps, actor, id);
  if (!canReadRequest(actor, isAppointed, request)) throw new NotFoundError('booklet.errors.request_not_found');
  if (!canAnswerRequest(actor, request)) throw new ForbiddenError('booklet.errors.not_yours');
  return deps.database.db.transaction(async (tx) => {
    const current = await qv.lockValidation(tx, id);
    if (!current || !isOpen(current.status)) throw new ConflictError('booklet.errors.not_open');
    const row = await qv.updateValidation(tx, id, { status: 'withdrawn', decidedAt: new Date() });
    await logStep(deps, tx, row, actor!.id, 'withdrawn', '');
    return row;
  });
}

/** What a step's notification says and to whom (the notifications feature asks). */
export async function validationNotice(deps: Deps, id: number) {
  const db = deps.database.db;
  const request = await qv.findValidation(db, id);
  if (!request) return undefined;
  return { request, url: requestUrl(id), assessorIds: await qv.assessorIds(db) };
}
