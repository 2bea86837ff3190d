// Stories ("Invia una storia"): a member tells how a published practice went for them; the story
// waits for a moderator (animators, admins), who publishes or rejects it. Publication records
// `story.published` (the feed) and every decision `story.moderated` (the author is told; on
// publication the practice's people too), in the decision's transaction.
import * as practicesQ from '../../../models/queries/practice-reuses.ts';
import * as q from '../../../models/queries/practice-stories.ts';
import type { PracticeStory } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { parseInput } from '../../core/validation.ts';
import { isPublicPractice } from './practices.reuses.policy.ts';
import { practiceUrl } from './practices.service.ts';
import { canModerateStories, canTellStory } from './practices.stories.policy.ts';
import { storyInputSchema, storyQueueQuerySchema, type StoryDecision } from './practices.stories.schema.ts';

/** How many stories one person may have waiting on one practice (a form sent twice is not two stories). */
export const MAX_PENDING_STORIES = 3;
export const QUEUE_PAGE_SIZE = 20;

export const storyUrl = (practice: { slug: string }, story: { id: number }): string =>
  `${practiceUrl(practice)}#storia-${story.id}`;

/** Sends a story about a published practice: it waits for moderation. */
export async function createStory(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: unknown,
  now = new Date(),
): Promise<PracticeStory> {
  if (!actor) throw new UnauthorizedError();
  return deps.database.db.transaction(async (tx) => {
    const practice = await practicesQ.findPracticeHead(tx, slug, { lock: true });
    if (!practice || !canTellStory(actor, practice)) throw new NotFoundError();
    const data = parseInput(storyInputSchema, input);
    const waiting = await q.pendingStoriesOfAuthor(tx, practice.id, actor.id);
    if (waiting.length >= MAX_PENDING_STORIES) throw new ConflictError('practiceCatalogue.errors.story_pending_limit');
    return q.insertStory(tx, {
      practiceId: practice.id,
      authorId: actor.id,
      organizationId: actor.organizationId ?? null,
      title: data.title,
      body: data.body,
      bodyHtml: renderMarkdown(data.body),
      now,
    });
  });
}

/** Those who moderate stories; anyone else is refused. */
function assertModerator(actor: Actor): Express.User {
  if (!actor) throw new UnauthorizedError();
  if (!canModerateStories(actor)) throw new ForbiddenError('practiceCatalogue.errors.cannot_moderate');
  return actor;
}

/** Publishes or rejects a pending story (a decided one is not decided again: 409). */
export async function moderateStory(
  deps: Deps,
  actor: Actor,
  storyId: number,
  decision: StoryDecision,
  now = new Date(),
) {
  const moderator = assertModerator(actor);
  return deps.database.db.transaction(async (tx) => {
    const story = await q.findStory(tx, storyId, { lock: true });
    if (!story) throw new NotFoundError();
    if (story.status !== 'pending') throw new ConflictError('practiceCatalogue.errors.story_decided');
    const practice = (await practicesQ.findPracticeHeadById(tx, story.practiceId))!;
    if (decision === 'published' && !isPublicPractice(practice))
      throw new ConflictError('practiceCatalogue.errors.story_practice_hidden');
    const decided = await q.setStoryStatus(tx, story.id, decision, moderator.id, now);
    await deps.bus.record(tx, 'story.moderated', {
      storyId: story.id,
      practiceId: practice.id,
      decision,
      byUserId: moderator.id,
    });
    if (decision === 'published')
      await deps.bus.record(tx, 'story.published', {
        actorId: story.authorId,
        objectId: story.id,
        title: practice.title,
        url: storyUrl(practice, story),
      });
    return { story: decided, practice };
  });
}

/** The moderation queue: pending stories, the oldest first, a page at a time. */
export async function moderationQueue(deps: Deps, actor: Actor, input: unknown) {
  assertModerator(actor);
  const { page } = parseInput(storyQueueQuerySchema, input);
  const db = deps.database.db;
  const total = await q.countPendingStories(db);
  const stories = await q.pendingStories(db, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE);
  return { stories, total, page, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/** What a story's notifications need: the story, its practice and the practice's people. */
export async function storyNotice(deps: Deps, storyId: number) {
  const db = deps.database.db;
  const story = await q.findStory(db, storyId);
  const practice = story ? await practicesQ.findPracticeHeadById(db, story.practiceId) : undefined;
  if (!story || !practice) return undefined;
  return { story, practice, people: await practicesQ.practicePeopleIds(db, practice.id) };
}
