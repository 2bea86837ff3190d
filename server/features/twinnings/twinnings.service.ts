// Twinning use cases: creating one (animators) or proposing one (administrations, from a practice or
// a Cerco/Offro conversation), changing it and moving it along its status machine. Reading
// (twinnings.read.service.ts), models, milestones and outcomes (twinnings.work.service.ts), and
// joining, meetings, proposals' prefill and documents (twinnings.participation.service.ts) are files of
// their own, re-exported at the end of this one.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/twinnings.ts';
import type { Twinning } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import {
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { insertUnderFreeSlug, slugify } from '../../core/slug.ts';
import { parseInput } from '../../core/validation.ts';
import { registerSitemapSource } from '../discovery/discovery.service.ts';
import { provisionThread } from '../discussions/discussions.service.ts';
import { provisionGroup } from '../groups/groups.service.ts';
import {
  canCreateTwinning,
  canManageTwinning,
  canMove,
  canProposeTwinning,
  isStep,
  NEXT_STATUS,
} from './twinnings.policy.ts';
import { twinningFields, twinningPatchSchema, type TwinningInput } from './twinnings.schema.ts';

import { contentPayload, findReadable, translate } from './twinnings.access.ts';

const RESERVED_SLUGS = ['nuovo'];

registerSitemapSource({
  name: 'twinnings',
  pages: async (deps, limit) => [
    { path: '/gemellaggi', lastmod: null },
    ...(await q.publicTwinningPages(deps.database.db, Math.max(0, limit - 1))),
  ],
});

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

// The rest of the feature's use cases, by concern, for callers that import them from here.
export { findReadable, STATUS_ORDER, twinningUrl, type Access } from './twinnings.access.ts';
export * from './twinnings.read.service.ts';
export * from './twinnings.work.service.ts';
export * from './twinnings.participation.service.ts';
