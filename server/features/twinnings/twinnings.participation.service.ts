// Taking part in a twinning: joining with a role and leaving, its meetings on the calendar, a proposal
// prefilled from a practice or a Cerco/Offro conversation, and its documents.
import * as q from '../../../models/queries/twinnings.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { createEvent } from '../events/events.service.ts';
import { findReadablePost } from '../exchange/exchange.service.ts';
import { ensureGroupMember, leaveGroup } from '../groups/groups.service.ts';
import { canCreateTwinning, canJoin, canProposeTwinning } from './twinnings.policy.ts';
import { documentsSchema, joinSchema, meetingSchema } from './twinnings.schema.ts';

import { findManageable, findReadable, translate } from './twinnings.access.ts';

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
