// Twinning use cases: the list and a twinning's page, creating one (animators) or proposing one
// (administrations, from a practice or a Cerco/Offro conversation), changing it and moving it along
// its status machine, transfer models and their milestones, joining with a role, meetings (events
// of the calendar in its discussion space) and, at closing, the receiving side's outcomes, each
// adopted or adapted one declared as a reuse of the practice (practices.reuses.service.ts).
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/twinnings.ts';
import type { Twinning, TwinningStatus } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from '../../core/errors.ts';
import { translator } from '../../core/i18n.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { italianDay } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { registerSitemapSource } from '../discovery/discovery.service.ts';
import { provisionThread } from '../discussions/discussions.service.ts';
import { createEvent, eventsBetween, viewerOf } from '../events/events.service.ts';
import { findReadablePost } from '../exchange/exchange.service.ts';
import { ensureGroupMember, leaveGroup, provisionGroup } from '../groups/groups.service.ts';
import { declareReuseWithin } from '../practices/practices.reuses.service.ts';
import {
  canApprove,
  canCreateTwinning,
  canJoin,
  canManageTwinning,
  canMove,
  canProposeTwinning,
  canReadTwinning,
  canRecordOutcome,
  isStep,
  NEXT_STATUS,
  type Participation,
} from './twinnings.policy.ts';
import { milestoneState, percentOf, progressOf } from './twinnings.progress.ts';
import {
  documentsSchema,
  joinSchema,
  LIST_PAGE_SIZE,
  listQuerySchema,
  meetingSchema,
  milestonePatchSchema,
  milestoneSchema,
  modelSchema,
  outcomesSchema,
  twinningFields,
  twinningPatchSchema,
  type TwinningInput,
} from './twinnings.schema.ts';

/** Stored texts (thread titles, the reuse note) are written in Italian, the platform's first language. */
const translate = translator('it');

const RESERVED_SLUGS = ['nuovo'];

export const twinningUrl = (slug: string) => `/gemellaggi/${slug}`;

registerSitemapSource({
  name: 'twinnings',
  pages: async (deps, limit) => [
    { path: '/gemellaggi', lastmod: null },
    ...(await q.publicTwinningPages(deps.database.db, Math.max(0, limit - 1))),
  ],
});

type Access = { twinning: Twinning; participation: Participation };

/** A twinning the actor may read, with their participation (a 404 otherwise, as if it did not exist). */
export async function findReadable(deps: Deps, actor: Actor, slug: string): Promise<Access> {
  const twinning = await q.findTwinning(deps.database.db, slug);
  if (!twinning) throw new NotFoundError('twinnings.errors.not_found');
  const participation = actor ? await q.findParticipant(deps.database.db, twinning.id, actor.id) : undefined;
  if (!canReadTwinning(actor, twinning, participation)) throw new NotFoundError('twinnings.errors.not_found');
  return { twinning, participation };
}

async function findManageable(deps: Deps, actor: Actor, slug: string): Promise<Access> {
  if (!actor) throw new UnauthorizedError();
  const access = await findReadable(deps, actor, slug);
  if (!canManageTwinning(actor, access.participation)) throw new ForbiddenError('twinnings.errors.not_manager');
  if (access.twinning.status === 'closed') throw new ConflictError('twinnings.errors.closed');
  return access;
}

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

// --- writing ---------------------------------------------------------------------------------------

/**
 * The administrations and practices named in the input, checked: each known, the two sides apart,
 * the end not before the start. Field errors name what is wrong.
 */
