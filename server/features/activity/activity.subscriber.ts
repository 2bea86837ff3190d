// Turns domain events into activity rows. Each event type that people care about has a builder;
// content events of features still to come (courses, practices, …) share one generic builder, so
// those features only have to publish their events for them to appear in the feeds.
import { eq } from 'drizzle-orm';
import * as q from '../../../models/queries/activities.ts';
import { findEventState } from '../../../models/queries/calendar.ts';
import { announceable } from '../../../models/queries/credentials.ts';
import { findPost as findExchangePost } from '../../../models/queries/exchange.ts';
import { findGroupById } from '../../../models/queries/groups.ts';
import { findPost } from '../../../models/queries/posts.ts';
import { findThread } from '../../../models/queries/threads.ts';
import { users } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { CONTENT_EVENTS, type ContentEventPayload, type DomainEvent, type EventType } from '../../core/events.ts';

type Draft = Omit<q.NewActivity, 'type'>;
type Builder = (deps: Deps, event: DomainEvent) => Promise<Draft | null>;

/** Reactions become activity only at these counts ("10 persone l'hanno trovato utile"). */
export const REACTION_MILESTONES = [5, 10, 25, 50, 100];

const groupDraft = async (deps: Deps, groupId: number, actorId: number | null): Promise<Draft | null> => {
  const group = await findGroupById(deps.database.db, groupId);
  if (!group) return null;
  return {
    actorId,
    objectType: 'group',
    objectId: group.id,
    objectTitle: group.name,
    objectUrl: `/gruppi/${group.slug}`,
    groupId: group.id,
    audience: 'group',
  };
};

/** A reply in a thread, as the feed shows it (titled by its thread, linked by its permalink). */
const postDraft = (
  p: { postId: number; groupId: number; threadId: number },
  threadTitle: string,
  actorId: number | null,
): Draft => ({
  actorId,
  objectType: 'post',
  objectId: p.postId,
  objectTitle: threadTitle,
  objectUrl: `/messaggi/${p.postId}`,
  groupId: p.groupId,
  threadId: p.threadId,
  audience: 'group',
});

const builders: Partial<Record<EventType, Builder>> = {
  'user.registered': async (deps, e) => {
    const { userId } = (e as DomainEvent<'user.registered'>).payload;
    const [user] = await deps.database.db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    return user
      ? {
          actorId: userId,
          objectType: 'user',
          objectId: userId,
          objectTitle: user.name,
          objectUrl: `/membri/${userId}`,
          audience: 'public',
        }
      : null;
  },
  'group.created': (deps, e) => {
    const { groupId, byUserId } = (e as DomainEvent<'group.created'>).payload;
    return groupDraft(deps, groupId, byUserId);
  },
  'member.joined': (deps, e) => {
    const { groupId, userId } = (e as DomainEvent<'member.joined'>).payload;
    return groupDraft(deps, groupId, userId);
  },
  'thread.created': async (deps, e) => {
    const { threadId, groupId, authorId } = (e as DomainEvent<'thread.created'>).payload;
    const thread = await findThread(deps.database.db, threadId);
    if (!thread) return null;
    return {
      actorId: authorId,
      objectType: 'thread',
      objectId: threadId,
      objectTitle: thread.title,
      objectUrl: `/discussioni/${threadId}`,
      groupId,
      threadId,
      audience: 'group',
    };
  },
  'post.created': async (deps, e) => {
    const p = (e as DomainEvent<'post.created'>).payload;
    if (p.isFirstPost) return null; // thread.created says it already
    const thread = await findThread(deps.database.db, p.threadId);
    return thread ? postDraft(p, thread.title, p.authorId) : null;
  },
  'reaction.added': async (deps, e) => {
    const p = (e as DomainEvent<'reaction.added'>).payload;
    if (!REACTION_MILESTONES.includes(p.count)) return null;
    const [post, thread] = await Promise.all([
      findPost(deps.database.db, p.postId),
      findThread(deps.database.db, p.threadId),
    ]);
    if (!post || !thread) return null;
    return { ...postDraft(p, thread.title, post.authorId), data: { kind: p.kind, count: p.count } };
  },
};

function contentBuilder(objectType: string): Builder {
  return async (_deps, e) => {
    const p = e.payload as ContentEventPayload;
    return {
      actorId: p.actorId,
      objectType,
      objectId: p.objectId,
      objectTitle: p.title,
      objectUrl: p.url,
      groupId: p.groupId ?? null,
      audience: p.privateToActor ? 'actor' : p.groupId ? 'group' : 'public',
    };
  };
}
for (const type of CONTENT_EVENTS) builders[type] = contentBuilder(type.split('.')[0]!);

