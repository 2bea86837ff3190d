// Reuse declarations ("L'abbiamo riusata / la stiamo riusando") and the practice page's section that
// shows them with the stories. A declaration is made on behalf of the member's administration on a
// published practice it does not own; a second one from the same administration updates the first.
// The practice's reuse_count changes in the same transaction, with its row locked, so concurrent
// declarations never leave it wrong; `practice.reused` (the feed, the authors' notification) is
// recorded with it.
import type { Tx } from '../../../models/db.ts';
import * as q from '../../../models/queries/practice-reuses.ts';
import * as stories from '../../../models/queries/practice-stories.ts';
import type { PracticeReuse } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../core/errors.ts';
import { italianDay } from '../../core/time.ts';
import { parseInput } from '../../core/validation.ts';
import { canWithdrawReuse, isPublicPractice, reuseRefusal } from './practices.reuses.policy.ts';
import { reuseInputSchema } from './practices.reuses.schema.ts';
import { reuseSectionView, type SectionPractice } from './practices.reuses.view.ts';
import { canModerateStories, canTellStory } from './practices.stories.policy.ts';
import { practiceUrl } from './practices.service.ts';

const REFUSALS = {
  no_organization: 'practiceCatalogue.errors.reuse_no_organization',
  owner: 'practiceCatalogue.errors.reuse_own_practice',
} as const;

/** The practice, locked for the transaction; anything but a published one is "not found". */
async function lockedPublished(tx: Tx, slug: string) {
  const practice = await q.findPracticeHead(tx, slug, { lock: true });
  if (!practice || practice.status !== 'published') throw new NotFoundError();
  return practice;
}

/**
 * Declares (or updates) the actor's administration's reuse of a published practice. Unknown
 * component codes and a start in the future are refused; the count and the event follow.
 */
export async function declareReuse(deps: Deps, actor: Actor, slug: string, input: unknown, now = new Date()) {
  return deps.database.db.transaction((tx) => declareReuseWithin(deps, tx, actor, slug, input, now));
}

/**
 * declareReuse inside the caller's transaction: a twinning's outcome (adopted or adapted) is
 * declared with the outcome itself, so neither is stored without the other.
 */
export async function declareReuseWithin(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  slug: string,
  input: unknown,
  now = new Date(),
) {
  if (!actor) throw new UnauthorizedError();
  const practice = await lockedPublished(tx, slug);
  const refusal = reuseRefusal(actor, practice, await q.ownerOrganizationIds(tx, practice));
  if (refusal === 'no_organization' || refusal === 'owner') throw new ForbiddenError(REFUSALS[refusal]);
  const data = parseInput(reuseInputSchema, input);
  const known = new Set(practice.components.map((c) => c.code));
  const unknown = [...new Set(data.components)].filter((code) => !known.has(code));
  if (unknown.length)
    throw new ValidationError({
      components: { key: 'validation.practice_reuse_component_unknown', params: { codes: unknown.join(', ') } },
    });
  if (data.startedOn && data.startedOn > italianDay(now))
    throw new ValidationError({ startedOn: { key: 'validation.practice_reuse_day_future' } });
  const { reuse, created } = await q.upsertReuse(tx, {
    practiceId: practice.id,
    organizationId: actor.organizationId!,
    declaredBy: actor.id,
    status: data.status,
    startedOn: data.startedOn ?? null,
    // In the practice's own order, each once.
    components: practice.components.map((c) => c.code).filter((code) => data.components.includes(code)),
    adaptationNotes: data.adaptationNotes,
    outcome: data.outcome,
    now,
  });
  const reuseCount = await q.refreshReuseCount(tx, practice.id);
  const declared = (await q.reusesOf(tx, practice.id)).find((r) => r.id === reuse.id)!;
  if (created)
    await deps.bus.record(tx, 'practice.reused', {
      actorId: actor.id,
      objectId: practice.id,
      title: practice.title,
      url: practiceUrl(practice),
    });
  return { reuse: declared, created, reuseCount, practice };
}

/** Withdraws the actor's administration's declaration (published or archived practice). */
export async function withdrawReuse(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ reuse: PracticeReuse; reuseCount: number }> {
  if (!actor) throw new UnauthorizedError();
  return deps.database.db.transaction(async (tx) => {
    const practice = await q.findPracticeHead(tx, slug, { lock: true });
    if (!practice || !isPublicPractice(practice)) throw new NotFoundError();
    const own = { organizationId: actor.organizationId ?? 0 };
    if (!canWithdrawReuse(actor, own)) throw new NotFoundError('practiceCatalogue.errors.no_reuse');
    const reuse = await q.deleteReuse(tx, practice.id, own.organizationId);
    if (!reuse) throw new NotFoundError('practiceCatalogue.errors.no_reuse');
    const reuseCount = await q.refreshReuseCount(tx, practice.id);
    await deps.bus.record(tx, 'practice.reuse_withdrawn', {
      practiceId: practice.id,
      organizationId: reuse.organizationId,
      byUserId: actor.id,
    });
    return { reuse, reuseCount };
  });
}

/**
 * The practice page's "Riusi e storie" section for this viewer (the record page renders it with the
 * partial `practices/reuse-and-stories`): the declarations and their count, the declaration form
 * when the viewer may declare, the published stories, the viewer's own pending ones, the story form.
 * Undefined for a practice that is not public (a draft shows no reuse).
 */
export async function reuseSection(deps: Deps, viewer: Actor, practice: SectionPractice) {
  if (!isPublicPractice(practice)) return undefined;
  const db = deps.database.db;
  const [owners, reuses, published, pending, queue] = [
    await q.ownerOrganizationIds(db, practice),
    await q.reusesOf(db, practice.id),
    await stories.storiesOf(db, practice.id, 'published'),
    viewer ? await stories.pendingStoriesOfAuthor(db, practice.id, viewer.id) : [],
    canModerateStories(viewer) ? await stories.countPendingStories(db) : 0,
  ];
  return reuseSectionView({
    practice,
    viewer,
    reuses,
    refusal: reuseRefusal(viewer, practice, owners),
    stories: published,
    pending,
    canTellStory: canTellStory(viewer, practice),
    moderationQueue: canModerateStories(viewer) ? queue : undefined,
  });
}
export type ReuseSection = NonNullable<Awaited<ReturnType<typeof reuseSection>>>;

/** The people told about a practice's reuses and stories: its creator, co-authors and contact person. */
export function practicePeople(deps: Deps, practiceId: number): Promise<number[]> {
  return q.practicePeopleIds(deps.database.db, practiceId);
}