async function resolveRecord(deps: Deps, data: TwinningInput) {
  const db = deps.database.db;
  const fields: FieldErrors = {};
  const offeringSlugs = [...new Set(data.offering)];
  const receivingSlugs = [...new Set(data.receiving)];
  const orgs = await q.organizationsBySlugs(db, [...offeringSlugs, ...receivingSlugs]);
  const unknown = [...offeringSlugs, ...receivingSlugs].filter((s) => !orgs.some((o) => o.slug === s));
  if (unknown.length) {
    const side = offeringSlugs.some((s) => unknown.includes(s)) ? 'offering' : 'receiving';
    fields[side] = { key: 'validation.twinning_organization_unknown', params: { slugs: unknown.join(', ') } };
  }
  const both = offeringSlugs.filter((s) => receivingSlugs.includes(s));
  if (both.length) fields.receiving = { key: 'validation.twinning_same_side', params: { slugs: both.join(', ') } };
  const practiceSlugs = [...new Set(data.practices)];
  const practices = await q.publishedPracticesBySlugs(db, practiceSlugs);
  const missing = practiceSlugs.filter((s) => !practices.some((p) => p.slug === s));
  if (missing.length)
    fields.practices = { key: 'validation.twinning_practice_unknown', params: { slugs: missing.join(', ') } };
  if (data.startsOn && data.endsOn && data.endsOn < data.startsOn)
    fields.endsOn = { key: 'validation.twinning_ends_before_start' };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  const bySlug = (slug: string) => orgs.find((o) => o.slug === slug)!;
  const sides = [
    ...offeringSlugs.map((s) => ({ organizationId: bySlug(s).id, side: 'offering' as const, objectives: '' })),
    ...receivingSlugs.map((s) => ({
      organizationId: bySlug(s).id,
      side: 'receiving' as const,
      objectives: data.objectives[s] ?? '',
    })),
  ];
  return { sides, practiceIds: practiceSlugs.map((s) => practices.find((p) => p.slug === s)!.id), orgs };
}

const columnsOf = (data: TwinningInput) => ({
  title: data.title,
  summary: data.summary,
  summaryHtml: data.summary ? renderMarkdown(data.summary) : '',
  expectedResults: data.expectedResults,
  expectedResultsHtml: data.expectedResults ? renderMarkdown(data.expectedResults) : '',
  achievedResults: data.achievedResults,
  achievedResultsHtml: data.achievedResults ? renderMarkdown(data.achievedResults) : '',
  startsOn: data.startsOn ?? null,
  endsOn: data.endsOn ?? null,
  programme: data.programme,
  priorities: data.priorities,
  region: data.region ?? null,
  theme: data.theme ?? null,
  meetingUrl: data.meetingUrl ?? null,
});

/** The feed's payload for a twinning event: public once approved, the actor's alone while proposed. */
const contentPayload = (t: Twinning, actorId: number) => ({
  actorId,
  objectId: t.id,
  title: t.title,
  url: twinningUrl(t.slug),
  ...(t.status === 'proposed' ? { privateToActor: true } : {}),
});

/**
 * Creates a twinning: animators and admins create an approved one, members of an administration
 * propose one (status "proposed", for animators to approve). In one transaction: the record, its
 * sides and practices, its discussion space (a private group) with the "Discussione generale"
 * thread, the proposer as referent when their administration takes part, and `twinning.created`.
 */
export async function createTwinning(deps: Deps, actor: Actor, input: unknown, now = new Date()): Promise<Twinning> {
  if (!actor) throw new UnauthorizedError();
  if (!canProposeTwinning(actor)) throw new ForbiddenError('twinnings.errors.no_organization');
  const data = parseInput(twinningFields, input);
  const { sides, practiceIds } = await resolveRecord(deps, data);
  const direct = canCreateTwinning(actor);
  return deps.database.db.transaction(async (tx) => {
    const twinning = await insertUnderFreeSlug(
      slugify(data.title, 60, 'gemellaggio'),
      // The list's own paths (/gemellaggi/nuovo) are no twinning's address.
      (s) => (RESERVED_SLUGS.includes(s) ? Promise.resolve(true) : q.slugExists(tx, s)),
      (slug) =>
        q.insertTwinningIfSlugFree(tx, {
          ...columnsOf(data),
          slug,
          status: direct ? 'approved' : 'proposed',
          proposedBy: actor.id,
          createdBy: actor.id,
          ...(direct ? { approvedBy: actor.id, approvedAt: now } : {}),
        }),
    );
    await q.replaceSides(tx, twinning.id, sides);
    await q.replacePractices(tx, twinning.id, practiceIds);
    const group = await provisionGroup(
      tx,
      {
        name: translate('twinnings.space.name', { title: data.title }).slice(0, 120),
        description: translate('twinnings.space.description', { title: data.title }),
        theme: data.theme ?? 'servizi-impiego',
        visibility: 'private',
        createdBy: actor.id,
      },
      [actor.id],
    );
    const thread = await provisionThread(deps, tx, {
      groupId: group.id,
      authorId: actor.id,
      title: translate('twinnings.space.general_title'),
      body: translate('twinnings.space.general_body', { title: data.title }),
    });
    const created = await q.updateTwinning(tx, twinning.id, { groupId: group.id, threadId: thread.id });
    if (actor.organizationId && sides.some((s) => s.organizationId === actor.organizationId))
      await q.upsertParticipant(tx, {
        twinningId: twinning.id,
        userId: actor.id,
        role: 'referent',
        organizationId: actor.organizationId,
      });
    await deps.bus.record(tx, 'twinning.created', contentPayload(created, actor.id));
    return created;
  });
}