const CREDENTIAL_URL = /^\/credenziali\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/**
 * A credential announced publicly is stored hidden when, by the time its issue is delivered (a retry
 * after later events), it was revoked or its person stopped showing credentials: the row is as the
 * later events would have left it.
 */
builders['credential.issued'] = async (deps, e) => {
  const draft = await contentBuilder('credential')(deps, e);
  if (draft?.audience !== 'public') return draft;
  const id = CREDENTIAL_URL.exec(draft.objectUrl ?? '')?.[1];
  return { ...draft, hidden: !id || !(await announceable(deps.database.db, id)) };
};

export function registerActivitySubscribers(deps: Deps): void {
  // The dispatcher delivers events one at a time, oldest first, so the feed (ordered by id, which is
  // also its cursor) tells things in the order they happened. An event delivered again finds its
  // activity already stored (unique event id) and records nothing more.
  const record = async (type: EventType, build: Builder, event: DomainEvent) => {
    const draft = await build(deps, event);
    if (!draft) return;
    await deps.database.db.transaction(async (tx) => {
      const row = await q.insertActivity(tx, { ...draft, type, createdAt: event.occurredAt, eventId: event.id });
      if (row) await deps.bus.record(tx, 'activity.recorded', { activityId: row.id });
    });
  };
  for (const [type, build] of Object.entries(builders) as [EventType, Builder][]) {
    deps.bus.subscribe(type, (event) => record(type, build, event as DomainEvent));
  }
  // Moderation reaches the feeds too: hidden or deleted posts disappear, moved threads follow their group.
  deps.bus.subscribe('post.hidden', (e) => q.setHiddenFor(deps.database.db, 'post', e.payload.postId, true));
  deps.bus.subscribe('post.restored', (e) => q.setHiddenFor(deps.database.db, 'post', e.payload.postId, false));
  deps.bus.subscribe('post.deleted', (e) => q.setHiddenFor(deps.database.db, 'post', e.payload.postId, true));
  deps.bus.subscribe('thread.moved', (e) =>
    q.moveThreadActivities(deps.database.db, e.payload.threadId, e.payload.groupId),
  );
  // An article withdrawn (back to draft or scheduled) leaves the feed (hidden), which would link to a
  // 404 and, on republication, show it twice; a renamed one shows its new title. Both touch only rows of
  // earlier events, so a late or repeated delivery changes nothing more. (Events recorded before
  // `published` was in the payload say neither, and change nothing.)
  deps.bus.subscribe('article.updated', async ({ id, payload: p }) => {
    if (p.published === false) await q.hideActivitiesBefore(deps.database.db, 'article', p.articleId, id);
    else if (p.published) await q.retitleActivitiesBefore(deps.database.db, 'article', p.articleId, id, p);
  });
  // Calendar events withdrawn or changed after their announcement: a cancelled one leaves the feeds
  // (hidden, not deleted: a late redelivery of event.published then finds its row and adds none),
  // a changed one's rows follow its title and group (into a private group: its readers only).
  // A recognised competence is announced while its person shows their competences (booklet), and
  // leaves the public feeds when they hide them (back when they show them again); so is a credential
  // with their credentials, except a revoked one, which is gone for good. There is no audience of a
  // person's followers in the feed (public, group, actor): "their network" reads what is public, so
  // the person's choice to show credentials on the profile is also the choice to announce them.
  deps.bus.subscribe('booklet.visibility_changed', async (e) => {
    const { userId, showCompetences, showCredentials } = e.payload;
    await q.setActorTypeHidden(deps.database.db, 'competence.recognized', userId, !showCompetences);
    if (typeof showCredentials === 'boolean')
      await q.setCredentialActivitiesHidden(deps.database.db, userId, !showCredentials);
  });
  deps.bus.subscribe('credential.revoked', (e) =>
    q.hideActivitiesAt(deps.database.db, 'credential.issued', e.payload.url),
  );
  deps.bus.subscribe('event.cancelled', (e) => q.setHiddenFor(deps.database.db, 'event', e.payload.eventId, true));
  // The event as it is now, not as this message says: after a failed delivery is retried, an older
  // update may arrive after a newer one, and must not take an event back out of its private group.
  deps.bus.subscribe('event.updated', async (e) => {
    const now = await findEventState(deps.database.db, e.payload.eventId);
    if (now) await q.retargetContentActivities(deps.database.db, 'event', e.payload.eventId, now);
  });
  // A Cerco/Offro post's rows take its title as it is now (whether it shows is read with the feed).
  deps.bus.subscribe('exchange.updated', async (e) => {
    const post = await findExchangePost(deps.database.db, e.payload.postId);
    if (post)
      await q.retargetContentActivities(deps.database.db, 'exchange', post.id, { title: post.title, groupId: null });
  });
}
