// Reading twinnings: the list, the home's and a practice's cards, and a twinning's page.
import * as q from '../../../models/queries/twinnings.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { italianDay } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { eventsBetween, viewerOf } from '../events/events.service.ts';
import {
  canApprove,
  canCreateTwinning,
  canJoin,
  canManageTwinning,
  canMove,
  canReadTwinning,
  canRecordOutcome,
  NEXT_STATUS,
} from './twinnings.policy.ts';
import { milestoneState, percentOf, progressOf } from './twinnings.progress.ts';
import { LIST_PAGE_SIZE, listQuerySchema } from './twinnings.schema.ts';

// --- reading ---------------------------------------------------------------------------------------

/** The list (page and API): visible twinnings by status, region, theme and administration, a page at a time. */
export async function listTwinnings(deps: Deps, actor: Actor, input: unknown) {
  const filter = parseInput(listQuerySchema, input);
  const db = deps.database.db;
  const { rows, total } = await q.listTwinnings(db, viewerOf(actor), {
    ...filter,
    limit: LIST_PAGE_SIZE,
    offset: (filter.page - 1) * LIST_PAGE_SIZE,
  });
  return {
    filter,
    items: summaries(rows),
    total,
    page: filter.page,
    pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)),
    organizations: await q.organizationsInTwinnings(db, viewerOf(actor)),
  };
}

export type TwinningSummary = Awaited<ReturnType<typeof summaries>>[number];

/** Rows with their sides, participant count and overall progress (cards and the API), read with them. */
function summaries(rows: q.TwinningListRow[]) {
  return rows.map(({ twinning, sides, participantCount, progress }) => ({
    twinning,
    offering: sides.filter((s) => s.side === 'offering'),
    receiving: sides.filter((s) => s.side === 'receiving'),
    participantCount,
    progress: { ...progress, percent: percentOf(progress.done, progress.total) },
  }));
}

/** "Ultimi gemellaggi" (the home page): the newest public ones. */
export async function latestTwinnings(deps: Deps, limit = 3) {
  const { rows } = await q.listTwinnings(deps.database.db, null, { limit, offset: 0 });
  return summaries(rows);
}

/** The twinnings that transfer a practice (its page), as the viewer may see them. */
export async function twinningsOfPractice(deps: Deps, actor: Actor, practiceId: number) {
  const { rows } = await q.listTwinnings(deps.database.db, viewerOf(actor), { practiceId, limit: 20, offset: 0 });
  return summaries(rows);
}

/** A twinning's page and the API's record: everything, with what the actor may do. */
export async function twinningDetail(deps: Deps, actor: Actor, slug: string, now = new Date()) {
  // The record, the viewer's participation and every part the page shows: one statement.
  const found = await q.findTwinningWithParts(deps.database.db, slug, actor?.id ?? null);
  if (!found) throw new NotFoundError('twinnings.errors.not_found');
  const { twinning, participation, sides, practices, models, milestones, participants, outcomes, documents } = found;
  if (!canReadTwinning(actor, twinning, participation)) throw new NotFoundError('twinnings.errors.not_found');
  const events = await eventsBetween(deps, actor, { twinningId: twinning.id, limit: 50 });
  const today = italianDay(now);
  const orgName = (id: number) => sides.find((s) => s.organizationId === id);
  const modelViews = models.map((model) => {
    const own = milestones.filter((m) => m.modelId === model.id);
    return {
      model,
      offering: orgName(model.offeringOrganizationId),
      receiving: orgName(model.receivingOrganizationId),
      practice: practices.find((p) => p.id === model.practiceId) ?? null,
      milestones: own.map((m) => ({ milestone: m, state: milestoneState(m, today) })),
      progress: progressOf(own),
      outcome: outcomes.find((o) => o.modelId === model.id) ?? null,
      can: { recordOutcome: canRecordOutcome(actor, twinning, participation, model) },
    };
  });
  const manage = Boolean(actor) && canManageTwinning(actor, participation) && twinning.status !== 'closed';
  const next = NEXT_STATUS[twinning.status];
  return {
    twinning,
    offering: sides.filter((s) => s.side === 'offering'),
    receiving: sides.filter((s) => s.side === 'receiving'),
    practices,
    models: modelViews,
    // The timeline: every milestone in due order, with its model's code.
    timeline: milestones.map((m) => ({
      milestone: m,
      state: milestoneState(m, today),
      modelCode: models.find((x) => x.id === m.modelId)?.code ?? '',
    })),
    progress: progressOf(milestones),
    participants,
    participantCount: participants.length,
    participation: participation ?? null,
    events,
    documents,
    can: {
      manage,
      move: Boolean(next) && canMove(actor, twinning, participation, next!),
      next,
      approve: twinning.status === 'proposed' && canApprove(actor),
      join: canJoin(actor, twinning),
      discuss: Boolean(participation) || (Boolean(actor) && canManageTwinning(actor, participation)),
      recordOutcomes: modelViews.some((m) => m.can.recordOutcome),
      schedule: manage && canCreateTwinning(actor) && Boolean(twinning.groupId),
    },
  };
}
export type TwinningDetail = Awaited<ReturnType<typeof twinningDetail>>;