/** The stored twinning as input: a change is checked together with what it does not touch. */
async function asInput(deps: Deps, t: Twinning): Promise<TwinningInput> {
  const db = deps.database.db;
  const [sides, practices] = await Promise.all([q.sidesOf(db, [t.id]), q.practicesOf(db, t.id)]);
  return {
    title: t.title,
    summary: t.summary,
    offering: sides.filter((s) => s.side === 'offering').map((s) => s.slug),
    receiving: sides.filter((s) => s.side === 'receiving').map((s) => s.slug),
    practices: practices.map((p) => p.slug),
    objectives: Object.fromEntries(sides.filter((s) => s.side === 'receiving').map((s) => [s.slug, s.objectives])),
    expectedResults: t.expectedResults,
    achievedResults: t.achievedResults,
    startsOn: t.startsOn ?? undefined,
    endsOn: t.endsOn ?? undefined,
    programme: t.programme,
    priorities: t.priorities,
    region: (t.region ?? undefined) as TwinningInput['region'],
    theme: t.theme ?? undefined,
    meetingUrl: t.meetingUrl ?? undefined,
  };
}

const stripUndefined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Changes a twinning (its managers) and/or moves its status one step (proposed → approved by
 * animators; later steps by its managers). A jump, a step back or closing before every model has
 * its outcome is refused with nothing changed. `twinning.approved` / `twinning.status_changed`
 * tell the feed and the twinning's room.
 */
export async function updateTwinning(deps: Deps, actor: Actor, slug: string, input: unknown): Promise<Twinning> {
  if (!actor) throw new UnauthorizedError();
  const { twinning: current, participation } = await findReadable(deps, actor, slug);
  const patch = parseInput(twinningPatchSchema, input);
  const { status, ...fieldsPatch } = patch;
  const changesFields = Object.values(fieldsPatch).some((v) => v !== undefined);
  if (changesFields) {
    if (!canManageTwinning(actor, participation)) throw new ForbiddenError('twinnings.errors.not_manager');
    if (current.status === 'closed') throw new ConflictError('twinnings.errors.closed');
  }
  if (status && status !== current.status) {
    if (!isStep(current.status, status))
      throw new ConflictError('twinnings.errors.status_jump', {
        status: { key: 'validation.twinning_status_jump', params: { from: current.status, to: status } },
      });
    if (!canMove(actor, current, participation, status))
      throw new ForbiddenError(
        status === 'approved' ? 'twinnings.errors.approve_staff' : 'twinnings.errors.not_manager',
      );
  }
  const data = changesFields
    ? parseInput(twinningFields, { ...(await asInput(deps, current)), ...stripUndefined(fieldsPatch) })
    : null;
  const resolved = data ? await resolveRecord(deps, data) : null;
  return deps.database.db.transaction(async (tx) => {
    const locked = (await q.findTwinning(tx, slug, { lock: true }))!;
    // Another request moved it meanwhile: the step asked for is no longer one.
    if (status && status !== locked.status && !isStep(locked.status, status))
      throw new ConflictError('twinnings.errors.status_jump', {
        status: { key: 'validation.twinning_status_jump', params: { from: locked.status, to: status } },
      });
    if (data?.startsOn) {
      const earliest = await q.earliestDue(tx, locked.id);
      if (earliest && earliest < data.startsOn)
        throw new ValidationError({
          startsOn: { key: 'validation.twinning_start_after_milestone', params: { day: earliest } },
        });
    }
    if (status === 'closed' && status !== locked.status) await assertOutcomesComplete(tx, locked.id);
    let row = locked;
    if (data && resolved) {
      row = await q.updateTwinning(tx, locked.id, columnsOf(data));
      await q.replaceSides(tx, locked.id, resolved.sides);
      await q.replacePractices(tx, locked.id, resolved.practiceIds);
    }
    if (status && status !== locked.status) {
      row = await q.updateTwinning(tx, locked.id, {
        status,
        ...(status === 'approved' ? { approvedBy: actor.id, approvedAt: new Date() } : {}),
      });
      await deps.bus.record(
        tx,
        status === 'approved' ? 'twinning.approved' : 'twinning.status_changed',
        contentPayload(row, actor.id),
      );
    }
    return row;
  });
}

