// A twinning's work: its transfer models and their milestones, and at closing the receiving side's
// outcomes, each adopted or adapted one declared as a reuse of the practice (practices.reuses.service.ts).
import * as q from '../../../models/queries/twinnings.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { italianDay } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { provisionThread } from '../discussions/discussions.service.ts';
import { declareReuseWithin } from '../practices/practices.reuses.service.ts';
import { canRecordOutcome } from './twinnings.policy.ts';
import { milestonePatchSchema, milestoneSchema, modelSchema, outcomesSchema } from './twinnings.schema.ts';

import { contentPayload, findManageable, findReadable, translate } from './twinnings.access.ts';

/**
 * Adds a transfer model (its managers): a code not yet used, an offering administration of the
 * offering side and a receiving one of the receiving side, a practice of the twinning (its first by
 * default). Its thread opens in the discussion space.
 */
export async function addModel(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const { twinning } = await findManageable(deps, actor, slug);
  const data = parseInput(modelSchema, input);
  const db = deps.database.db;
  const [sides, practices] = await Promise.all([q.sidesOf(db, [twinning.id]), q.practicesOf(db, twinning.id)]);
  const fields: FieldErrors = {};
  const offering = sides.find((s) => s.slug === data.offering && s.side === 'offering');
  const receiving = sides.find((s) => s.slug === data.receiving && s.side === 'receiving');
  if (!offering) fields.offering = { key: 'validation.twinning_model_offering' };
  if (!receiving) fields.receiving = { key: 'validation.twinning_model_receiving' };
  const practice = data.practice ? practices.find((p) => p.slug === data.practice) : practices[0];
  if (data.practice && !practice) fields.practice = { key: 'validation.twinning_model_practice' };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return db.transaction(async (tx) => {
    if (await q.findModelByCode(tx, twinning.id, data.code))
      throw new ConflictError('twinnings.errors.model_code_taken', {
        code: { key: 'validation.twinning_model_code_taken', params: { code: data.code } },
      });
    const model = await q.insertModel(tx, {
      twinningId: twinning.id,
      code: data.code,
      title: data.title,
      description: data.description,
      descriptionHtml: data.description ? renderMarkdown(data.description) : '',
      offeringOrganizationId: offering!.organizationId,
      receivingOrganizationId: receiving!.organizationId,
      practiceId: practice?.id ?? null,
      responsible: data.responsible,
    });
    if (twinning.groupId) {
      const thread = await provisionThread(deps, tx, {
        groupId: twinning.groupId,
        authorId: actor!.id,
        title: translate('twinnings.space.model_title', { code: model.code, title: model.title }).slice(0, 200),
        body: translate('twinnings.space.model_body', { code: model.code, title: model.title }),
      });
      return q.updateModelThread(tx, model.id, thread.id);
    }
    return model;
  });
}

/** Adds a milestone to a model (its managers): not due before the twinning starts. */
export async function addMilestone(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const { twinning } = await findManageable(deps, actor, slug);
  const data = parseInput(milestoneSchema, input);
  const model = await q.findModelByCode(deps.database.db, twinning.id, data.modelCode);
  if (!model) throw new ValidationError({ modelCode: { key: 'validation.twinning_model_unknown' } });
  if (twinning.startsOn && data.dueDate < twinning.startsOn)
    throw new ValidationError({
      dueDate: { key: 'validation.twinning_milestone_before_start', params: { day: twinning.startsOn } },
    });
  return deps.database.db.transaction((tx) =>
    q.insertMilestone(tx, { modelId: model.id, title: data.title, dueOn: data.dueDate }),
  );
}

/**
 * Changes a milestone's status and evidence (its managers). Reaching "done" records the day and
 * `twinning.milestone` for the feed; "late" is never set, it is read from the due day.
 */
export async function updateMilestone(
  deps: Deps,
  actor: Actor,
  slug: string,
  id: number,
  input: unknown,
  now = new Date(),
) {
  const { twinning } = await findManageable(deps, actor, slug);
  const data = parseInput(milestonePatchSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const found = await q.findMilestone(tx, twinning.id, id);
    if (!found) throw new NotFoundError('twinnings.errors.milestone_not_found');
    const becameDone = data.status === 'done' && found.milestone.status !== 'done';
    // The evidence's file: a document of this twinning, or the actor's own upload linked as one now.
    const fileId = data.evidenceAttachmentId;
    if (fileId) {
      const documents = await q.attachmentsOfTwinning(tx, twinning.id);
      if (
        !documents.some((d) => d.id === fileId) &&
        (await q.linkTwinningAttachments(tx, twinning.id, [fileId], actor!.id)) !== 1
      )
        throw new ValidationError({ evidenceAttachmentId: { key: 'validation.twinning_evidence_attachment' } });
    }
    const row = await q.updateMilestone(tx, id, {
      status: data.status,
      ...(data.evidence === undefined ? {} : { evidence: data.evidence }),
      ...(fileId === undefined ? {} : { evidenceAttachmentId: fileId }),
      doneOn: data.status === 'done' ? (found.milestone.doneOn ?? italianDay(now)) : null,
    });
    if (becameDone)
      await deps.bus.record(tx, 'twinning.milestone', {
        ...contentPayload(twinning, actor!.id),
        title: `${twinning.title} – ${found.modelCode}: ${row.title}`,
      });
    return row;
  });
}

/**
 * Records the receiving side's outcome per model (a referent of that administration, once the
 * twinning is completed). An adopted or adapted model is declared as a reuse of its practice in the
 * same transaction, through the practices' reuse service: both are stored, or neither.
 */
export async function recordOutcomes(deps: Deps, actor: Actor, slug: string, input: unknown) {
  if (!actor) throw new UnauthorizedError();
  const { twinning, participation } = await findReadable(deps, actor, slug);
  if (twinning.status !== 'completed') throw new ConflictError('twinnings.errors.outcome_not_completed');
  const { outcomes } = parseInput(outcomesSchema, input);
  const db = deps.database.db;
  const [models, practices] = await Promise.all([q.modelsOf(db, twinning.id), q.practicesOf(db, twinning.id)]);
  const plan = outcomes.map((o) => ({ input: o, model: models.find((m) => m.code === o.modelCode) }));
  const unknown = plan.filter((p) => !p.model).map((p) => p.input.modelCode);
  if (unknown.length)
    throw new ValidationError({
      modelCode: { key: 'validation.twinning_model_unknown', params: { codes: unknown.join(', ') } },
    });
  for (const p of plan)
    if (!canRecordOutcome(actor, twinning, participation, p.model!))
      throw new ForbiddenError('twinnings.errors.outcome_receiving_referent');
  return db.transaction(async (tx) => {
    const rows = [];
    for (const { input: o, model } of plan) {
      rows.push(
        await q.upsertOutcome(tx, {
          modelId: model!.id,
          twinningId: twinning.id,
          organizationId: model!.receivingOrganizationId,
          outcome: o.outcome,
          notes: o.notes,
          recordedBy: actor.id,
        }),
      );
      const practice = practices.find((p) => p.id === model!.practiceId);
      if (o.outcome !== 'not_adopted' && practice?.status === 'published')
        await declareReuseWithin(deps, tx, actor, practice.slug, {
          status: 'reused',
          components: [],
          adaptationNotes: o.outcome === 'adapted' ? o.notes : '',
          outcome: translate('twinnings.outcome_reuse_note', {
            title: twinning.title,
            code: model!.code,
            outcome: translate(`twinnings.outcomes.${o.outcome}`),
          }),
        });
    }
    return rows;
  });
}
