// Which domain events a webhook may receive, and what it is sent of them. Only events about public
// content are eligible, and each one is checked again when it is delivered to the subscriber: an
// object in a group is sent only when everyone may read that group (the rule of the activity feed,
// models/queries/visibility.ts), content private to its actor never, and a practice or an article
// only while it is published. People-centred events (enrolments, completions, credentials) are not
// offered at all: personal data does not leave the platform through webhooks.
import { and, eq, inArray } from 'drizzle-orm';
import { findGroupById } from '../../../models/queries/groups.ts';
import { findThread } from '../../../models/queries/threads.ts';
import { readableByEveryone } from '../../../models/queries/visibility.ts';
import { articles, practices } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import type { ContentEventPayload, DomainEvent, EventType } from '../../core/events.ts';

/** Content events whose object is public unless their payload says otherwise (group, private to the actor). */
const CONTENT_KINDS = [
  'course.published',
  'practice.published',
  'practice.validated',
  'practice.reused',
  'story.published',
  'exchange.posted',
  'twinning.created',
  'twinning.milestone',
  'article.published',
  'event.published',
  'newsletter.sent',
] as const satisfies readonly EventType[];

/** The event kinds an administrator may choose for a webhook. */
export const WEBHOOK_EVENTS = [
  ...CONTENT_KINDS,
  'thread.created',
  'post.created',
] as const satisfies readonly EventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The test ping's type (never a domain event). */
export const PING_EVENT = 'webhook.ping';

export const isWebhookEvent = (type: string): type is WebhookEventType =>
  (WEBHOOK_EVENTS as readonly string[]).includes(type);

const groupIsPublic = async (deps: Deps, groupId: number | null | undefined): Promise<boolean> => {
  if (groupId == null) return true;
  const group = await findGroupById(deps.database.db, groupId);
  return Boolean(group && readableByEveryone(group.visibility));
};

/** The objects that have a publication state of their own, still published now. */
async function stillPublished(deps: Deps, type: string, objectId: number): Promise<boolean> {
  const db = deps.database.db;
  if (type.startsWith('practice.')) {
    const [row] = await db
      .select({ id: practices.id })
      .from(practices)
      .where(and(eq(practices.id, objectId), inArray(practices.status, ['published'])));
    return Boolean(row);
  }
  if (type === 'article.published') {
    const [row] = await db
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.id, objectId), eq(articles.status, 'published')));
    return Boolean(row);
  }
  return true;
}

const absolute = (deps: Deps, url: string) => (url.startsWith('/') ? `${deps.config.publicUrl}${url}` : url);

/**
 * The `data` a webhook is sent for this event, or null when the event must not leave the platform
 * (not eligible, or its object is not public).
 */
export async function publicData(deps: Deps, event: DomainEvent): Promise<Record<string, unknown> | null> {
  if (!isWebhookEvent(event.type)) return null;
  if (event.type === 'thread.created' || event.type === 'post.created') {
    const p = event.payload as { threadId: number; groupId: number; postId: number; isFirstPost?: boolean };
    // A thread's first post is told by thread.created, as in the activity feed.
    if (event.type === 'post.created' && p.isFirstPost) return null;
    if (!(await groupIsPublic(deps, p.groupId))) return null;
    const thread = await findThread(deps.database.db, p.threadId);
    if (!thread) return null;
    return event.type === 'thread.created'
      ? {
          threadId: p.threadId,
          postId: p.postId,
          title: thread.title,
          url: absolute(deps, `/discussioni/${p.threadId}`),
        }
      : { postId: p.postId, threadId: p.threadId, title: thread.title, url: absolute(deps, `/messaggi/${p.postId}`) };
  }
  const p = event.payload as ContentEventPayload;
  if (p.privateToActor) return null;
  if (!(await groupIsPublic(deps, p.groupId))) return null;
  if (!(await stillPublished(deps, event.type, p.objectId))) return null;
  return { objectType: event.type.split('.')[0], objectId: p.objectId, title: p.title, url: absolute(deps, p.url) };
}

/** The JSON body of a delivery: the same for the event's every attempt and replay. */
export const deliveryBody = (
  event: { id: number | string; type: string; occurredAt: Date },
  data: Record<string, unknown>,
) => ({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data });