/** Closing needs the receiving side's outcome for every model. */
async function assertOutcomesComplete(tx: Tx, twinningId: number) {
  const [models, outcomes] = await Promise.all([q.modelsOf(tx, twinningId), q.outcomesOf(tx, twinningId)]);
  const missing = models.filter((m) => !outcomes.some((o) => o.modelId === m.id)).map((m) => m.code);
  if (missing.length)
    throw new ConflictError('twinnings.errors.outcomes_missing', {
      status: { key: 'validation.twinning_outcomes_missing', params: { codes: missing.join(', ') } },
    });
}

/** Moves it one step on (the page's button): the next status of the machine. */
export async function advanceTwinning(deps: Deps, actor: Actor, slug: string): Promise<Twinning> {
  const { twinning } = await findReadable(deps, actor, slug);
  const next = NEXT_STATUS[twinning.status];
  if (!next) throw new ConflictError('twinnings.errors.closed');
  return updateTwinning(deps, actor, slug, { status: next });
}

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
 * Joins with a role (or changes one's role): a referent speaks for an administration of the
 * twinning. The participant enters the discussion space; the live rooms learn it (member.joined).
 */
export async function joinTwinning(deps: Deps, actor: Actor, slug: string, input: unknown) {
  if (!actor) throw new UnauthorizedError();
  const { twinning } = await findReadable(deps, actor, slug);
  if (!canJoin(actor, twinning)) throw new ConflictError('twinnings.errors.join_closed');
  const { role } = parseInput(joinSchema, input);
  const db = deps.database.db;
  const sides = await q.sidesOf(db, [twinning.id]);
  const ownSide = sides.find((s) => s.organizationId === actor.organizationId);
  if (role === 'referent' && !ownSide) throw new ForbiddenError('twinnings.errors.referent_side');
  return db.transaction(async (tx) => {
    const participant = await q.upsertParticipant(tx, {
      twinningId: twinning.id,
      userId: actor.id,
      role,
      organizationId: actor.organizationId ?? null,
    });
    if (twinning.groupId) {
      await ensureGroupMember(tx, twinning.groupId, actor.id, role === 'referent' ? 'moderator' : 'member');
      await deps.bus.record(tx, 'member.joined', { groupId: twinning.groupId, userId: actor.id });
    }
    return participant;
  });
}

/**
 * Leaves the twinning: the participation goes, and so does the place in its discussion space
 * (through the groups' own leave, which keeps a space's last owner in). Not a participant: 404.
 */
export async function leaveTwinning(deps: Deps, actor: Actor, slug: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const { twinning, participation } = await findReadable(deps, actor, slug);
  if (!participation) throw new NotFoundError('twinnings.errors.not_participant');
  await deps.database.db.transaction((tx) => q.deleteParticipant(tx, twinning.id, actor.id));
  const space = twinning.groupId ? await q.groupSlugOf(deps.database.db, twinning.groupId) : null;
  if (space) await leaveGroup(deps, actor, space).catch(() => undefined);
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

/** Puts a meeting or live stream of the twinning on the calendar, in its discussion space (animators). */
export async function scheduleMeeting(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const { twinning } = await findManageable(deps, actor, slug);
  const data = parseInput(meetingSchema, input);
  const group = twinning.groupId ? await q.groupSlugOf(deps.database.db, twinning.groupId) : null;
  if (!group) throw new ConflictError('twinnings.errors.no_space');
  return createEvent(
    deps,
    actor,
    {
      ...data,
      // Online unless a place is given: the twinning's meeting room, else the stream itself.
      onlineUrl: data.onlineUrl ?? (data.place ? undefined : (twinning.meetingUrl ?? data.streamingUrl)),
      kind: 'webinar',
      group,
      description: data.description ?? '',
      seats: '',
    },
    { twinningId: twinning.id },
  );
}

/**
 * The proposal form's starting values, prefilled from a practice (its owner offers, the actor's
 * administration receives) or from a Cerco/Offro match (the "offro" post's administration offers,
 * the "cerco" one's receives, with the practice a post names).
 */
export async function proposalPrefill(
  deps: Deps,
  actor: Actor,
  input: { practice?: unknown; posts?: unknown; offering?: unknown; receiving?: unknown },
) {
  if (!actor) throw new UnauthorizedError();
  if (!canProposeTwinning(actor)) throw new ForbiddenError('twinnings.errors.no_organization');
  const db = deps.database.db;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const postIds = str(input.posts)
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n < 2_147_483_647)
    .slice(0, 2);
  const posts = (await Promise.all(postIds.map((id) => findReadablePost(deps, actor, id).catch(() => null)))).filter(
    (p) => p !== null,
  );
  const practiceSlug = str(input.practice) || posts.find((p) => p.practiceSlug)?.practiceSlug || '';
  const practice = practiceSlug ? (await q.publishedPracticesBySlugs(db, [practiceSlug]))[0] : undefined;
  const own = actor.organizationId ? await q.organizationSlugById(db, actor.organizationId) : null;
  const offering =
    str(input.offering) ||
    posts.find((p) => p.kind === 'offro')?.organizationSlug ||
    (practice ? ((await q.ownerOrganizationSlug(db, practice.id)) ?? '') : '');
  const receiving =
    str(input.receiving) ||
    posts.find((p) => p.kind === 'cerco')?.organizationSlug ||
    // A proposer's own administration receives; an animator creating one speaks for no side.
    (own && own !== offering && !canCreateTwinning(actor) ? own : '');
  return {
    title: practice ? translate('twinnings.form.prefill_title', { title: practice.title }) : '',
    offering,
    receiving,
    practices: practice?.slug ?? '',
    theme: practice?.theme ?? posts[0]?.theme ?? '',
    region: posts.find((p) => p.kind === 'cerco')?.region ?? '',
  };
}

/** The most documents a twinning keeps. */
export const MAX_TWINNING_DOCUMENTS = 30;

/** Links uploaded documents (attachments) to the twinning: its managers, their own unlinked uploads, all or none. */
export async function addDocuments(deps: Deps, actor: Actor, slug: string, input: unknown) {
  const { twinning } = await findManageable(deps, actor, slug);
  const { attachmentIds } = parseInput(documentsSchema, input);
  return deps.database.db.transaction(async (tx) => {
    const current = await q.attachmentsOfTwinning(tx, twinning.id);
    if (current.length + attachmentIds.length > MAX_TWINNING_DOCUMENTS)
      throw new ValidationError({
        attachmentIds: { key: 'validation.twinning_too_many_documents', params: { max: MAX_TWINNING_DOCUMENTS } },
      });
    const ids = [...new Set(attachmentIds)];
    if ((await q.linkTwinningAttachments(tx, twinning.id, ids, actor!.id)) !== ids.length)
      throw new ValidationError({ attachmentIds: { key: 'attachments.not_linkable' } });
    return q.attachmentsOfTwinning(tx, twinning.id);
  });
}

export const STATUS_ORDER: TwinningStatus[] = ['proposed', 'approved', 'in_progress', 'completed', 'closed'];
