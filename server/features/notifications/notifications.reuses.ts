// From the good-practice registry's reuse and story events to notifications: a practice's people
// (creator, co-authors, contact person) hear of a new reuse declaration and of a story published
// about it; a story's author hears whether it was published or rejected. Practices are public: no
// group limits who is told.
import type { Deps } from '../../core/deps.ts';
import type { DomainEvent } from '../../core/events.ts';
import { practicePeople } from '../practices/practices.reuses.service.ts';
import { practiceUrl } from '../practices/practices.service.ts';
import { storyNotice, storyUrl } from '../practices/practices.stories.service.ts';
import { Audience, deliver, type Subject } from './notifications.notify.ts';

const subjectOf = (actorId: number | null, title: string, url: string): Subject => ({
  group: null,
  actorId,
  threadId: null,
  postId: null,
  data: { title, url },
});

/** Another administration declared it reuses the practice: its people are told (not the declarer). */
export async function notifyPracticeReused(deps: Deps, e: DomainEvent<'practice.reused'>): Promise<number> {
  const { actorId, objectId, title, url } = e.payload;
  const audience = new Audience().add(await practicePeople(deps, objectId), 'practice_reused');
  return deliver(deps, audience, subjectOf(actorId, title, url), e.id);
}

/** A story was decided: its author is told how; a published one also reaches the practice's people. */
export async function notifyStoryModerated(deps: Deps, e: DomainEvent<'story.moderated'>): Promise<number> {
  const found = await storyNotice(deps, e.payload.storyId);
  if (!found) return 0;
  const { story, practice, people } = found;
  const published = e.payload.decision === 'published';
  const url = published ? storyUrl(practice, story) : practiceUrl(practice);
  const toAuthor = new Audience().add([story.authorId], published ? 'story_published' : 'story_rejected');
  let sent = await deliver(deps, toAuthor, subjectOf(e.payload.byUserId, story.title, url), e.id);
  // The practice's people read who told the story (the subject's actor, so never told of their own).
  if (published)
    sent += await deliver(
      deps,
      new Audience().add(people, 'practice_story'),
      subjectOf(story.authorId, practice.title, url),
      e.id,
    );
  return sent;
}
